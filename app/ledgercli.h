#pragma once

#include "cliparse.h"

#include <QTextStream>

namespace Ud::App::Cli {

/// The ledger on the command line: `topup ACCOUNT AMOUNT --card TOKEN` (or `--voucher CODE`,
/// the amount then optional), `balance ACCOUNT`, `payment ACCOUNT AMOUNT [--method M]
/// [--reference R]` and `card block TOKEN --reason TEXT`. Amounts are decimal text in the
/// account's currency ("20.00") and are printed so.
bool isLedgerCommand(const QString &command);
int runLedger(const Parsed &p, QTextStream &out);

/// The help lines of these commands.
QString ledgerHelpText();

} // namespace Ud::App::Cli
