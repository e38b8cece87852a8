#pragma once

#include <QByteArray>
#include <QObject>
#include <QString>

class QWebEnginePage;

namespace Ud::Billing {

/// Prints a bill document's HTML (BillDocument::html) to an A4 PDF through QtWebEngine. It
/// needs a QGuiApplication and runs on the GUI thread: the page loads and prints
/// asynchronously, so the window stays responsive. QtWebEngine refuses to start its sandbox
/// as root; scripts and tests that run as root set QTWEBENGINE_CHROMIUM_FLAGS=--no-sandbox
/// themselves (the program never turns the sandbox off).
class BillPdf : public QObject
{
    Q_OBJECT
public:
    explicit BillPdf(QObject *parent = nullptr);
    ~BillPdf() override;

    /// Starts printing; ends with finished() or failed(). One document at a time.
    void render(const QString &html);
    bool isBusy() const { return m_page != nullptr; }

    /// Prints and waits in a local event loop (command line, tests). Throws Core::Error.
    static QByteArray print(const QString &html);
    /// print() into `path`; throws Core::Error naming the file if it cannot be written.
    static void write(const QString &html, const QString &path);

signals:
    void finished(const QByteArray &pdf);
    void failed(const QString &error);

private:
    void done();

    QWebEnginePage *m_page = nullptr;
};

} // namespace Ud::Billing
