#include "accountsfixture.h"

#include <accounts/customerhistorymodel.h>
#include <accounts/identityservice.h>
#include <accounts/ui/customerhistoryview.h>
#include <accounts/ui/customerhistorysection.h>
#include <accounts/ui/customerprofileeditor.h>
#include <accounts/ui/profileui.h>
#include <core/ui/pageregistry.h>
#include <core/ui/customerview.h>
#include <core/ui/messagebar.h>
#include <core/sqlquery.h>
#include <core/ui/tableview.h>

#include <QApplication>
#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTest>
#include <QVBoxLayout>

using namespace Ud;
using Accounts::Customer;
using Accounts::CustomerHistoryModel;
using Accounts::CustomerProfileEditor;
using Test::AccountsFixture;

namespace {
/// The customer tab as far as the editor needs it: it records what the editor tells it.
class FakeCustomerView : public Ui::CustomerView
{
public:
    explicit FakeCustomerView(QString customerId) : m_customerId(std::move(customerId))
    {
        new QVBoxLayout(this);
    }

    QString customerId() const override { return m_customerId; }
    QString customerName() const override { return QStringLiteral("Mary Smith"); }
    QDateTime contactStartedAt() const override { return {}; }
    bool identityVerified() const override { return true; }
    QString identityVerification() const override { return QStringLiteral("date of birth"); }
    void setIdentityVerification(const QString &) override {}
    void startNewContact() override { m_activities.clear(); }
    QWidget *openSubPage(const QString &id, const QString &, QWidget *page) override
    {
        page->setParent(this);
        layout()->addWidget(page);
        subPages.insert(id, page);
        return page;
    }
    void closeSubPage(const QString &id) override { delete subPages.take(id); }
    QWidget *openSidePanel(const QString &id, const QString &title, QWidget *panel) override
    {
        return openSubPage(id, title, panel);
    }
    void closeSidePanel(const QString &id) override { closeSubPage(id); }
    void noteActivity(const QString &text) override { m_activities << text; }
    QStringList activities() const override { return m_activities; }
    void showMessage(const QString &text, bool) override { messages << text; }
    void refresh() override
    {
        ++refreshes;
        emit refreshed();
    }

    QHash<QString, QWidget *> subPages;
    QStringList messages;
    int refreshes = 0;

private:
    QString m_customerId;
    QStringList m_activities;
};

template<typename T>
T *child(QWidget *parent, const char *name)
{
    auto *w = parent->findChild<T *>(QLatin1String(name));
    if (!w)
        qFatal("no child %s", name);
    return w;
}

void retype(QLineEdit *edit, const QString &text)
{
    edit->setFocus(Qt::OtherFocusReason);
    edit->selectAll();
    QTest::keyClick(edit, Qt::Key_Delete);
    QTest::keyClicks(edit, text);
}

// Leaves the field the way a user does, so its inline message appears.
void leave(QLineEdit *edit)
{
    QTest::keyClick(edit, Qt::Key_Tab);
}

Customer mary(AccountsFixture &f)
{
    Customer c;
    c.fullName = QStringLiteral("Mary Smith");
    c.email = QStringLiteral("old@example.com");
    c.phone = QStringLiteral("+44 20 7946 0958");
    return f.customers().create(f.agent(), c);
}

QString cell(QAbstractItemModel *model, int row, int column)
{
    return model->index(row, column).data().toString();
}
} // namespace

