#pragma once

#include "billcalculation.h"

#include <QLocale>
#include <QString>

namespace Ud::Billing {

/// How a bill line reads for people, in the current UI language or a given locale's
/// conventions: "Standing charge", "Energy – peak", "VAT 5 %"; quantities as "123.456 kWh",
/// "31 days", "4.200 kW"; unit prices with their unit.
struct BillLineText {
    static QString description(const BillLine &line);
    static QString quantity(const BillLine &line, const QLocale &locale = QLocale());
    static QString unitPrice(const BillLine &line, const QString &currency, const QLocale &locale = QLocale());
    /// kWh with three decimals ("1,234.500").
    static QString kwh(qint64 wh, const QLocale &locale = QLocale());
};

} // namespace Ud::Billing
