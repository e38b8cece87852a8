#pragma once

#include <QDate>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace Ud::Accounts {

enum class CustomerClass { Residential, Commercial, Industrial, Agricultural };

QString customerClassKey(CustomerClass value);                      ///< "residential"
std::optional<CustomerClass> customerClassFromKey(const QString &key);
QString customerClassName(CustomerClass value);                     ///< translated
QList<CustomerClass> allCustomerClasses();

enum class VulnerabilityKind {
    LifeSupport,
    ElderlyAlone,
    MedicalEquipment,
    Disability,
    YoungChildren,
    FinancialHardship,
    LanguageSupport,
};

QString vulnerabilityKindKey(VulnerabilityKind value);              ///< "life_support"
std::optional<VulnerabilityKind> vulnerabilityKindFromKey(const QString &key);
QString vulnerabilityKindName(VulnerabilityKind value);             ///< translated
QList<VulnerabilityKind> allVulnerabilityKinds();

/// The languages UtilityDesk speaks to customers in (en, zh_CN, es), and a language's name
/// for people: translated for these, the code itself for any other.
QStringList customerLanguageCodes();
QString customerLanguageName(const QString &code);

/// The income and credit bands a customer may carry (keys stored in the database; empty means
/// unknown). Fixed lists, so that segments can be built on them.
QStringList incomeBandKeys();     ///< low, lower_middle, middle, upper_middle, high
QString incomeBandName(const QString &key);
QStringList creditBandKeys();     ///< excellent, good, fair, poor
QString creditBandName(const QString &key);

/// The sensitive fields of a customer, which are read one at a time through
/// CustomerService::revealSensitive (audited), never with the rest of the record.
enum class SensitiveField { NationalId, BankAccount };

QString sensitiveFieldKey(SensitiveField field);    ///< "national_id", as in audit entries
QString sensitiveFieldName(SensitiveField field);   ///< translated: "national id"

/// A sensitive value (national id, bank account) as a service hands it out and takes it in.
/// Reading: `stored` says whether a value is on record; `plaintext` is never filled by a read
/// (a user with ViewSensitiveData reveals it with CustomerService::revealSensitive, which is
/// audited). Writing: a `plaintext` of nullopt keeps what is stored (so a record read back
/// can be saved unchanged), an empty string clears it, and any other text replaces it.
struct SensitiveValue {
    bool stored = false;
    std::optional<QString> plaintext;

    static SensitiveValue entered(const QString &text) { return {false, text}; }
    /// "•••• 1234" when the plaintext is known, "••••" when a value is stored but hidden,
    /// empty when nothing is stored.
    QString masked() const;
};

/// A vulnerability flag. Consent is recorded with its time because the flag is special
/// category data that the customer agreed (or not yet agreed) to have on record.
struct Vulnerability {
    QString id;
    VulnerabilityKind kind = VulnerabilityKind::LifeSupport;
    bool consentGiven = false;
    qint64 consentAt = 0;     ///< UTC epoch seconds; 0 when no consent
    QString notes;
    qint64 recordedAt = 0;

    friend bool operator==(const Vulnerability &, const Vulnerability &) = default;
};

/// A customer as services read and write it. Names may be in any script; `fullName` is what
/// lists and letters show (family name first for Chinese names, as the customer writes it).
/// The phone is stored in E.164 form (+442079460958).
struct Customer {
    QString id;
    QString customerNumber;
    CustomerClass customerClass = CustomerClass::Residential;
    QString fullName;
    QString givenName;
    QString familyName;
    QString language = QStringLiteral("en");
    QString email;
    QString phone;
    QString incomeBand;
    QString creditBand;
    QString businessType;
    std::optional<int> householdSize;
    QDate dateOfBirth;        ///< invalid when unknown
    SensitiveValue nationalId;
    SensitiveValue bankAccount;
    QList<Vulnerability> vulnerabilities;
    qint64 createdAt = 0;
    qint64 updatedAt = 0;
};

/// One line of the customer list: the customer and the premise and market of their first
/// account (empty when the customer has no account yet).
struct CustomerListRow {
    QString id;
    QString customerNumber;
    QString fullName;
    CustomerClass customerClass = CustomerClass::Residential;
    QString phone;
    QString postcode;
    QString city;
    QString marketCode;
};

/// What the customer list asks for: a page of rows matching a search text in a sort order.
struct CustomerListQuery {
    enum class SortKey { CustomerNumber, FullName, CustomerClass, Phone };
    QString filter;           ///< matched against name, customer/account number, phone and postcode
    SortKey sortKey = SortKey::FullName;
    bool descending = false;
    int offset = 0;
    int limit = 200;
};

} // namespace Ud::Accounts
