#include "customercli.h"

#include "appcontext.h"

#include <accounts/customersearch.h>
#include <core/usercontext.h>

namespace Ud::App::Cli {

namespace {
QString csv(const QString &field)
{
    if (!field.contains(QLatin1Char(',')) && !field.contains(QLatin1Char('"')) && !field.contains(QLatin1Char('\n')))
        return field;
    QString quoted = field;
    quoted.replace(QLatin1String("\""), QLatin1String("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}
} // namespace

QString customerHelpText()
{
    return Tr::tr("  customer search TEXT [--limit N]      find customers by name, phone, email, account number, meter\n"
                  "                                        serial, postcode or address; CSV, best match first (N: 20)\n");
}

int runCustomer(const Parsed &p, QTextStream &out)
{
    if (p.words.value(1) != QLatin1String("search") || p.words.size() != 3)
        throw usage(Tr::tr("Write \"utilitydesk customer search TEXT\", with the text in quotes if it has spaces."));
    allowOnly(p, {QStringLiteral("--limit")});
    const int limit = int(number(p, QStringLiteral("--limit"), 20, 1, 1000));
    AppContext context(databaseUrl(p));
    context.open();
    const auto matches = Accounts::CustomerSearch(context.database())
                             .search(Core::UserContext::operatingSystemUser(), p.words.at(2), limit);
    out << "customer_id,name,account_numbers,postcode,score" << Qt::endl;
    for (const auto &m : matches) {
        out << m.customerId << ',' << csv(m.name) << ',' << csv(m.accountNumbers.join(QLatin1Char(' '))) << ','
            << csv(m.postcode) << ',' << QString::number(m.score, 'f', 3) << Qt::endl;
    }
    return 0;
}

} // namespace Ud::App::Cli
