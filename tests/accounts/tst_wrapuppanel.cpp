#include "accountsfixture.h"

#include <accounts/contactcodes.h>
#include <accounts/identityservice.h>
#include <accounts/ui/contactui.h>
#include <accounts/ui/identitypanel.h>
#include <accounts/ui/wrapuppanel.h>
#include <core/sqlquery.h>
#include <core/ui/customerview.h>
#include <core/ui/messagebar.h>
#include <core/ui/pageregistry.h>

#include <QApplication>
#include <QComboBox>
#include <QDateEdit>
#include <QHash>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>
#include <QVBoxLayout>

using namespace Ud;
using Accounts::IdentityPanel;
using Accounts::WrapUpPanel;
using Test::AccountsFixture;

namespace {
/// Stands in for the workspace's customer tab: keeps the contact state and the side panels
/// and counts what the panels ask of it.
class TestCustomerView : public Ui::CustomerView
{
    Q_OBJECT
public:
    explicit TestCustomerView(QString id) : m_id(std::move(id)), m_started(QDateTime::currentDateTimeUtc())
    {
        new QVBoxLayout(this);
    }

    QString customerId() const override { return m_id; }
    QString customerName() const override { return QStringLiteral("Test Customer"); }
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
        ++newContacts;
        m_verification.clear();
        m_activities.clear();
        m_started = QDateTime::currentDateTimeUtc();
        emit identityChanged();
    }
    QWidget *openSubPage(const QString &, const QString &, QWidget *page) override { return page; }
    void closeSubPage(const QString &) override {}
    QWidget *openSidePanel(const QString &id, const QString &title, QWidget *panel) override
    {
        if (QWidget *open = panels.value(id)) {
            delete panel;
            return open;
        }
        panel->setParent(this);
        panel->setWindowTitle(title);
        layout()->addWidget(panel);
        panels.insert(id, panel);
        panel->show();
        return panel;
    }
    void closeSidePanel(const QString &id) override
    {
        closed << id;
        if (QWidget *panel = panels.take(id))
            panel->deleteLater();
    }
    void noteActivity(const QString &text) override { m_activities << text; }
    QStringList activities() const override { return m_activities; }
    void showMessage(const QString &text, bool) override { messages << text; }
    void refresh() override
    {
        ++refreshes;
        emit refreshed();
    }

    void setStartedAt(const QDateTime &at) { m_started = at; }

    QHash<QString, QPointer<QWidget>> panels;
    QStringList closed;
    QStringList messages;
    int newContacts = 0;
    int refreshes = 0;

private:
    QString m_id;
    QDateTime m_started;
    QString m_verification;
    QStringList m_activities;
};

template<typename T>
T *child(QWidget *parent, const char *name)
{
    T *w = parent->findChild<T *>(QString::fromLatin1(name));
    if (!w)
        qFatal("no child %s", name);
    return w;
}

// The inline field messages shown in `parent`, in layout order, joined by "|".
QString fieldMessages(QWidget *parent)
{
    QStringList shown;
    for (auto *m : parent->findChildren<Ui::FieldMessage *>()) {
        if (!m->message().isEmpty())
            shown << m->message();
    }
    return shown.join(QLatin1Char('|'));
}

void trigger(Ui::PageRegistry &registry, const QString &id, Ui::CustomerView &view)
{
    for (const Ui::CustomerAction &action : registry.customerActions()) {
        if (action.id == id) {
            action.trigger(view);
            return;
        }
    }
    qFatal("no customer action %s", qPrintable(id));
}

int selectCode(QComboBox *combo, const QString &code)
{
    const int index = combo->findData(code);
    combo->setCurrentIndex(index);
    return index;
}
} // namespace

