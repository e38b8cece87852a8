#pragma once

#include <accounts/account.h>
#include <accounts/moveservice.h>
#include <accounts/registrationservice.h>
#include <accounts/premise.h>
#include <core/usercontext.h>

#include <QList>
#include <QString>
#include <QWidget>

class QComboBox;
class QDateEdit;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QRadioButton;
class QStackedWidget;
class QTimer;

namespace Ud::Ui {
class CustomerView;
class FieldMessage;
class MessageBar;
}

namespace Ud::Accounts {

class AccountsModule;

/// Moving home, as a sub-page of the customer page: the account being left and its final
/// reading date, where the customer moves to (a premise on record, found by its address, or a
/// new address checked with the market rules), the start date and payment type of the new
/// account. Fields are checked when the agent leaves them; Move sends focus to the first bad
/// one. Saving runs in the background; a failure keeps every value and shows why in the
/// message bar; success notes the move in the contact, refreshes the customer page and closes
/// this sub-page.
class MoveForm : public QWidget
{
    Q_OBJECT
public:
    /// The id this form is opened under as a customer sub-page.
    static QString pageId() { return QStringLiteral("move_home"); }

    MoveForm(AccountsModule &module, Core::UserContext user, Ui::CustomerView &view, QWidget *parent = nullptr);
    ~MoveForm() override;

    /// True once the customer's accounts have arrived.
    bool isLoaded() const { return m_loaded; }

protected:
    void changeEvent(QEvent *event) override;

private:
    struct Leaving {
        Account account;
        QString address;
    };
    struct Problem {
        QWidget *field;
        Ui::FieldMessage *message;
        QString text;
    };
    struct Loaded {
        QList<Leaving> leaving;
        QList<Market> markets;
    };

    QLineEdit *lineEdit(const char *objectName);
    Ui::FieldMessage *messageFor(QWidget *field);
    void load();
    void accountChanged();
    void searchPremises();
    void premiseChosen();
    QString country() const;
    Premise newPremise() const;
    QList<Problem> problems() const;
    bool validate();
    void save();
    void setBusy(bool busy);
    void retranslateUi();

    AccountsModule &m_module;
    Core::UserContext m_user;
    Ui::CustomerView &m_view;
    QList<Leaving> m_leaving;
    QList<Market> m_markets;
    QList<PremiseMatch> m_matches;
    int m_searchGeneration = 0;
    bool m_loaded = false;
    bool m_busy = false;
    bool m_timeZoneEdited = false;

    Ui::MessageBar *m_messages;
    QLabel *m_intro;
    QLabel *m_accountLabel, *m_finalLabel, *m_destinationLabel, *m_startLabel, *m_paymentLabel;
    QComboBox *m_account;
    QDateEdit *m_finalDate;
    QRadioButton *m_onRecord, *m_newAddress;
    QStackedWidget *m_destination;
    QLabel *m_searchLabel;
    QLineEdit *m_search;
    QTimer *m_searchDelay;
    QListWidget *m_results;
    QLabel *m_resultsState;
    Ui::FieldMessage *m_resultsMessage;
    QLabel *m_marketLabel, *m_line1Label, *m_line2Label, *m_cityLabel, *m_postcodeLabel, *m_timeZoneLabel;
    QComboBox *m_market;
    QLineEdit *m_line1, *m_line2, *m_city, *m_postcode, *m_timeZone;
    Ui::FieldMessage *m_line1Message, *m_line2Message, *m_cityMessage, *m_postcodeMessage, *m_timeZoneMessage;
    Ui::FieldMessage *m_marketMessage;
    QDateEdit *m_startDate;
    QComboBox *m_paymentType;
    QPushButton *m_cancel, *m_save;
};

} // namespace Ud::Accounts
