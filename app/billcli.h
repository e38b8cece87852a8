#pragma once

#include "cliparse.h"

#include <QDate>
#include <QString>
#include <QStringList>
#include <QTextStream>

#include <optional>

namespace Ud::App::Cli {

/// The words and options of `utilitydesk bill`, read and checked in one place so that further
/// options (such as --pdf FILE) are added here: to `billOptionNames()` and to this struct.
struct BillArguments {
    QString account;
    QDate from;
    QDate to;
    std::optional<QString> tariffCode;
};
/// The options `bill` takes ("--from", "--to", "--tariff").
QStringList billOptionNames();
/// Throws a usage error naming a missing word or option, BadInput for a date that is not one.
BillArguments billArguments(const Parsed &p);

/// `utilitydesk bill ACCOUNT --from DATE --to DATE [--tariff CODE]`: the bill's lines and
/// totals as CSV (amounts in the currency's major unit, kWh with 3 decimals), with rows saying
/// how much was estimated and how many intervals were missing.
int runBill(const Parsed &p, QTextStream &out);
/// `utilitydesk rate-compare CUSTOMER [--csv]`: each electricity account's last 12 full months
/// under every tariff of its market and class, cheapest first, with the saving.
int runRateCompare(const Parsed &p, QTextStream &out);

/// 1234 GBP -> "12.34", -5 -> "-0.05".
QString minorText(qint64 minor, const QString &currency);
/// 1500 Wh -> "1.500".
QString kwhText(qint64 wh);

/// The help lines of these commands.
QString billHelpText();

} // namespace Ud::App::Cli