class TestCustomerProfileEditor : public QObject
{
    Q_OBJECT

private slots:
    void inlineValidationSaveAndUndo_data() { Test::addBackendRows(); }
    void inlineValidationSaveAndUndo()
    {
        UD_TEST_DATABASE(t);
        AccountsFixture f(t.db());
        const Customer c = mary(f);
        FakeCustomerView view(c.id);
        auto *editor = new CustomerProfileEditor(f.module, f.agent(), view);
        view.openSubPage(QStringLiteral("profile"), QStringLiteral("Profile"), editor);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QTRY_VERIFY(editor->isLoaded());
        auto *email = child<QLineEdit>(editor, "profileEmail");
        auto *phone = child<QLineEdit>(editor, "profilePhone");
        QCOMPARE(email->text(), QStringLiteral("old@example.com"));
        QCOMPARE(phone->text(), QStringLiteral("+44 20 7946 0958"));

        // A bad email says so beside the field once the user leaves it.
        auto *emailMessage = child<Ui::FieldMessage>(editor, "profileEmailMessage");
        retype(email, QStringLiteral("mary.example.org"));
        QVERIFY(emailMessage->isHidden());
        leave(email);
        QVERIFY(emailMessage->isVisible());
        QCOMPARE(emailMessage->message(),
                 QStringLiteral("Email \"mary.example.org\" is not an address: enter it like name@example.com."));
        // A bad phone too; Save goes to the first bad field and stores nothing.
        retype(phone, QStringLiteral("12"));
        QTest::keyClick(phone, Qt::Key_S, Qt::ControlModifier);
        QVERIFY(child<Ui::FieldMessage>(editor, "profilePhoneMessage")->isVisible());
        QCOMPARE(QApplication::focusWidget(), email);
        QVERIFY(!editor->isBusy());
        QCOMPARE(f.customers().get(f.agent(), c.id).email, QStringLiteral("old@example.com"));
        QCOMPARE(view.refreshes, 0);

        // Fixed, the message goes as soon as the text is right; Save stores it.
        retype(email, QStringLiteral("mary@example.org"));
        QVERIFY(emailMessage->isHidden());
        retype(phone, QStringLiteral("+44 161 496 0000"));
        child<QPushButton>(editor, "profileSave")->click();
        QTRY_COMPARE(f.customers().get(f.agent(), c.id).email, QStringLiteral("mary@example.org"));
        QTRY_VERIFY(!editor->isBusy());
        const Customer stored = f.customers().get(f.agent(), c.id);
        QCOMPARE(stored.phone, QStringLiteral("+441614960000"));
        // Success is the change itself: stored values shown, the tab reloaded and noted.
        QCOMPARE(email->text(), QStringLiteral("mary@example.org"));
        QCOMPARE(phone->text(), QStringLiteral("+44 161 496 0000"));
        QVERIFY(view.refreshes >= 1);
        QCOMPARE(view.activities(), QStringList{QStringLiteral("Profile changed: email, phone")});
        QVERIFY(!editor->hasUnsavedChanges());

        // The history lists the change, newest first, with before and after.
        Accounts::CustomerHistoryView history(f.module, f.agent(), c.id);
        history.show();
        QTRY_VERIFY(history.model()->hasLoaded());
        QAbstractItemModel *rows = history.table()->model();
        QCOMPARE(cell(rows, 0, CustomerHistoryModel::WhoColumn), QStringLiteral("alice (Agent)"));
        QCOMPARE(cell(rows, 0, CustomerHistoryModel::ChangeColumn), QStringLiteral("Changed"));
        QCOMPARE(cell(rows, 0, CustomerHistoryModel::FieldColumn), QStringLiteral("Email"));
        QCOMPARE(cell(rows, 0, CustomerHistoryModel::BeforeColumn), QStringLiteral("old@example.com"));
        QCOMPARE(cell(rows, 0, CustomerHistoryModel::AfterColumn), QStringLiteral("mary@example.org"));
        QCOMPARE(cell(rows, 1, CustomerHistoryModel::FieldColumn), QStringLiteral("Phone"));
        QCOMPARE(cell(rows, 1, CustomerHistoryModel::AfterColumn), QStringLiteral("+44 161 496 0000"));
        QCOMPARE(rows->headerData(CustomerHistoryModel::WhenColumn, Qt::Horizontal).toString(), QStringLiteral("When"));

        // Undo, offered in the message bar, saves the previous values back.
        QPushButton *undo = editor->messageBar()->actionButton();
        QVERIFY(undo->isVisible());
        QCOMPARE(undo->text(), QStringLiteral("Und&o"));
        undo->click();
        QTRY_COMPARE(f.customers().get(f.agent(), c.id).email, QStringLiteral("old@example.com"));
        QTRY_VERIFY(!editor->isBusy());
        QCOMPARE(f.customers().get(f.agent(), c.id).phone, QStringLiteral("+442079460958"));
        QCOMPARE(email->text(), QStringLiteral("old@example.com"));
        QCOMPARE(view.activities().last(), QStringLiteral("Profile change undone: email, phone"));
        history.reload();
        QTRY_VERIFY(history.model()->hasLoaded());
        QCOMPARE(cell(rows, 0, CustomerHistoryModel::BeforeColumn), QStringLiteral("mary@example.org"));
        QCOMPARE(cell(rows, 0, CustomerHistoryModel::AfterColumn), QStringLiteral("old@example.com"));

        // Revert drops what was typed and not saved.
        retype(email, QStringLiteral("typed@example.net"));
        QVERIFY(editor->hasUnsavedChanges());
        child<QPushButton>(editor, "profileRevert")->click();
        QCOMPARE(email->text(), QStringLiteral("old@example.com"));
        QVERIFY(!editor->hasUnsavedChanges());
    }

