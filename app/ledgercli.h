#pragma once

#include "cliparse.h"

#include <QTextStream>

namespace Ud::App::Cli {

/// The ledger on the command line: `topup ACCOUNT AMOUNT --card TOKEN` (or `--voucher CODE`,
/// the amount then optional), `balance ACCOUNT`, `payment ACCOUNT AMOUNT [--method M]
/// [--reference R]`, `card block TOKEN --reason TEXT`, `charges [--through DATE]` (the daily
/// charges of every active prepaid account, progress on `err`) and `arrears [--as-of DATE]`
/// (the arrears stages of the postpaid accounts). Amounts are decimal text in the account's
/// currency ("20.00") and are printed so.
bool isLedgerCommand(const QString &command);
int runLedger(const Parsed &p, QTextStream &out, QTextStream &err);

/// The help lines of these commands.
QString ledgerHelpText();

} // namespace Ud::App::Cli
