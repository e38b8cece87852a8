#include "billpdf.h"

#include <core/error.h>

#include <QEventLoop>
#include <QFile>
#include <QMarginsF>
#include <QPageLayout>
#include <QPageSize>
#include <QPointer>
#include <QSaveFile>
#include <QTimer>
#include <QUrl>
#include <QWebEnginePage>

namespace Ud::Billing {

namespace {
/// A page that does not load or print in this long is stuck (no renderer process).
constexpr int TimeoutMs = 60000;
}

BillPdf::BillPdf(QObject *parent) : QObject(parent) {}

BillPdf::~BillPdf() = default;

void BillPdf::render(const QString &html)
{
    if (m_page)
        return;
    m_page = new QWebEnginePage(this);
    QPointer<QWebEnginePage> page = m_page;
    connect(m_page, &QWebEnginePage::loadFinished, this, [this, page](bool ok) {
        if (!page || page != m_page)
            return;
        if (!ok) {
            done();
            emit failed(tr("The bill document could not be laid out for printing."));
            return;
        }
        const QPageLayout layout(QPageSize(QPageSize::A4), QPageLayout::Portrait, QMarginsF(15, 15, 15, 15),
                                 QPageLayout::Millimeter);
        m_page->printToPdf(
            [this, page](const QByteArray &pdf) {
                if (!page || page != m_page)
                    return;
                done();
                if (pdf.isEmpty())
                    emit failed(tr("The bill document could not be printed to PDF."));
                else
                    emit finished(pdf);
            },
            layout);
    });
    // The template needs nothing from outside: no base URL, so the page can reach nothing.
    m_page->setHtml(html);
}

void BillPdf::done()
{
    if (m_page) {
        m_page->deleteLater();
        m_page = nullptr;
    }
}

QByteArray BillPdf::print(const QString &html)
{
    BillPdf printer;
    QEventLoop loop;
    QByteArray result;
    QString error;
    connect(&printer, &BillPdf::finished, &loop, [&](const QByteArray &pdf) {
        result = pdf;
        loop.quit();
    });
    connect(&printer, &BillPdf::failed, &loop, [&](const QString &why) {
        error = why;
        loop.quit();
    });
    QTimer timeout;
    timeout.setSingleShot(true);
    connect(&timeout, &QTimer::timeout, &loop, [&] {
        error = tr("Printing the bill document to PDF did not finish within %n seconds.", nullptr, TimeoutMs / 1000);
        loop.quit();
    });
    timeout.start(TimeoutMs);
    printer.render(html);
    loop.exec();
    if (!error.isEmpty())
        throw Core::Error(Core::Error::Kind::Database, error);
    return result;
}

void BillPdf::write(const QString &html, const QString &path)
{
    const QByteArray pdf = print(html);
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(pdf) != pdf.size() || !file.commit())
        throw Core::Error(Core::Error::Kind::BadInput,
                          tr("Cannot write the bill PDF %1: %2.").arg(path, file.errorString()));
}

} // namespace Ud::Billing