    void failedSaveKeepsWhatWasTyped_data() { Test::addBackendRows(); }
    void failedSaveKeepsWhatWasTyped()
    {
        UD_TEST_DATABASE(t);
        AccountsFixture f(t.db());
        const Customer c = mary(f);
        FakeCustomerView view(c.id);
        auto *editor = new CustomerProfileEditor(f.module, f.agent(), view);
        view.openSubPage(QStringLiteral("profile"), QStringLiteral("Profile"), editor);
        view.show();
        QTRY_VERIFY(editor->isLoaded());

        // Someone else changes the customer meanwhile.
        f.clock.advance(60);
        Customer other = f.customers().get(f.supervisor(), c.id);
        other.email = QStringLiteral("theirs@example.com");
        f.customers().update(f.supervisor(), other);

        auto *email = child<QLineEdit>(editor, "profileEmail");
        auto *fullName = child<QLineEdit>(editor, "profileFullName");
        retype(email, QStringLiteral("mine@example.com"));
        retype(fullName, QStringLiteral("Mary Jones"));
        QTest::keyClick(fullName, Qt::Key_S, Qt::ControlModifier);
        QTRY_VERIFY(editor->messageBar()->isVisible());
        QTRY_VERIFY(!editor->isBusy());
        QCOMPARE(editor->messageBar()->type(), Ui::MessageBar::Type::Error);
        QVERIFY2(editor->messageBar()->text().contains(QLatin1String("was changed by someone else")),
                 qPrintable(editor->messageBar()->text()));
        QCOMPARE(email->text(), QStringLiteral("mine@example.com"));
        QCOMPARE(fullName->text(), QStringLiteral("Mary Jones"));
        QCOMPARE(f.customers().get(f.agent(), c.id).email, QStringLiteral("theirs@example.com"));
        QCOMPARE(f.customers().get(f.agent(), c.id).fullName, QStringLiteral("Mary Smith"));
        QVERIFY(view.activities().isEmpty());

        // The message bar offers to show the stored values.
        editor->messageBar()->actionButton()->click();
        QTRY_COMPARE(email->text(), QStringLiteral("theirs@example.com"));
    }

