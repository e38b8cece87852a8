#include "moveform.h"

#include <accounts/accountsmodule.h>
#include <accounts/accountservice.h>
#include <accounts/marketrules.h>
#include <core/module.h>
#include <core/ui/background.h>
#include <core/ui/customerview.h>
#include <core/ui/formteardown.h>
#include <core/ui/messagebar.h>

#include <QButtonGroup>
#include <QComboBox>
#include <QCompleter>
#include <QDateEdit>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPointer>
#include <QPushButton>
#include <QRadioButton>
#include <QStackedWidget>
#include <QTimeZone>
#include <QTimer>
#include <QVBoxLayout>

namespace Ud::Accounts {

namespace {
using Field = RegistrationService::Field;
constexpr int SearchDelayMs = 300;

QString shortDate(const QDate &date)
{
    return QLocale().toString(date, QLocale::ShortFormat);
}
} // namespace

MoveForm::MoveForm(AccountsModule &module, Core::UserContext user, Ui::CustomerView &view, QWidget *parent)
    : QWidget(parent), m_module(module), m_user(std::move(user)), m_view(view)
{
    setObjectName(QStringLiteral("moveForm"));
    m_messages = new Ui::MessageBar(this);
    m_messages->setObjectName(QStringLiteral("moveMessages"));
    m_intro = new QLabel(this);
    m_intro->setWordWrap(true);

    auto *form = new QFormLayout;
    m_accountLabel = new QLabel(this);
    m_account = new QComboBox(this);
    m_account->setObjectName(QStringLiteral("leavingAccount"));
    m_accountLabel->setBuddy(m_account);
    form->addRow(m_accountLabel, m_account);
    connect(m_account, &QComboBox::currentIndexChanged, this, &MoveForm::accountChanged);
    m_finalLabel = new QLabel(this);
    m_finalDate = new QDateEdit(this);
    m_finalDate->setObjectName(QStringLiteral("finalReadingDate"));
    m_finalDate->setCalendarPopup(true);
    m_finalDate->setDate(m_module.moves().today());
    m_finalLabel->setBuddy(m_finalDate);
    form->addRow(m_finalLabel, m_finalDate);

    // Where to: a premise on record, or a new address.
    m_destinationLabel = new QLabel(this);
    m_onRecord = new QRadioButton(this);
    m_onRecord->setObjectName(QStringLiteral("destinationOnRecord"));
    m_newAddress = new QRadioButton(this);
    m_newAddress->setObjectName(QStringLiteral("destinationNew"));
    auto *group = new QButtonGroup(this);
    group->addButton(m_onRecord);
    group->addButton(m_newAddress);
    m_onRecord->setChecked(true);
    auto *choice = new QHBoxLayout;
    choice->addWidget(m_onRecord);
    choice->addWidget(m_newAddress);
    choice->addStretch(1);
    form->addRow(m_destinationLabel, choice);
    m_destination = new QStackedWidget(this);
    connect(m_newAddress, &QRadioButton::toggled, this, [this](bool checked) {
        m_destination->setCurrentIndex(checked ? 1 : 0);
    });

    auto *onRecord = new QWidget(m_destination);
    auto *recordForm = new QFormLayout(onRecord);
    recordForm->setContentsMargins(0, 0, 0, 0);
    m_searchLabel = new QLabel(onRecord);
    m_search = lineEdit("premiseSearch");
    m_search->setParent(onRecord);
    m_search->setClearButtonEnabled(true);
    m_searchLabel->setBuddy(m_search);
    recordForm->addRow(m_searchLabel, m_search);
    m_results = new QListWidget(onRecord);
    m_results->setObjectName(QStringLiteral("premiseResults"));
    m_results->setMinimumHeight(fontMetrics().height() * 6);
    recordForm->addRow(QString(), m_results);
    m_resultsState = new QLabel(onRecord);
    m_resultsState->setObjectName(QStringLiteral("premiseResultsState"));
    recordForm->addRow(QString(), m_resultsState);
    m_resultsMessage = new Ui::FieldMessage(m_results, onRecord);
    m_resultsMessage->setObjectName(QStringLiteral("premiseResultsMessage"));
    recordForm->addRow(QString(), m_resultsMessage);
    m_searchDelay = new QTimer(this);
    m_searchDelay->setSingleShot(true);
    m_searchDelay->setInterval(SearchDelayMs);
    connect(m_search, &QLineEdit::textChanged, m_searchDelay, qOverload<>(&QTimer::start));
    connect(m_searchDelay, &QTimer::timeout, this, &MoveForm::searchPremises);
    connect(m_search, &QLineEdit::returnPressed, this, [this] {
        m_searchDelay->stop();
        searchPremises();
    });
    connect(m_results, &QListWidget::currentRowChanged, this, &MoveForm::premiseChosen);

    auto *newAddress = new QWidget(m_destination);
    auto *addressForm = new QFormLayout(newAddress);
    addressForm->setContentsMargins(0, 0, 0, 0);
    auto addRow = [addressForm, newAddress](QLabel *label, QWidget *editor) {
        label->setParent(newAddress);
        editor->setParent(newAddress);
        label->setBuddy(editor);
        addressForm->addRow(label, editor);
    };
    m_marketLabel = new QLabel;
    m_market = new QComboBox;
    m_market->setObjectName(QStringLiteral("moveMarket"));
    addRow(m_marketLabel, m_market);
    m_marketMessage = messageFor(m_market);
    addressForm->addRow(QString(), m_marketMessage);
    m_line1Label = new QLabel;
    m_line1 = lineEdit("moveAddressLine1");
    addRow(m_line1Label, m_line1);
    m_line1Message = messageFor(m_line1);
    addressForm->addRow(QString(), m_line1Message);
    m_line2Label = new QLabel;
    m_line2 = lineEdit("moveAddressLine2");
    addRow(m_line2Label, m_line2);
    m_line2Message = messageFor(m_line2);
    addressForm->addRow(QString(), m_line2Message);
    m_cityLabel = new QLabel;
    m_city = lineEdit("moveCity");
    addRow(m_cityLabel, m_city);
    m_cityMessage = messageFor(m_city);
    addressForm->addRow(QString(), m_cityMessage);
    m_postcodeLabel = new QLabel;
    m_postcode = lineEdit("movePostcode");
    addRow(m_postcodeLabel, m_postcode);
    m_postcodeMessage = messageFor(m_postcode);
    addressForm->addRow(QString(), m_postcodeMessage);
    m_timeZoneLabel = new QLabel;
    m_timeZone = lineEdit("moveTimeZone");
    QStringList zones;
    for (const QByteArray &id : QTimeZone::availableTimeZoneIds())
        zones << QString::fromLatin1(id);
    auto *completer = new QCompleter(zones, m_timeZone);
    completer->setCaseSensitivity(Qt::CaseInsensitive);
    completer->setFilterMode(Qt::MatchContains);
    m_timeZone->setCompleter(completer);
    addRow(m_timeZoneLabel, m_timeZone);
    m_timeZoneMessage = messageFor(m_timeZone);
    addressForm->addRow(QString(), m_timeZoneMessage);
    // The zone follows the market and postcode until the agent types one of their own.
    auto presetZone = [this] {
        if (!m_timeZoneEdited)
            m_timeZone->setText(MarketRules::defaultTimeZone(country(), m_postcode->text()));
    };
    connect(m_timeZone, &QLineEdit::textEdited, this, [this](const QString &text) { m_timeZoneEdited = !text.isEmpty(); });
    connect(m_market, &QComboBox::currentIndexChanged, this, [this, presetZone] {
        presetZone();
        m_postcode->setPlaceholderText(MarketRules::postcodeExample(country()));
        if (!m_postcode->text().trimmed().isEmpty())
            m_postcodeMessage->setMessage(MarketRules::postcode(country(), m_postcode->text()).problem);
    });
    connect(m_postcode, &QLineEdit::editingFinished, this, [this, presetZone] {
        const MarketRules::Check check = MarketRules::postcode(country(), m_postcode->text());
        if (check.ok() && !check.value.isEmpty() && check.value != m_postcode->text())
            m_postcode->setText(check.value);
        presetZone();
    });
    // Each address field is checked with the registration rules when the agent leaves it.
    const struct {
        QLineEdit *edit;
        Ui::FieldMessage *message;
        Field field;
    } checks[] = {{m_line1, m_line1Message, Field::AddressLine1}, {m_line2, m_line2Message, Field::AddressLine2},
                  {m_city, m_cityMessage, Field::City}, {m_postcode, m_postcodeMessage, Field::Postcode},
                  {m_timeZone, m_timeZoneMessage, Field::TimeZone}};
    for (const auto &check : checks) {
        auto problem = [this, field = check.field] {
            for (const auto &p : RegistrationService::premiseProblems(newPremise())) {
                if (p.field == field)
                    return p.message;
            }
            return QString();
        };
        connect(check.edit, &QLineEdit::editingFinished, check.message,
                [message = check.message, problem] { message->setMessage(problem()); });
        connect(check.edit, &QLineEdit::textChanged, check.message, [message = check.message, problem] {
            if (!message->isHidden() && problem().isEmpty())
                message->setMessage({});
        });
    }
    m_destination->addWidget(onRecord);
    m_destination->addWidget(newAddress);
    form->addRow(QString(), m_destination);

    m_startLabel = new QLabel(this);
    m_startDate = new QDateEdit(this);
    m_startDate->setObjectName(QStringLiteral("startDate"));
    m_startDate->setCalendarPopup(true);
    const QDate today = m_module.moves().today();
    m_startDate->setDateRange(today.addDays(-RegistrationService::MaxDaysBack),
                              today.addDays(RegistrationService::MaxDaysAhead));
    m_startDate->setDate(today);
    m_startLabel->setBuddy(m_startDate);
    form->addRow(m_startLabel, m_startDate);
    m_paymentLabel = new QLabel(this);
    m_paymentType = new QComboBox(this);
    m_paymentType->setObjectName(QStringLiteral("paymentType"));
    for (PaymentType type : {PaymentType::Postpaid, PaymentType::Prepaid})
        m_paymentType->addItem(QString(), paymentTypeKey(type));
    m_paymentLabel->setBuddy(m_paymentType);
    form->addRow(m_paymentLabel, m_paymentType);

    m_cancel = new QPushButton(this);
    m_cancel->setObjectName(QStringLiteral("cancelMove"));
    m_save = new QPushButton(this);
    m_save->setObjectName(QStringLiteral("saveMove"));
    m_save->setEnabled(false);
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        QPointer<QWidget> view(&m_view);
        QTimer::singleShot(0, &m_view, [view] {
            if (view)
                static_cast<Ui::CustomerView *>(view.data())->closeSubPage(pageId());
        });
    });
    connect(m_save, &QPushButton::clicked, this, &MoveForm::save);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_cancel);
    buttons->addWidget(m_save);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_messages);
    layout->addWidget(m_intro);
    layout->addLayout(form);
    layout->addStretch(1);
    layout->addLayout(buttons);

    retranslateUi();
    load();
}

