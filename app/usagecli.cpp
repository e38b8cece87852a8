#include "usagecli.h"

#include "appcontext.h"

#include <core/usercontext.h>
#include <metering/usageprofiles.h>

namespace Ud::App::Cli {

int runUsageRefresh(const Parsed &p, QTextStream &out, QTextStream &err)
{
    if (p.words.size() != 2)
        throw usage(Tr::tr("\"usage refresh\" takes no further words."));
    allowOnly(p, {});
    AppContext context(databaseUrl(p));
    context.open();
    Metering::UsageProfiles profiles(context.database(), context.clock());
    int shown = -1;
    const auto result = profiles.refreshAll(Core::UserContext::operatingSystemUser(), context.audit(),
                                            [&err, &shown](qint64 done, qint64 total) {
                                                const int percent = total > 0 ? int(done * 100 / total) : 100;
                                                if (percent == shown)
                                                    return;
                                                shown = percent;
                                                err << Tr::tr("Refreshing usage profiles: %1%").arg(percent) << '\r';
                                                err.flush();
                                            });
    err << Qt::endl;
    if (result.channelsSummarised > 0) {
        out << Tr::tr("Summarised %1 stored days of readings on %2 channels.")
                   .arg(result.daysSummarised)
                   .arg(result.channelsSummarised)
            << Qt::endl;
    }
    if (result.cancelled)
        out << Tr::tr("Stopped before the end; run the command again to finish.") << Qt::endl;
    out << Tr::tr("Recomputed the usage profiles of %1 customers through %2.").arg(result.customers).arg(result.throughMonth)
        << Qt::endl;
    return 0;
}

QString usageHelpText()
{
    return Tr::tr("  usage refresh                         bring the customers' usage profiles (the usage.* segment\n"
                  "                                        attributes) up to the last complete month, also after an upgrade\n");
}

} // namespace Ud::App::Cli
