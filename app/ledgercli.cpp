#include "ledgercli.h"

#include "appcontext.h"

#include <billing/billingmodule.h>
#include <billing/ledgerservice.h>
#include <core/money.h>
#include <core/usercontext.h>

#include <QDateTime>

namespace Ud::App::Cli {

namespace {

using Billing::LedgerService;

/// Minor units as decimal text in the currency's digits ("-5.00"), the form amounts are typed in.
QString decimal(qint64 minor, const QString &currency)
{
    const int digits = Core::Money::minorDigits(currency);
    qint64 scale = 1;
    for (int i = 0; i < digits; ++i)
        scale *= 10;
    const qint64 abs = minor < 0 ? -minor : minor;
    QString text = QString::number(abs / scale);
    if (digits > 0)
        text += QLatin1Char('.') + QStringLiteral("%1").arg(abs % scale, digits, 10, QLatin1Char('0'));
    return minor < 0 ? QLatin1Char('-') + text : text;
}

QString csv(const QString &field)
{
    if (!field.contains(QLatin1Char(',')) && !field.contains(QLatin1Char('"')) && !field.contains(QLatin1Char('\n')))
        return field;
    QString quoted = field;
    quoted.replace(QLatin1String("\""), QLatin1String("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

LedgerService &ledger(AppContext &context)
{
    context.open();
    return context.module<Billing::BillingModule>()->ledger();
}

int runTopUp(const Parsed &p, QTextStream &out)
{
    allowOnly(p, {QStringLiteral("--card"), QStringLiteral("--voucher")});
    const bool card = p.has(QStringLiteral("--card"));
    const bool voucher = p.has(QStringLiteral("--voucher"));
    if (card == voucher || p.words.size() < 2 || p.words.size() > 3 || (card && p.words.size() != 3))
        throw usage(Tr::tr("Write: utilitydesk topup ACCOUNT AMOUNT --card TOKEN, or utilitydesk topup ACCOUNT [AMOUNT] "
                           "--voucher CODE."));
    AppContext context(databaseUrl(p));
    const auto source = card ? Billing::TopUpSource::card(p.options.value(QStringLiteral("--card")))
                             : Billing::TopUpSource::voucher(p.options.value(QStringLiteral("--voucher")));
    const auto r = ledger(context).topUp(Core::UserContext::operatingSystemUser(), p.words.at(1), p.words.value(2), source);
    const QString currency = r.entries.constFirst().currency;
    out << Tr::tr("Topped up account %1 by %2 %3 (top-up %4).")
               .arg(p.words.at(1).trimmed().toUpper(), decimal(r.entries.constFirst().amountMinor, currency), currency, r.topUpId)
        << Qt::endl;
    for (const auto &e : r.entries)
        out << QStringLiteral("  %1 %2 %3").arg(e.seq).arg(Billing::entryKindKey(e.kind), decimal(e.amountMinor, currency))
            << Qt::endl;
    out << Tr::tr("Balance: %1 %2").arg(decimal(r.balanceMinor, currency), currency) << Qt::endl;
    out << Tr::tr("Emergency credit outstanding: %1 %2").arg(decimal(r.emergencyCreditMinor, currency), currency) << Qt::endl;
    out << Tr::tr("Debt outstanding: %1 %2").arg(decimal(r.debtMinor, currency), currency) << Qt::endl;
    return 0;
}

int runBalance(const Parsed &p, QTextStream &out)
{
    if (p.words.size() != 2)
        throw usage(Tr::tr("Write: utilitydesk balance ACCOUNT."));
    allowOnly(p, {});
    AppContext context(databaseUrl(p));
    const auto b = ledger(context).balance(Core::UserContext::operatingSystemUser(), p.words.at(1));
    const QString cur = b.account.currency;
    out << Tr::tr("Account: %1 (%2, %3)").arg(b.account.accountNumber, Accounts::paymentTypeKey(b.account.paymentType), cur)
        << Qt::endl;
    out << Tr::tr("Balance: %1").arg(decimal(b.balanceMinor, cur)) << Qt::endl;
    if (b.account.paymentType == Accounts::PaymentType::Prepaid) {
        out << Tr::tr("Emergency credit outstanding: %1").arg(decimal(b.emergencyCreditMinor, cur)) << Qt::endl;
        out << Tr::tr("Debt outstanding: %1").arg(decimal(b.debtMinor, cur));
        if (b.debtMinor > 0)
            out << ' ' << Tr::tr("(%1 % of each top-up)").arg(decimal(b.debtShareBp, QStringLiteral("EUR")));
        out << Qt::endl;
        if (b.disconnection.negativeBalance) {
            const QString next = b.disconnection.nextAllowedAt == 0
                                     ? Tr::tr("never under the friendly-hours settings")
                                     : QDateTime::fromSecsSinceEpoch(b.disconnection.nextAllowedAt, b.account.zone)
                                           .toString(QStringLiteral("yyyy-MM-dd HH:mm"));
            out << (b.disconnection.allowedNow ? Tr::tr("Disconnection: allowed now (balance below zero)")
                                               : Tr::tr("Disconnection: not now, %1; from %2 local time")
                                                     .arg(b.disconnection.reason, next))
                << Qt::endl;
        }
    } else {
        out << Tr::tr("Aged debt:") << Qt::endl;
        out << "not_due,up_to_30,31_60,61_90,over_90,total" << Qt::endl;
        out << decimal(b.aged.notDueMinor, cur) << ',' << decimal(b.aged.upTo30Minor, cur) << ','
            << decimal(b.aged.upTo60Minor, cur) << ',' << decimal(b.aged.upTo90Minor, cur) << ','
            << decimal(b.aged.over90Minor, cur) << ',' << decimal(b.aged.totalMinor(), cur) << Qt::endl;
    }
    out << Tr::tr("Entries: %1").arg(b.entryCount) << Qt::endl;
    if (!b.recent.isEmpty()) {
        out << Tr::tr("Last entries:") << Qt::endl;
        out << "seq,day,kind,amount,reference,method,due_on" << Qt::endl;
        for (const auto &e : b.recent) {
            out << e.seq << ',' << e.day.toString(Qt::ISODate) << ',' << Billing::entryKindKey(e.kind) << ','
                << decimal(e.amountMinor, cur) << ',' << csv(e.reference) << ',' << e.method << ','
                << e.dueOn.toString(Qt::ISODate) << Qt::endl;
        }
    }
    return 0;
}

int runPayment(const Parsed &p, QTextStream &out)
{
    if (p.words.size() != 3)
        throw usage(Tr::tr("Write: utilitydesk payment ACCOUNT AMOUNT [--method METHOD] [--reference TEXT]."));
    allowOnly(p, {QStringLiteral("--method"), QStringLiteral("--reference")});
    AppContext context(databaseUrl(p));
    LedgerService &service = ledger(context);
    const auto user = Core::UserContext::operatingSystemUser();
    const auto e = service.recordPayment(user, p.words.at(1), p.words.at(2),
                                         p.options.value(QStringLiteral("--method"), QStringLiteral("bank_transfer")),
                                         p.options.value(QStringLiteral("--reference")));
    const auto b = service.balance(user, e.accountId, 0);
    out << Tr::tr("Recorded a payment of %1 %2 on account %3 (%4%5).")
               .arg(decimal(e.amountMinor, e.currency), e.currency, b.account.accountNumber, e.method,
                    e.reference.isEmpty() ? QString() : QStringLiteral(", ") + e.reference)
        << Qt::endl;
    out << Tr::tr("Balance: %1 %2").arg(decimal(b.balanceMinor, e.currency), e.currency) << Qt::endl;
    return 0;
}

int runCard(const Parsed &p, QTextStream &out)
{
    if (p.words.value(1) != QLatin1String("block") || p.words.size() != 3)
        throw usage(Tr::tr("Write: utilitydesk card block TOKEN --reason TEXT."));
    allowOnly(p, {QStringLiteral("--reason")});
    if (!p.has(QStringLiteral("--reason")))
        throw usage(Tr::tr("\"card block\" needs --reason TEXT: a refused top-up tells the customer why."));
    AppContext context(databaseUrl(p));
    ledger(context).blockCard(Core::UserContext::operatingSystemUser(), p.words.at(2), p.options.value(QStringLiteral("--reason")));
    out << Tr::tr("Blocked the card: top-ups with it are refused (%1).").arg(p.options.value(QStringLiteral("--reason")).simplified())
        << Qt::endl;
    return 0;
}

/// The day of `option` (YYYY-MM-DD), or `fallback` when it is not given.
QDate dateOption(const Parsed &p, const QString &option, const QDate &fallback)
{
    if (!p.has(option))
        return fallback;
    const QDate d = QDate::fromString(p.options.value(option), Qt::ISODate);
    if (!d.isValid()) {
        throw Core::Error(Core::Error::Kind::BadInput,
                          Tr::tr("%1 must be a date written YYYY-MM-DD, not \"%2\".").arg(option, p.options.value(option)));
    }
    return d;
}

int runCharges(const Parsed &p, QTextStream &out, QTextStream &err)
{
    if (p.words.size() != 1)
        throw usage(Tr::tr("Write: utilitydesk charges [--through DATE]."));
    allowOnly(p, {QStringLiteral("--through")});
    const QDate through = dateOption(p, QStringLiteral("--through"), {});
    AppContext context(databaseUrl(p));
    int lastPercent = -1;
    const auto summary = ledger(context).postDailyCharges(Core::UserContext::operatingSystemUser(), through,
                                                          [&](qint64 done, qint64 total) {
        const int percent = total > 0 ? int(done * 100 / total) : 100;
        if (percent != lastPercent) {
            lastPercent = percent;
            err << Tr::tr("Charging: %1 of %2 accounts (%3%)").arg(done).arg(total).arg(percent) << '\r';
            err.flush();
        }
        return true;
    });
    err << Qt::endl;
    const QString upTo = through.isValid() ? through.toString(Qt::ISODate) : Tr::tr("yesterday");
    out << Tr::tr("Daily charges through %1: prepaid accounts %2, charged %3, days posted %4, up to date %5, not "
                  "charged up to the day %6.")
               .arg(upTo)
               .arg(summary.accounts)
               .arg(summary.charged)
               .arg(summary.days)
               .arg(summary.upToDate)
               .arg(summary.skipped.size())
        << Qt::endl;
    bool failed = false;
    for (const bool waiting : {true, false}) {
        bool heading = false;
        for (const auto &s : summary.skipped) {
            if (s.waitingForReadings != waiting)
                continue;
            if (!heading) {
                out << (waiting ? Tr::tr("Waiting for readings:") : Tr::tr("Not charged:")) << Qt::endl;
                heading = true;
            }
            out << QStringLiteral("  ") << s.accountNumber << QStringLiteral(": ") << s.reason << Qt::endl;
            failed = failed || !waiting;
        }
    }
    return failed ? 1 : 0;
}

int runArrears(const Parsed &p, QTextStream &out)
{
    if (p.words.size() != 1)
        throw usage(Tr::tr("Write: utilitydesk arrears [--as-of DATE]."));
    allowOnly(p, {QStringLiteral("--as-of")});
    const QDate asOf = dateOption(p, QStringLiteral("--as-of"), QDate::currentDate());
    AppContext context(databaseUrl(p));
    const auto changes = ledger(context).updateArrears(Core::UserContext::operatingSystemUser(), asOf);
    if (changes.isEmpty()) {
        out << Tr::tr("Arrears on %1: no account changed stage.").arg(asOf.toString(Qt::ISODate)) << Qt::endl;
        return 0;
    }
    out << Tr::tr("Arrears on %1: accounts that changed stage %2.").arg(asOf.toString(Qt::ISODate)).arg(changes.size())
        << Qt::endl;
    out << "account,from_stage,to_stage,stage,past_due,currency" << Qt::endl;
    for (const auto &c : changes) {
        out << c.accountNumber << ',' << c.fromStage << ',' << c.toStage << ',' << csv(Billing::arrearsStageName(c.toStage))
            << ',' << decimal(c.pastDueMinor, c.currency) << ',' << c.currency << Qt::endl;
    }
    return 0;
}

} // namespace

bool isLedgerCommand(const QString &command)
{
    return command == QLatin1String("topup") || command == QLatin1String("balance") || command == QLatin1String("payment")
           || command == QLatin1String("card") || command == QLatin1String("charges") || command == QLatin1String("arrears");
}

QString ledgerHelpText()
{
    return Tr::tr("  topup ACCOUNT AMOUNT --card TOKEN     top up a prepaid account (AMOUNT as 20.00); a blocked card is\n"
                  "                                        refused; emergency credit and a debt-recovery share are taken\n"
                  "  topup ACCOUNT [AMOUNT] --voucher CODE top up with a voucher, which can be used once\n"
                  "  balance ACCOUNT                       balance, emergency credit, debt, aged debt and the last entries\n"
                  "  payment ACCOUNT AMOUNT [--method M] [--reference R]\n"
                  "                                        record a postpaid payment (M: bank_transfer, card, cash,\n"
                  "                                        cheque, direct_debit; default bank_transfer)\n"
                  "  card block TOKEN --reason TEXT        refuse top-ups with this card from now on\n"
                  "  charges [--through DATE]              post the daily charges of every active prepaid account with a\n"
                  "                                        tariff up to DATE (YYYY-MM-DD; default yesterday); a day\n"
                  "                                        waits until its readings are complete\n"
                  "  arrears [--as-of DATE]                move postpaid accounts to their arrears stage on DATE\n"
                  "                                        (default today) and list the changes\n");
}

int runLedger(const Parsed &p, QTextStream &out, QTextStream &err)
{
    const QString command = p.words.value(0);
    if (command == QLatin1String("charges"))
        return runCharges(p, out, err);
    if (command == QLatin1String("arrears"))
        return runArrears(p, out);
    if (command == QLatin1String("topup"))
        return runTopUp(p, out);
    if (command == QLatin1String("balance"))
        return runBalance(p, out);
    if (command == QLatin1String("payment"))
        return runPayment(p, out);
    return runCard(p, out);
}

} // namespace Ud::App::Cli