    void sensitiveValuesMaskedAndRevealedOnlyWhenAllowed_data() { Test::addBackendRows(); }
    void sensitiveValuesMaskedAndRevealedOnlyWhenAllowed()
    {
        UD_TEST_DATABASE(t);
        AccountsFixture f(t.db());
        Customer c;
        c.fullName = QStringLiteral("Jane Doe");
        c.nationalId = Accounts::SensitiveValue::entered(QStringLiteral("AB 12 34 56 C"));
        c = f.customers().create(f.agent(), c);

        {
            // A business user sees that values are on record, not what they are, and changes nothing.
            FakeCustomerView view(c.id);
            auto *editor = new CustomerProfileEditor(f.module, f.businessUser(), view);
            view.openSubPage(QStringLiteral("profile"), QStringLiteral("Profile"), editor);
            view.show();
            QTRY_VERIFY(editor->isLoaded());
            QCOMPARE(child<QLabel>(editor, "profileNationalId")->text(), QStringLiteral("••••"));
            QCOMPARE(child<QLabel>(editor, "profileBankAccount")->text(), QStringLiteral("None on record"));
            QVERIFY(!child<QPushButton>(editor, "profileRevealNationalId")->isEnabled());
            QVERIFY(!child<QPushButton>(editor, "profileRevealBankAccount")->isEnabled());
            QVERIFY(child<QLineEdit>(editor, "profileEmail")->isReadOnly());
            QVERIFY(!child<QPushButton>(editor, "profileSave")->isEnabled());
            QVERIFY(!child<QLineEdit>(editor, "profileNationalIdNew")->isVisible());
        }
        {
            // An agent may not reveal either.
            FakeCustomerView view(c.id);
            auto *editor = new CustomerProfileEditor(f.module, f.agent(), view);
            view.openSubPage(QStringLiteral("profile"), QStringLiteral("Profile"), editor);
            QTRY_VERIFY(editor->isLoaded());
            QVERIFY(!child<QPushButton>(editor, "profileRevealNationalId")->isEnabled());
        }
        // A supervisor reveals the national id; the reveal is audited.
        FakeCustomerView view(c.id);
        auto *editor = new CustomerProfileEditor(f.module, f.supervisor(), view);
        view.openSubPage(QStringLiteral("profile"), QStringLiteral("Profile"), editor);
        view.show();
        QTRY_VERIFY(editor->isLoaded());
        auto *value = child<QLabel>(editor, "profileNationalId");
        QCOMPARE(value->text(), QStringLiteral("••••"));
        auto *reveal = child<QPushButton>(editor, "profileRevealNationalId");
        QVERIFY(reveal->isEnabled());
        QVERIFY(!child<QPushButton>(editor, "profileRevealBankAccount")->isEnabled());
        reveal->click();
        QTRY_COMPARE(value->text(), QStringLiteral("AB 12 34 56 C"));
        const auto entry = f.audit.list(f.supervisor(), 1).first();
        QCOMPARE(entry.action, QStringLiteral("customer.reveal"));
        QCOMPARE(entry.actor, QStringLiteral("carol"));
        QVERIFY(!entry.afterJson.contains(QLatin1String("AB 12")));

        // A new value typed in replaces the stored one; the contact notes it, not its value.
        auto *entryField = child<QLineEdit>(editor, "profileNationalIdNew");
        retype(entryField, QStringLiteral("x"));
        leave(entryField);
        QVERIFY(child<Ui::FieldMessage>(editor, "profileNationalIdNewMessage")->isVisible());
        retype(entryField, QStringLiteral("ZX 98 76 54 A"));
        QTest::keyClick(entryField, Qt::Key_S, Qt::ControlModifier);
        QTRY_COMPARE(view.activities(), QStringList{QStringLiteral("Profile changed: national id")});
        QCOMPARE(f.customers().revealSensitive(f.supervisor(), c.id, Accounts::SensitiveField::NationalId),
                 QStringLiteral("ZX 98 76 54 A"));
        QCOMPARE(value->text(), QStringLiteral("••••"));
    }