QLineEdit *MoveForm::lineEdit(const char *objectName)
{
    auto *edit = new QLineEdit(this);
    edit->setObjectName(QString::fromLatin1(objectName));
    edit->setMinimumWidth(fontMetrics().averageCharWidth() * 32);
    return edit;
}

Ui::FieldMessage *MoveForm::messageFor(QWidget *field)
{
    auto *message = new Ui::FieldMessage(field, field->parentWidget());
    message->setObjectName(field->objectName() + QStringLiteral("Message"));
    return message;
}

void MoveForm::load()
{
    AccountsModule *module = &m_module;
    const Core::UserContext user = m_user;
    const QString customerId = m_view.customerId();
    Ui::runInBackground(
        m_module.context().database, this,
        [module, user, customerId] {
            Loaded loaded;
            for (const Account &a : module->accounts().accountsOfCustomer(user, customerId)) {
                if (a.status == AccountStatus::Closed)
                    continue;
                const QString address = a.premiseId.isEmpty()
                                            ? QString() : module->accounts().premise(user, a.premiseId).singleLineAddress();
                loaded.leaving.append({a, address});
            }
            loaded.markets = module->accounts().markets(user);
            return loaded;
        },
        [this](const Loaded &loaded) {
            m_leaving = loaded.leaving;
            m_markets = loaded.markets;
            for (const Leaving &l : std::as_const(m_leaving))
                m_account->addItem(l.address.isEmpty() ? l.account.accountNumber
                                                       : tr("%1, %2").arg(l.account.accountNumber, l.address),
                                   l.account.id);
            for (const Market &m : std::as_const(m_markets))
                m_market->addItem(QStringLiteral("%1 (%2)").arg(m.name, m.currency), m.code);
            m_loaded = true;
            if (m_leaving.isEmpty()) {
                m_messages->showInformation(tr("%1 has no open account to move out of: open an account at the new "
                                               "address instead.").arg(m_view.customerName()));
                return;
            }
            accountChanged();
            m_save->setEnabled(true);
        },
        [this](const QString &error) {
            m_loaded = true;
            m_messages->showError(tr("Could not load the customer's accounts: %1").arg(error));
        });
}