class TestWrapUpPanel : public QObject
{
    Q_OBJECT

private slots:
    void actionsAndPageAreRegistered_data() { Test::addBackendRows(); }
    void actionsAndPageAreRegistered()
    {
        UD_TEST_DATABASE(t);
        AccountsFixture f(t.db());
        Ui::PageRegistry registry;
        Accounts::registerContactUi(registry, f.module, f.agent());
        QStringList ids;
        for (const Ui::CustomerAction &a : registry.customerActions()) {
            ids << a.id;
            QVERIFY(!a.needsVerifiedIdentity);
        }
        QCOMPARE(ids, (QStringList{QStringLiteral("verify_identity"), QStringLiteral("log_contact")}));
        QCOMPARE(registry.customerActions().at(0).shortcut, QKeySequence(QStringLiteral("Ctrl+K")));
        QCOMPARE(registry.customerActions().at(0).text(), QStringLiteral("&Verify identity…"));
        QCOMPARE(registry.customerActions().at(0).permission, Core::Permission::LogInteractions);
        QCOMPARE(registry.customerActions().at(1).shortcut, QKeySequence(QStringLiteral("Ctrl+L")));
        QCOMPARE(registry.customerActions().at(1).permission, Core::Permission::LogInteractions);
        QCOMPARE(registry.pages().size(), 1);
        QCOMPARE(registry.pages().constFirst().title(), QStringLiteral("Contact codes"));
        QCOMPARE(registry.pages().constFirst().permission, Core::Permission::ChangeSettings);

        Accounts::Customer c;
        c.fullName = QStringLiteral("Registered Actions");
        c = f.customers().create(f.agent(), c);
        TestCustomerView view(c.id);
        trigger(registry, QStringLiteral("verify_identity"), view);
        auto *identityPanel = qobject_cast<IdentityPanel *>(view.panels.value(QStringLiteral("identity")));
        QVERIFY(identityPanel);
        QSignalSpy identityLoaded(identityPanel, &IdentityPanel::loaded);
        trigger(registry, QStringLiteral("log_contact"), view);
        auto *panel = qobject_cast<WrapUpPanel *>(view.panels.value(QStringLiteral("wrap_up")));
        QVERIFY(panel);
        QSignalSpy wrapUpLoaded(panel, &WrapUpPanel::loaded);
        // The panels load in the background: let them finish before the database goes.
        QTRY_COMPARE(identityLoaded.count(), 1);
        QTRY_COMPARE(wrapUpLoaded.count(), 1);
        // Triggered again: the open wrap-up is kept, with what was done since in its summary.
        view.noteActivity(QStringLiteral("Tariff explained"));
        trigger(registry, QStringLiteral("log_contact"), view);
        QCOMPARE(view.panels.value(QStringLiteral("wrap_up")).data(), panel);
        QCOMPARE(child<QLineEdit>(panel, "wrapUpSummary")->text(), QStringLiteral("Tariff explained"));
    }

