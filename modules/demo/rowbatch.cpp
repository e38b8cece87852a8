#include "rowbatch.h"

namespace Ud::Demo {

const TableSpec &tableSpec(Table table)
{
    // Column order here is the order the row builder appends values in.
    static const TableSpec specs[TableCount] = {
        {"customers",
         {"id", "customer_number", "class", "full_name", "given_name", "family_name", "language", "email", "phone",
          "income_band", "credit_band", "business_type", "household_size", "date_of_birth", "national_id_enc",
          "national_id_idx", "bank_account_enc", "bank_account_idx", "created_at", "updated_at"}},
        {"customer_vulnerabilities",
         {"id", "customer_id", "kind", "consent_given", "consent_at", "notes", "recorded_at"}},
        {"premises",
         {"id", "address_line1", "address_line2", "city", "postcode", "region", "country", "time_zone", "substation",
          "feeder", "transformer", "latitude", "longitude"}},
        {"accounts",
         {"id", "account_number", "customer_id", "premise_id", "market_code", "payment_type", "status", "opened_on",
          "closed_on"}},
        {"service_points", {"id", "premise_id", "account_id", "commodity", "identifier"}},
        {"meters", {"id", "service_point_id", "serial", "commodity", "interval_minutes", "installed_on", "removed_on"}},
        {"meter_channels", {"id", "meter_id", "channel", "unit"}},
        {"appliances", {"id", "premise_id", "kind", "capacity_w", "installed_on"}},
        {"interactions",
         {"id", "customer_id", "account_id", "at", "channel", "direction", "reason", "summary", "notes", "agent",
          "reason_code", "wrap_up_code", "duration_seconds"}},
        {"account_tariffs", {"id", "account_id", "tariff_id", "effective_from", "effective_to", "created_at"}},
    };
    return specs[int(table)];
}

} // namespace Ud::Demo