void MoveForm::accountChanged()
{
    const int index = m_account->currentIndex();
    if (index < 0 || index >= m_leaving.size())
        return;
    const Account &account = m_leaving.at(index).account;
    // The final reading lies between the opening day and the furthest the services accept.
    m_finalDate->setDateRange(account.openedOn, m_module.moves().today().addDays(RegistrationService::MaxDaysAhead));
    m_paymentType->setCurrentIndex(m_paymentType->findData(paymentTypeKey(account.paymentType)));
    // A new address is most likely in the same market.
    const int market = m_market->findData(account.marketCode);
    if (market >= 0)
        m_market->setCurrentIndex(market);
}

void MoveForm::searchPremises()
{
    const QString text = m_search->text().simplified();
    const int generation = ++m_searchGeneration;
    m_resultsMessage->setMessage({});
    if (text.isEmpty()) {
        m_matches.clear();
        m_results->clear();
        m_resultsState->setText(tr("Type a street, town or postcode to find the address."));
        return;
    }
    m_resultsState->setText(tr("Searching…"));
    AccountsModule *module = &m_module;
    const Core::UserContext user = m_user;
    Ui::runInBackground(
        m_module.context().database, this, [module, user, text] { return module->moves().findPremises(user, text); },
        [this, generation, text](const QList<PremiseMatch> &matches) {
            if (generation != m_searchGeneration)
                return;
            m_matches = matches;
            m_results->clear();
            for (const PremiseMatch &m : matches) {
                m_results->addItem(m.occupiedBy.isEmpty()
                                       ? tr("%1 (vacant)").arg(m.premise.singleLineAddress())
                                       : tr("%1 (supplied to account %2)").arg(m.premise.singleLineAddress(), m.occupiedBy));
            }
            m_resultsState->setText(matches.isEmpty()
                                        ? tr("No address on record matches “%1”: check the spelling, or enter it as a "
                                             "new address.").arg(text)
                                        : tr("%n addresses found.", nullptr, int(matches.size())));
        },
        [this, generation](const QString &error) {
            if (generation != m_searchGeneration)
                return;
            m_resultsState->setText(tr("Could not search: %1").arg(error));
        });
}