    void logNeedsCodesThenStoresTheContact_data() { Test::addBackendRows(); }
    void logNeedsCodesThenStoresTheContact()
    {
        UD_TEST_DATABASE(t);
        AccountsFixture f(t.db());
        Accounts::Customer c;
        c.fullName = QStringLiteral("Wrap Up");
        c = f.customers().create(f.agent(), c);
        TestCustomerView view(c.id);
        view.setStartedAt(QDateTime::currentDateTimeUtc().addSecs(-125));
        view.noteActivity(QStringLiteral("Email changed"));
        view.noteActivity(QStringLiteral("Moved to 5 High St"));
        view.setIdentityVerification(QStringLiteral("date of birth"));
        Ui::PageRegistry registry;
        Accounts::registerContactUi(registry, f.module, f.agent());
        view.show();
        trigger(registry, QStringLiteral("log_contact"), view);
        auto *panel = qobject_cast<WrapUpPanel *>(view.panels.value(QStringLiteral("wrap_up")));
        QVERIFY(panel);
        auto *reason = child<QComboBox>(panel, "wrapUpReason");
        auto *wrapUp = child<QComboBox>(panel, "wrapUpCode");
        QTRY_COMPARE(reason->count(), 9);   // "Choose a reason…" and the eight shipped reasons
        QCOMPARE(reason->currentData().toString(), QString());
        QCOMPARE(reason->itemText(5), QStringLiteral("Moving home"));
        QCOMPARE(child<QComboBox>(panel, "wrapUpChannel")->currentText(), QStringLiteral("Phone"));
        QCOMPARE(child<QLineEdit>(panel, "wrapUpSummary")->text(), QStringLiteral("Email changed; Moved to 5 High St"));
        QCOMPARE(child<QLabel>(panel, "wrapUpIdentity")->text(), QStringLiteral("Verified by date of birth"));
        const auto shownDuration = WrapUpPanel::parseDuration(child<QLineEdit>(panel, "wrapUpDuration")->text());
        QVERIFY(shownDuration);
        QVERIFY2(*shownDuration >= 125 && *shownDuration < 185, qPrintable(child<QLineEdit>(panel, "wrapUpDuration")->text()));

        // Log with no codes chosen: the fields say so and nothing is stored.
        QTest::mouseClick(child<QPushButton>(panel, "wrapUpLog"), Qt::LeftButton);
        QCOMPARE(fieldMessages(panel), QStringLiteral("Choose a reason: why did the customer get in touch?|"
                                                             "Choose a wrap-up code: how did the contact end?"));
        QCOMPARE(QApplication::focusWidget(), reason);
        QTest::qWait(50);
        QCOMPARE(f.interactions().countOfCustomer(f.agent(), c.id), 0);
        QCOMPARE(view.newContacts, 0);

        QVERIFY(selectCode(reason, QStringLiteral("bill")) > 0);
        QCOMPARE(fieldMessages(panel), QStringLiteral("Choose a wrap-up code: how did the contact end?"));
        QVERIFY(selectCode(wrapUp, QStringLiteral("callback_booked")) > 0);
        child<QPlainTextEdit>(panel, "wrapUpNotes")->setPlainText(QStringLiteral("Call back Friday"));
        QSignalSpy logged(panel, &WrapUpPanel::logged);
        QPointer<WrapUpPanel> guard(panel);
        // Ctrl+Enter logs from any field of the panel.
        QTest::keyClick(child<QPlainTextEdit>(panel, "wrapUpNotes"), Qt::Key_Return, Qt::ControlModifier);
        QTRY_COMPARE(logged.count(), 1);
        QTRY_VERIFY(guard.isNull());    // closed once logged

        Core::SqlQuery row(t.db().connection(), QStringLiteral(
            "SELECT reason_code, wrap_up_code, duration_seconds, identity_check, summary, notes, channel, reason "
            "FROM interactions WHERE customer_id = :c"));
        row.bind(QStringLiteral(":c"), c.id).exec();
        QVERIFY(row.next());
        QCOMPARE(row.value(0).toString(), QStringLiteral("bill"));
        QCOMPARE(row.value(1).toString(), QStringLiteral("callback_booked"));
        QVERIFY2(row.value(2).toInt() >= 125, qPrintable(row.value(2).toString()));
        QCOMPARE(row.value(3).toString(), QStringLiteral("date of birth"));
        QCOMPARE(row.value(4).toString(), QStringLiteral("Email changed; Moved to 5 High St"));
        QCOMPARE(row.value(5).toString(), QStringLiteral("Call back Friday"));
        QCOMPARE(row.value(6).toString(), QStringLiteral("phone"));
        QCOMPARE(row.value(7).toString(), QStringLiteral("Bill"));
        QVERIFY(!row.next());
        QCOMPARE(view.newContacts, 1);
        QCOMPARE(view.refreshes, 1);
        QCOMPARE(view.closed, QStringList{QStringLiteral("wrap_up")});
        QVERIFY(!view.identityVerified());
    }

