#pragma once

#include <QList>
#include <QString>
#include <QStringList>

namespace Ud::Core {
class Database;
class UserContext;
}

namespace Ud::Accounts {

/// One customer found by CustomerSearch, with what matched and how well.
struct CustomerMatch {
    enum class Field { Phone, AccountNumber, MeterSerial, Postcode, Name, Email, Address };

    QString customerId;
    QString name;
    QStringList accountNumbers;   ///< oldest account first
    QString postcode;             ///< of the oldest account's premise
    double score = 0;             ///< 1 for a code typed in full, down to 0.3 for a name with a typo
    Field matched = Field::Name;
    bool typo = false;            ///< found only by tolerating one typo
};

/// "phone", "account_number", "meter_serial", "postcode", "name", "email", "address".
QString customerMatchFieldKey(CustomerMatch::Field field);

/// Finds customers from what a call-centre agent types: a phone number in any format (read in
/// the country of every market), an account number or meter serial (in full or its start), a
/// postcode with or without its space, or words of the name, email or address in any order,
/// case and accents ignored, Chinese names included. When nothing matches, names within one
/// typo are tried. Codes typed in full rank first, then closer names. Needs ViewCustomers.
/// Whatever the text holds (quotes, *, NEAR, --) is searched for as text. A field officer
/// finds only the customers of their region (RegionAccess).
class CustomerSearch
{
public:
    explicit CustomerSearch(Core::Database &db);

    /// At most `limit` (1..1000) matches, best first. Empty text gives no matches.
    QList<CustomerMatch> search(const Core::UserContext &user, const QString &text, int limit = 20);

private:
    Core::Database &m_db;
};

} // namespace Ud::Accounts