void MoveForm::premiseChosen()
{
    const int row = m_results->currentRow();
    if (row < 0 || row >= m_matches.size())
        return;
    const PremiseMatch &m = m_matches.at(row);
    // Said at once: the agent can tell the caller before filling in the rest.
    m_resultsMessage->setMessage(
        m.occupiedBy.isEmpty()
            ? QString()
            : tr("%1 is still supplied to account %2: that account must move out (with its final reading) before anyone "
                 "moves in.").arg(m.premise.singleLineAddress(), m.occupiedBy));
}

QString MoveForm::country() const
{
    const QString code = m_market->currentData().toString();
    for (const Market &m : m_markets) {
        if (m.code == code)
            return m.country;
    }
    return {};
}

Premise MoveForm::newPremise() const
{
    Premise p;
    p.addressLine1 = m_line1->text();
    p.addressLine2 = m_line2->text();
    p.city = m_city->text();
    p.postcode = m_postcode->text();
    p.timeZone = m_timeZone->text();
    p.country = country();
    return p;
}

QList<MoveForm::Problem> MoveForm::problems() const
{
    QList<Problem> list;
    if (m_onRecord->isChecked()) {
        const int row = m_results->currentRow();
        if (row < 0 || row >= m_matches.size()) {
            list.append({m_search, m_resultsMessage,
                         tr("Choose the address the customer moves to: search for it by street, town or postcode, or "
                            "enter a new address.")});
        } else if (!m_matches.at(row).occupiedBy.isEmpty()) {
            const PremiseMatch &m = m_matches.at(row);
            list.append({m_results, m_resultsMessage,
                         tr("%1 is still supplied to account %2: that account must move out (with its final reading) "
                            "before anyone moves in.").arg(m.premise.singleLineAddress(), m.occupiedBy)});
        }
        return list;
    }
    if (country().isEmpty())
        list.append({m_market, m_marketMessage, tr("Market is required: choose the market that supplies the new address.")});
    const struct {
        Field field;
        QLineEdit *edit;
        Ui::FieldMessage *message;
    } fields[] = {{Field::AddressLine1, m_line1, m_line1Message}, {Field::AddressLine2, m_line2, m_line2Message},
                  {Field::City, m_city, m_cityMessage}, {Field::Postcode, m_postcode, m_postcodeMessage},
                  {Field::TimeZone, m_timeZone, m_timeZoneMessage}};
    const auto found = RegistrationService::premiseProblems(newPremise());
    for (const auto &f : fields) {
        for (const auto &p : found) {
            if (p.field == f.field)
                list.append({f.edit, f.message, p.message});
        }
    }
    return list;
}

