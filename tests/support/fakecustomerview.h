#pragma once

// A customer tab as the sections, panels and sub-pages a module contributes see it
// (Ui::CustomerView), for testing them without the workspace: it keeps what they open and
// records what they ask of it. Header-only: tests that use it link core_ui.

#include <core/ui/customerview.h>

#include <QDateTime>
#include <QMap>
#include <QPointer>
#include <QStringList>
#include <QVBoxLayout>

namespace Ud::Test {

class FakeCustomerView : public Ui::CustomerView
{
public:
    explicit FakeCustomerView(QString id, QString name = QStringLiteral("Test Customer"))
        : m_id(std::move(id)), m_name(std::move(name))
    {
        new QVBoxLayout(this);
    }

    QString customerId() const override { return m_id; }
    QString customerName() const override { return m_name; }
    QDateTime contactStartedAt() const override { return m_started; }
    bool identityVerified() const override { return !m_verification.isEmpty(); }
    QString identityVerification() const override { return m_verification; }
    void setIdentityVerification(const QString &how) override
    {
        m_verification = how;
        emit identityChanged();
    }
    void startNewContact() override
    {
        m_verification.clear();
        activityList.clear();
    }
    /// As the workspace does: a sub-page already open with the id is brought forward and the
    /// new one deleted.
    QWidget *openSubPage(const QString &id, const QString &title, QWidget *page) override
    {
        if (QWidget *open = subPages.value(id)) {
            delete page;
            return open;
        }
        page->setParent(this);
        page->setWindowTitle(title);
        layout()->addWidget(page);
        subPages.insert(id, page);
        return page;
    }
    void closeSubPage(const QString &id) override { delete subPages.take(id); }
    QWidget *openSidePanel(const QString &id, const QString &, QWidget *panel) override
    {
        panels.insert(id, panel);
        return panel;
    }
    void closeSidePanel(const QString &id) override { delete panels.take(id); }
    void noteActivity(const QString &text) override { activityList << text; }
    QStringList activities() const override { return activityList; }
    void showMessage(const QString &text, bool) override { messages << text; }
    void refresh() override { emit refreshed(); }

    QMap<QString, QPointer<QWidget>> subPages;
    QMap<QString, QPointer<QWidget>> panels;
    QStringList activityList;
    QStringList messages;

private:
    QString m_id;
    QString m_name;
    QDateTime m_started = QDateTime::currentDateTimeUtc();
    QString m_verification;
};

} // namespace Ud::Test