    void failedLogKeepsEveryValue_data() { Test::addBackendRows(); }
    void failedLogKeepsEveryValue()
    {
        UD_TEST_DATABASE(t);
        AccountsFixture f(t.db());
        Accounts::Customer c;
        c.fullName = QStringLiteral("Kept Values");
        c = f.customers().create(f.agent(), c);
        TestCustomerView view(c.id);
        WrapUpPanel panel(f.interactions(), f.module.contactCodes(), t.db(), f.agent(), view);
        QSignalSpy loaded(&panel, &WrapUpPanel::loaded);
        QTRY_COMPARE(loaded.count(), 1);
        selectCode(child<QComboBox>(&panel, "wrapUpReason"), QStringLiteral("outage"));
        selectCode(child<QComboBox>(&panel, "wrapUpCode"), QStringLiteral("escalated"));
        child<QComboBox>(&panel, "wrapUpChannel")->setCurrentIndex(
            child<QComboBox>(&panel, "wrapUpChannel")->findData(QStringLiteral("email")));
        child<QLineEdit>(&panel, "wrapUpSummary")->setText(QStringLiteral("Street light out"));
        child<QPlainTextEdit>(&panel, "wrapUpNotes")->setPlainText(QStringLiteral("Passed to the network team"));
        QLineEdit *duration = child<QLineEdit>(&panel, "wrapUpDuration");
        QTest::keyClick(duration, Qt::Key_A, Qt::ControlModifier);
        QTest::keyClicks(duration, QStringLiteral("7:30"));
        QCOMPARE(panel.durationSeconds(), 450);

        // Meanwhile a supervisor retires the reason chosen.
        const auto outage = f.module.contactCodes().list(f.supervisor(), Accounts::ContactCodeKind::Reason).at(3);
        QCOMPARE(outage.code, QStringLiteral("outage"));
        f.module.contactCodes().setActive(f.supervisor(), outage.id, false);

        QSignalSpy failed(&panel, &WrapUpPanel::logFailed);
        panel.log();
        QTRY_COMPARE(failed.count(), 1);
        QCOMPARE(panel.messageBar()->text(), QStringLiteral("The contact was not logged: Reason code \"outage\" is not an "
                                                            "active reason: choose one from the list."));
        QCOMPARE(child<QComboBox>(&panel, "wrapUpReason")->currentData().toString(), QStringLiteral("outage"));
        QCOMPARE(child<QComboBox>(&panel, "wrapUpCode")->currentData().toString(), QStringLiteral("escalated"));
        QCOMPARE(child<QComboBox>(&panel, "wrapUpChannel")->currentData().toString(), QStringLiteral("email"));
        QCOMPARE(child<QLineEdit>(&panel, "wrapUpSummary")->text(), QStringLiteral("Street light out"));
        QCOMPARE(child<QPlainTextEdit>(&panel, "wrapUpNotes")->toPlainText(), QStringLiteral("Passed to the network team"));
        QCOMPARE(duration->text(), QStringLiteral("7:30"));
        QVERIFY(child<QPushButton>(&panel, "wrapUpLog")->isEnabled());
        QCOMPARE(view.newContacts, 0);
        QCOMPARE(f.interactions().countOfCustomer(f.agent(), c.id), 0);

        // A duration that cannot be read is refused inline.
        QTest::keyClick(duration, Qt::Key_A, Qt::ControlModifier);
        QTest::keyClicks(duration, QStringLiteral("7:75"));
        panel.log();
        QCOMPARE(fieldMessages(&panel),
                 QStringLiteral("Enter the duration as minutes:seconds, for example 4:30 (at most 24 hours)."));
    }