bool MoveForm::validate()
{
    for (Ui::FieldMessage *message : {m_resultsMessage, m_marketMessage, m_line1Message, m_line2Message, m_cityMessage,
                                      m_postcodeMessage, m_timeZoneMessage})
        message->setMessage({});
    const QList<Problem> found = problems();
    for (const Problem &p : found)
        p.message->setMessage(p.text);
    if (found.isEmpty())
        return true;
    found.first().field->setFocus(Qt::OtherFocusReason);
    return false;
}

void MoveForm::save()
{
    const int index = m_account->currentIndex();
    if (m_busy || index < 0 || index >= m_leaving.size() || !validate())
        return;
    const Leaving leaving = m_leaving.at(index);
    Premise to;
    if (m_onRecord->isChecked())
        to = m_matches.at(m_results->currentRow()).premise;
    else
        to = newPremise();
    const QDate finalDate = m_finalDate->date();
    const QDate startDate = m_startDate->date();
    const PaymentType paymentType = paymentTypeFromKey(m_paymentType->currentData().toString()).value_or(PaymentType::Postpaid);
    m_messages->dismiss();
    setBusy(true);
    AccountsModule *module = &m_module;
    const Core::UserContext user = m_user;
    Ui::runInBackground(
        m_module.context().database, this,
        [module, user, accountId = leaving.account.id, finalDate, to, startDate, paymentType] {
            return module->moves().move(user, accountId, finalDate, to, startDate, paymentType);
        },
        [this, leaving, finalDate](const MoveOutcome &moved) {
            setBusy(false);
            m_view.noteActivity(tr("Moved from %1 to %2: final reading %3, new account %4 from %5")
                                    .arg(leaving.address.isEmpty() ? leaving.account.accountNumber : leaving.address,
                                         moved.premise.singleLineAddress(), shortDate(finalDate),
                                         moved.opened.accountNumber, shortDate(moved.opened.openedOn)));
            m_view.refresh();
            // Closing deletes this form: leave the slot first.
            QPointer<QWidget> view(&m_view);
            QTimer::singleShot(0, &m_view, [view] {
                if (view)
                    static_cast<Ui::CustomerView *>(view.data())->closeSubPage(pageId());
            });
        },
        [this](const QString &error) {
            setBusy(false);
            m_messages->showError(tr("The move was not saved: %1").arg(error));
        });
}

void MoveForm::setBusy(bool busy)
{
    m_busy = busy;
    for (QWidget *w : std::initializer_list<QWidget *>{m_account, m_finalDate, m_onRecord, m_newAddress, m_destination,
                                                        m_startDate, m_paymentType, m_save})
        w->setEnabled(!busy);
}

void MoveForm::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void MoveForm::retranslateUi()
{
    m_intro->setText(tr("Moving home ends the supply at the old address on the day of the final meter reading and "
                        "opens a new account at the new one."));
    m_accountLabel->setText(tr("&Moving out of:"));
    m_finalLabel->setText(tr("&Final reading on:"));
    m_destinationLabel->setText(tr("Moving to:"));
    m_onRecord->setText(tr("An address on &record"));
    m_newAddress->setText(tr("A ne&w address"));
    m_searchLabel->setText(tr("Fin&d address:"));
    m_search->setPlaceholderText(tr("Street, town or postcode"));
    m_results->setAccessibleName(tr("Addresses found"));
    if (m_resultsState->text().isEmpty())
        m_resultsState->setText(tr("Type a street, town or postcode to find the address."));
    m_marketLabel->setText(tr("Mar&ket:"));
    m_line1Label->setText(tr("Address line &1:"));
    m_line2Label->setText(tr("Address line &2:"));
    m_cityLabel->setText(tr("C&ity:"));
    m_postcodeLabel->setText(tr("Post&code:"));
    m_timeZoneLabel->setText(tr("&Time zone:"));
    m_startLabel->setText(tr("&Start date at the new address:"));
    m_paymentLabel->setText(tr("Pa&yment type:"));
    for (int i = 0; i < m_paymentType->count(); ++i) {
        if (const auto type = paymentTypeFromKey(m_paymentType->itemData(i).toString()))
            m_paymentType->setItemText(i, paymentTypeName(*type));
    }
    m_cancel->setText(tr("Cancel"));
    m_save->setText(tr("M&ove"));
}

MoveForm::~MoveForm()
{
    Ui::disconnectChildren(this);
}

} // namespace Ud::Accounts
