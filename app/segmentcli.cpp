#include "segmentcli.h"

#include "appcontext.h"

#include <accounts/accountsmodule.h>
#include <accounts/segmentcount.h>
#include <core/usercontext.h>

namespace Ud::App::Cli {

int runSegment(const Parsed &p, QTextStream &out)
{
    if (p.words.value(1) != QLatin1String("count") || p.words.size() != 3)
        throw usage(Tr::tr("Write: utilitydesk segment count \"RULE\" (the rule in quotes, as one word)."));
    allowOnly(p, {});
    AppContext context(databaseUrl(p));
    context.open();
    const qint64 n = context.module<Accounts::AccountsModule>()->segmentCount().count(
        Core::UserContext::operatingSystemUser(), p.words.at(2));
    out << n << Qt::endl;
    return 0;
}

QString segmentHelpText()
{
    return Tr::tr("  segment count \"RULE\"                  count the customers a segment rule picks, e.g.\n"
                  "                                        'class = \"residential\" and has appliance \"solar_pv\"'\n"
                  "                                        (docs/rules.md lists the attributes)\n");
}

} // namespace Ud::App::Cli