    void identityPanelVerifiesTheCaller_data() { Test::addBackendRows(); }
    void identityPanelVerifiesTheCaller()
    {
        UD_TEST_DATABASE(t);
        AccountsFixture f(t.db());
        Accounts::IdentityService identity(f.context, Core::PasswordHasher::forTests(1000));
        Accounts::Customer c;
        c.fullName = QStringLiteral("Caller Checked");
        c.dateOfBirth = QDate(1970, 7, 1);
        c = f.customers().create(f.agent(), c);
        identity.setSecurityAnswer(f.agent(), c.id, QStringLiteral("Street you grew up in?"), QStringLiteral("Elm Road"));

        TestCustomerView view(c.id);
        view.show();
        auto *panel = new IdentityPanel(identity, t.db(), f.agent(), view);
        QSignalSpy loaded(panel, &IdentityPanel::loaded);
        view.openSidePanel(QStringLiteral("identity"), QStringLiteral("Verify identity"), panel);
        QTRY_COMPARE(loaded.count(), 1);
        QCOMPARE(child<QLabel>(panel, "identitySecurityQuestion")->text(), QStringLiteral("Street you grew up in?"));
        auto *date = child<QDateEdit>(panel, "identityDateOfBirth");
        auto *answer = child<QLineEdit>(panel, "identitySecurityAnswer");
        QCOMPARE(answer->echoMode(), QLineEdit::Normal);
        QSignalSpy finished(panel, &IdentityPanel::checkFinished);

        // Nothing entered: the panel asks for something before checking.
        child<QPushButton>(panel, "identityVerify")->click();
        QCOMPARE(fieldMessages(panel), QStringLiteral("Enter what the caller gives: their date of birth or the "
                                                           "answer to the security question."));
        QCOMPARE(finished.count(), 0);

        // A wrong answer: not verified, the factor says so, the view stays unverified.
        date->setDate(QDate(1970, 7, 1));
        QTest::keyClicks(answer, QStringLiteral("Oak Road"));
        QTest::keyClick(answer, Qt::Key_Return);
        QTRY_COMPARE(finished.count(), 1);
        QCOMPARE(finished.last().at(0).toBool(), false);
        QCOMPARE(panel->factorText(QStringLiteral("date_of_birth")), QStringLiteral("✓ Matches"));
        QCOMPARE(panel->factorText(QStringLiteral("security_answer")), QStringLiteral("✗ Does not match"));
        QCOMPARE(panel->messageBar()->text(), QStringLiteral("Not verified: the security answer did not match."));
        QCOMPARE(answer->text(), QString());   // never left on screen
        QVERIFY(!view.identityVerified());
        QVERIFY(view.activities().isEmpty());

        // The right answer, typed loosely, with Enter in the answer field.
        QTest::keyClicks(answer, QStringLiteral("  elm   ROAD"));
        QTest::keyClick(answer, Qt::Key_Enter);
        QTRY_COMPARE(finished.count(), 2);
        QCOMPARE(finished.last().at(0).toBool(), true);
        QCOMPARE(panel->factorText(QStringLiteral("security_answer")), QStringLiteral("✓ Matches"));
        QCOMPARE(view.identityVerification(), QStringLiteral("date of birth, security answer"));
        QCOMPARE(view.activities(), QStringList{QStringLiteral("Identity verified by date of birth, security answer")});
        QCOMPARE(answer->text(), QString());

        // The wrap-up then logs how identity was verified.
        WrapUpPanel wrapUp(f.interactions(), f.module.contactCodes(), t.db(), f.agent(), view);
        QSignalSpy wrapUpLoaded(&wrapUp, &WrapUpPanel::loaded);
        QTRY_COMPARE(wrapUpLoaded.count(), 1);
        QCOMPARE(child<QLabel>(&wrapUp, "wrapUpIdentity")->text(),
                 QStringLiteral("Verified by date of birth, security answer"));
    }

    void identityPanelWithNothingOnRecord_data() { Test::addBackendRows(); }
    void identityPanelWithNothingOnRecord()
    {
        UD_TEST_DATABASE(t);
        AccountsFixture f(t.db());
        Accounts::IdentityService identity(f.context, Core::PasswordHasher::forTests(1000));
        Accounts::Customer c;
        c.fullName = QStringLiteral("Nothing Known");
        c = f.customers().create(f.agent(), c);
        TestCustomerView view(c.id);
        IdentityPanel panel(identity, t.db(), f.agent(), view);
        QSignalSpy loaded(&panel, &IdentityPanel::loaded);
        QTRY_COMPARE(loaded.count(), 1);
        QCOMPARE(panel.messageBar()->text(), QStringLiteral("No date of birth or security answer on record: verify the "
                                                            "caller another way and record one."));
        QVERIFY(!child<QPushButton>(&panel, "identityVerify")->isEnabled());
        QVERIFY(!child<QDateEdit>(&panel, "identityDateOfBirth")->isEnabled());
        QCOMPARE(child<QLabel>(&panel, "identitySecurityQuestion")->text(), QStringLiteral("No security question on record."));
    }
};

QTEST_MAIN(TestWrapUpPanel)
#include "tst_wrapuppanel.moc"