    void securityAnswerSetThroughTheForm_data() { Test::addBackendRows(); }
    void securityAnswerSetThroughTheForm()
    {
        UD_TEST_DATABASE(t);
        AccountsFixture f(t.db());
        const Customer c = mary(f);
        FakeCustomerView view(c.id);
        auto *editor = new CustomerProfileEditor(f.module, f.agent(), view);
        view.openSubPage(QStringLiteral("profile"), QStringLiteral("Profile"), editor);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QTRY_VERIFY(editor->isLoaded());
        auto *question = child<QLineEdit>(editor, "profileSecurityQuestion");
        auto *answer = child<QLineEdit>(editor, "profileSecurityAnswerNew");
        auto *onRecord = child<QLabel>(editor, "profileSecurityAnswer");
        auto *questionMessage = child<Ui::FieldMessage>(editor, "profileSecurityQuestionMessage");
        auto *answerMessage = child<Ui::FieldMessage>(editor, "profileSecurityAnswerNewMessage");
        QCOMPARE(question->text(), QString());
        QCOMPARE(onRecord->text(), QStringLiteral("None on record"));
        QVERIFY(answer->isVisible());
        QVERIFY(!editor->hasUnsavedChanges());

        // An answer without a question: Save says the question is needed, beside it, and stores nothing.
        retype(answer, QStringLiteral("Fluffy the Cat"));
        leave(answer);
        QVERIFY(answerMessage->isHidden());
        QVERIFY(editor->hasUnsavedChanges());
        QTest::keyClick(answer, Qt::Key_S, Qt::ControlModifier);
        QVERIFY(questionMessage->isVisible());
        QCOMPARE(questionMessage->message(),
                 QStringLiteral("Security question is required: enter a question only the customer can answer."));
        QCOMPARE(QApplication::focusWidget(), question);
        QVERIFY(!editor->isBusy());
        // A one-letter answer is refused beside the field once it is left, in the service's words.
        QTest::keyClicks(question, QStringLiteral("Name of your first pet?"));
        QVERIFY(questionMessage->isHidden());
        retype(answer, QStringLiteral("x"));
        leave(answer);
        QVERIFY(answerMessage->isVisible());
        QCOMPARE(answerMessage->message(),
                 QStringLiteral("Security answer is required: enter the customer's answer, at least 2 characters."));
        QVERIFY(f.module.identity().onRecord(f.agent(), c.id).securityQuestion.isEmpty());

        // Fixed and saved with Ctrl+S: stored through the identity service, the field emptied.
        retype(answer, QStringLiteral("Fluffy the Cat"));
        QVERIFY(answerMessage->isHidden());
        QTest::keyClick(answer, Qt::Key_S, Qt::ControlModifier);
        QTRY_COMPARE(f.module.identity().onRecord(f.agent(), c.id).securityQuestion,
                     QStringLiteral("Name of your first pet?"));
        QTRY_VERIFY(!editor->isBusy());
        QCOMPARE(onRecord->text(), QStringLiteral("Recorded"));
        QCOMPARE(question->text(), QStringLiteral("Name of your first pet?"));
        QCOMPARE(answer->text(), QString());
        QVERIFY(!editor->hasUnsavedChanges());
        QCOMPARE(view.activities(), QStringList{QStringLiteral("Profile changed: security answer")});
        QCOMPARE(editor->messageBar()->text(), QStringLiteral("Changed security answer."));

        // The answer is in no widget, and the history says only that one was set.
        const auto shows = [](QWidget *root, const QString &text) {
            QStringList found;
            for (auto *edit : root->findChildren<QLineEdit *>()) {
                if (edit->text().contains(text, Qt::CaseInsensitive) || edit->displayText().contains(text, Qt::CaseInsensitive))
                    found << edit->objectName();
            }
            for (auto *label : root->findChildren<QLabel *>()) {
                if (label->text().contains(text, Qt::CaseInsensitive) || label->toolTip().contains(text, Qt::CaseInsensitive))
                    found << label->objectName();
            }
            return found;
        };
        QCOMPARE(shows(editor, QStringLiteral("fluffy")), QStringList());
        Accounts::CustomerHistoryView history(f.module, f.agent(), c.id);
        history.show();
        QTRY_VERIFY(history.model()->hasLoaded());
        QAbstractItemModel *rows = history.table()->model();
        // Created, then the answer set: no "Saved unchanged" for the customer row.
        QCOMPARE(history.model()->totalEntries(), 2);
        QCOMPARE(cell(rows, 0, CustomerHistoryModel::ChangeColumn), QStringLiteral("Security answer set"));
        QCOMPARE(cell(rows, 0, CustomerHistoryModel::FieldColumn), QStringLiteral("Security question"));
        QCOMPARE(cell(rows, 0, CustomerHistoryModel::AfterColumn), QStringLiteral("Name of your first pet?"));
        QCOMPARE(cell(rows, 1, CustomerHistoryModel::ChangeColumn), QStringLiteral("Security answer set"));
        QCOMPARE(cell(rows, 1, CustomerHistoryModel::FieldColumn), QStringLiteral("Security answer"));
        QCOMPARE(cell(rows, 1, CustomerHistoryModel::AfterColumn), QStringLiteral("Recorded"));
        for (int row = 0; row < rows->rowCount(); ++row) {
            for (int column = 0; column < rows->columnCount(); ++column)
                QVERIFY(!cell(rows, row, column).contains(QLatin1String("fluffy"), Qt::CaseInsensitive));
        }
        QCOMPARE(shows(&history, QStringLiteral("fluffy")), QStringList());
        const auto entry = f.audit.list(f.supervisor(), 1).first();
        QCOMPARE(entry.action, QStringLiteral("customer.security_answer_set"));
        QVERIFY(!entry.afterJson.contains(QLatin1String("luffy")));

        // The caller now verifies with that answer, typed in any letter case.
        Accounts::IdentityAnswers given;
        given.securityAnswer = QStringLiteral("  fluffy THE cat ");
        const Accounts::IdentityCheckResult result = f.module.identity().check(f.agent(), c.id, given);
        QVERIFY2(result.verified, qPrintable(result.message));
        QCOMPARE(result.verification(), QStringLiteral("security answer"));
        given.securityAnswer = QStringLiteral("Rex");
        QVERIFY(!f.module.identity().check(f.agent(), c.id, given).verified);

        // A new question needs the answer to it too.
        history.close();
        view.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&view));
        retype(question, QStringLiteral("Town of birth?"));
        QTest::keyClick(question, Qt::Key_S, Qt::ControlModifier);
        QVERIFY(answerMessage->isVisible());
        QCOMPARE(answerMessage->message(),
                 QStringLiteral("Security answer is required: enter the customer's answer, at least 2 characters."));
        QCOMPARE(QApplication::focusWidget(), answer);
        QVERIFY(!editor->isBusy());
        child<QPushButton>(editor, "profileRevert")->click();
        QCOMPARE(question->text(), QStringLiteral("Name of your first pet?"));
        QVERIFY(!editor->hasUnsavedChanges());

        // Who may not edit sees the question and that an answer is on record, and cannot type one.
        FakeCustomerView readOnlyView(c.id);
        auto *readOnly = new CustomerProfileEditor(f.module, f.businessUser(), readOnlyView);
        readOnlyView.openSubPage(QStringLiteral("profile"), QStringLiteral("Profile"), readOnly);
        readOnlyView.show();
        QTRY_VERIFY(readOnly->isLoaded());
        QCOMPARE(child<QLabel>(readOnly, "profileSecurityAnswer")->text(), QStringLiteral("Recorded"));
        QCOMPARE(child<QLineEdit>(readOnly, "profileSecurityQuestion")->text(), QStringLiteral("Name of your first pet?"));
        QVERIFY(child<QLineEdit>(readOnly, "profileSecurityQuestion")->isReadOnly());
        QVERIFY(!child<QLineEdit>(readOnly, "profileSecurityAnswerNew")->isVisible());
    }

    void registeredOnTheCustomerPage_data() { Test::addBackendRows(); }
    void registeredOnTheCustomerPage()
    {
        UD_TEST_DATABASE(t);
        AccountsFixture f(t.db());
        Customer c = mary(f);
        c.email = QStringLiteral("mary@example.org");
        f.customers().update(f.agent(), c);
        Ui::PageRegistry pages;
        Accounts::registerProfileUi(pages, f.module, f.agent());

        const QList<Ui::CustomerAction> actions = pages.customerActions();
        QCOMPARE(actions.size(), 1);
        const Ui::CustomerAction &edit = actions.first();
        QCOMPARE(edit.id, QStringLiteral("edit_profile"));
        QCOMPARE(edit.text(), QStringLiteral("Edit &profile"));
        QCOMPARE(edit.shortcut, QKeySequence(QStringLiteral("Ctrl+E")));
        QCOMPARE(edit.permission, Core::Permission::EditCustomers);
        QVERIFY(edit.needsVerifiedIdentity);
        // Who may not edit gets "Profile" on the same key, opening it read-only at once.
        Ui::PageRegistry readerPages;
        Accounts::registerProfileUi(readerPages, f.module, f.businessUser());
        const Ui::CustomerAction read = readerPages.customerActions().first();
        QCOMPARE(read.id, QStringLiteral("view_profile"));
        QCOMPARE(read.text(), QStringLiteral("&Profile"));
        QCOMPARE(read.shortcut, QKeySequence(QStringLiteral("Ctrl+E")));
        QCOMPARE(read.permission, Core::Permission::ViewCustomers);
        QVERIFY(!read.needsVerifiedIdentity);
        {
            FakeCustomerView readerView(c.id);
            read.trigger(readerView);
            auto *readOnly = qobject_cast<CustomerProfileEditor *>(readerView.subPages.value(QStringLiteral("profile")));
            QVERIFY(readOnly);
            QTRY_VERIFY(readOnly->isLoaded());
            QVERIFY(child<QLineEdit>(readOnly, "profileEmail")->isReadOnly());
        }
        FakeCustomerView view(c.id);
        view.show();
        edit.trigger(view);
        auto *editor = qobject_cast<CustomerProfileEditor *>(view.subPages.value(QStringLiteral("profile")));
        QVERIFY(editor);
        QTRY_VERIFY(editor->isLoaded());
        QCOMPARE(child<QLineEdit>(editor, "profileEmail")->text(), QStringLiteral("mary@example.org"));

        // The section shows the last change; Show all opens the whole history.
        const QList<Ui::CustomerSection> sections = pages.customerSections();
        QCOMPARE(sections.size(), 1);
        QCOMPARE(sections.first().id, QStringLiteral("change_history"));
        QCOMPARE(sections.first().order, 80);
        QCOMPARE(sections.first().title(), QStringLiteral("Change history"));
        QWidget *widget = sections.first().create(view, &view);
        auto *section = qobject_cast<Accounts::CustomerHistorySection *>(widget);
        QVERIFY(section);
        QTRY_VERIFY(section->hasLoaded());
        QVERIFY2(!section->lines().isEmpty() && section->lines().first().contains(QStringLiteral(
                     "alice: Changed Email: old@example.com → mary@example.org")),
                 qPrintable(section->lines().join(QLatin1Char('\n'))));
        auto *showAll = child<QPushButton>(section, "showAllChanges");
        QCOMPARE(showAll->text(), QStringLiteral("&Show all changes (2)"));
        showAll->click();
        auto *all = qobject_cast<Accounts::CustomerHistoryView *>(view.subPages.value(QStringLiteral("history")));
        QVERIFY(all);
        QTRY_VERIFY(all->model()->hasLoaded());
        QCOMPARE(all->model()->totalEntries(), 2);

        // A customer with no audited change (imported in bulk) says so.
        Core::SqlQuery(t.db().connection(), QStringLiteral("DELETE FROM audit_log")).exec();
        view.refresh();
        all->reload();
        QTRY_COMPARE(child<QLabel>(all, "customerHistoryEmpty")->text(), QStringLiteral("No changes recorded yet"));
        QVERIFY(child<QLabel>(all, "customerHistoryEmpty")->isVisible());
        QTRY_VERIFY(section->lines().isEmpty());
        QVERIFY(!showAll->isEnabled());
    }
};

QTEST_MAIN(TestCustomerProfileEditor)
#include "tst_customerprofileeditor.moc"
