#include "customerhistorysection.h"

#include "customerhistoryview.h"

#include <accounts/accountsmodule.h>
#include <accounts/customerhistory.h>
#include <core/module.h>
#include <core/ui/background.h>
#include <core/ui/customerview.h>

#include <QDateTime>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

namespace Ud::Accounts {

CustomerHistorySection::CustomerHistorySection(AccountsModule &module, const Core::UserContext &user,
                                               Ui::CustomerView &view, QWidget *parent)
    : QWidget(parent), m_module(module), m_user(user), m_view(&view), m_customerId(view.customerId()),
      m_rows(new QVBoxLayout), m_status(new QLabel(this)), m_showAll(new QPushButton(this))
{
    setObjectName(QStringLiteral("customerHistorySection"));
    m_showAll->setObjectName(QStringLiteral("showAllChanges"));
    m_status->setWordWrap(true);
    m_rows->setContentsMargins(0, 0, 0, 0);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_showAll);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_status);
    layout->addLayout(m_rows);
    layout->addLayout(buttons);
    connect(m_showAll, &QPushButton::clicked, this, &CustomerHistorySection::showAll);
    connect(&view, &Ui::CustomerView::refreshed, this, &CustomerHistorySection::reload);
    retranslateUi();
    reload();
}

void CustomerHistorySection::reload()
{
    struct Recent {
        QList<CustomerChange> rows;
        qint64 total = 0;
    };
    CustomerHistory &history = m_module.history();
    const Core::UserContext user = m_user;
    const QString id = m_customerId;
    Ui::runInBackground(
        m_module.context().database, this,
        [&history, user, id] {
            return Recent{history.changes(user, id, RecentEntries), history.count(user, id)};
        },
        [this](const Recent &recent) {
            while (QLayoutItem *item = m_rows->takeAt(0)) {
                delete item->widget();
                delete item;
            }
            m_loaded = true;
            m_total = recent.total;
            const QLocale locale;
            for (const CustomerChange &c : recent.rows.mid(0, RecentRows)) {
                const QString when = locale.toString(QDateTime::fromSecsSinceEpoch(c.at).toLocalTime(), QLocale::ShortFormat);
                QString what = c.field.isEmpty() ? c.action : tr("%1 %2").arg(c.action, c.field);
                if (c.before.isEmpty() && !c.after.isEmpty())
                    what = tr("%1: %2").arg(what, c.after);
                else if (!c.before.isEmpty())
                    what = tr("%1: %2 → %3").arg(what, c.before, c.after.isEmpty() ? tr("(none)") : c.after);
                auto *line = new QLabel(tr("%1, %2: %3").arg(when, c.actor, what), this);
                line->setTextFormat(Qt::PlainText);
                line->setWordWrap(true);
                m_rows->addWidget(line);
            }
            retranslateUi();
        },
        [this](const QString &error) {
            m_loaded = true;
            m_status->setText(tr("The change history could not be loaded: %1").arg(error));
            m_status->show();
        });
}

QStringList CustomerHistorySection::lines() const
{
    QStringList out;
    for (int i = 0; i < m_rows->count(); ++i) {
        if (auto *label = qobject_cast<QLabel *>(m_rows->itemAt(i)->widget()))
            out << label->text();
    }
    return out;
}

void CustomerHistorySection::showAll()
{
    if (!m_view)
        return;
    auto *page = new CustomerHistoryView(m_module, m_user, m_customerId);
    QWidget *shown = m_view->openSubPage(QStringLiteral("history"), tr("History"), page);
    if (shown == page)
        connect(m_view, &Ui::CustomerView::refreshed, page, &CustomerHistoryView::reload);
}

void CustomerHistorySection::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void CustomerHistorySection::retranslateUi()
{
    m_showAll->setText(m_total > 0 ? tr("&Show all changes (%L1)").arg(m_total) : tr("&Show all changes"));
    m_showAll->setEnabled(m_total > 0);
    if (!m_loaded)
        m_status->setText(tr("Loading the change history…"));
    else if (m_total == 0)
        m_status->setText(tr("No changes recorded yet"));
    m_status->setVisible(!m_loaded || m_total == 0);
}

} // namespace Ud::Accounts
