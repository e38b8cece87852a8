#include "billpdfcli.h"

#include <billing/billingmodule.h>
#include <billing/billservice.h>
#include <billing/ui/billpdf.h>
#include <core/usercontext.h>

namespace Ud::App::Cli {

void writeBillPdf(AppContext &context, const QString &accountIdOrNumber, const Billing::BillResult &bill,
                  const QString &path)
{
    Billing::BillService &bills = context.module<Billing::BillingModule>()->bills();
    Billing::BillPdf::write(bills.previewHtml(Core::UserContext::operatingSystemUser(), accountIdOrNumber, bill), path);
}

bool printsPdf(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i) {
        const QByteArray arg(argv[i]);
        if (arg == "--pdf" || arg.startsWith("--pdf="))
            return true;
    }
    return false;
}

} // namespace Ud::App::Cli
