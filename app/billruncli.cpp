#include "billruncli.h"

#include "appcontext.h"

#include <billing/billingmodule.h>
#include <billing/billrun.h>
#include <core/usercontext.h>

#include <QElapsedTimer>

namespace Ud::App::Cli {

namespace {

/// Failures listed on standard output; the rest are counted (all are stored with the run).
constexpr int ListedFailures = 50;

QDate requiredDate(const Parsed &p, const QString &option)
{
    if (!p.has(option))
        throw usage(Tr::tr("\"bill-run\" needs %1 DATE (YYYY-MM-DD).").arg(option));
    const QDate d = QDate::fromString(p.options.value(option), Qt::ISODate);
    if (!d.isValid()) {
        throw Core::Error(Core::Error::Kind::BadInput,
                          Tr::tr("%1 must be a date written YYYY-MM-DD, not \"%2\".").arg(option, p.options.value(option)));
    }
    return d;
}

} // namespace

QString billRunHelpText()
{
    return Tr::tr("  bill-run --from DATE --to DATE        bill every active postpaid account with a tariff for the\n"
                  "                                        days from DATE to DATE (YYYY-MM-DD); accounts already\n"
                  "                                        billed for them are skipped, so a stopped run can be run\n"
                  "                                        again\n");
}

int runBillRun(const Parsed &p, QTextStream &out, QTextStream &err)
{
    if (p.words.size() != 1)
        throw usage(Tr::tr("Write: utilitydesk bill-run --from DATE --to DATE."));
    allowOnly(p, {QStringLiteral("--from"), QStringLiteral("--to")});
    const QDate from = requiredDate(p, QStringLiteral("--from"));
    const QDate to = requiredDate(p, QStringLiteral("--to"));
    AppContext context(databaseUrl(p));
    context.open();
    const auto user = Core::UserContext::operatingSystemUser();
    Billing::BillRun &billRun = context.module<Billing::BillingModule>()->billRun();

    QElapsedTimer timer;
    timer.start();
    int lastPercent = -1;
    const Billing::BillRunRecord run = billRun.run(user, from, to, [&](qint64 done, qint64 total) {
        const int percent = total > 0 ? int(done * 100 / total) : 100;
        if (percent != lastPercent) {
            lastPercent = percent;
            err << Tr::tr("Billing: %1 of %2 accounts (%3%)").arg(done).arg(total).arg(percent) << '\r';
            err.flush();
        }
        return true;
    });
    err << Qt::endl;
    const double seconds = double(timer.elapsed()) / 1000.0;
    out << Tr::tr("Bill run %1 for %2 to %3: %4 accounts due, %5 billed, %6 already billed, %7 not billed, in %8 s "
                  "(%9 bills per second).")
               .arg(run.id, from.toString(Qt::ISODate), to.toString(Qt::ISODate))
               .arg(run.accounts)
               .arg(run.billed)
               .arg(run.skipped)
               .arg(run.failed)
               .arg(seconds, 0, 'f', 1)
               .arg(seconds > 0 ? qint64(double(run.billed) / seconds) : run.billed)
        << Qt::endl;
    if (run.failed == 0)
        return 0;
    const auto failures = billRun.failures(user, run.id, ListedFailures);
    out << Tr::tr("Not billed:") << Qt::endl;
    for (const auto &f : failures)
        out << QStringLiteral("  ") << f.accountNumber << QStringLiteral(": ") << f.reason << Qt::endl;
    if (run.failed > failures.size())
        out << Tr::tr("  … and %1 more (the Bill run page lists them all).").arg(run.failed - failures.size()) << Qt::endl;
    return 1;
}

} // namespace Ud::App::Cli
