// The hand-computed top-up of tests/data/ledger/topup-debt-recovery.json, on both databases:
// the debt and emergency credit it starts from, each top-up's entries (the top-up, the
// emergency-credit repayment first, then the debt-recovery share), the balance, debt and
// emergency credit after each, and the whole ledger at the end, compared exactly.

#include "ledgerfixture.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Ud;
using namespace Ud::Billing;

namespace {

QJsonObject golden()
{
    const QString root = qEnvironmentVariable("UD_SOURCE_DIR");
    QFile f(root.isEmpty() ? QFINDTESTDATA("../data/ledger/topup-debt-recovery.json")
                           : root + QStringLiteral("/tests/data/ledger/topup-debt-recovery.json"));
    if (!f.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(f.fileName()));
    return QJsonDocument::fromJson(f.readAll()).object();
}

/// "seq kind amount" per entry, so a mismatch shows the whole list.
QStringList lines(const QList<LedgerEntry> &entries)
{
    QStringList list;
    for (const LedgerEntry &e : entries)
        list << QStringLiteral("%1 %2 %3").arg(e.seq).arg(entryKindKey(e.kind)).arg(e.amountMinor);
    return list;
}

QStringList lines(const QJsonArray &entries)
{
    QStringList list;
    for (const QJsonValue &v : entries) {
        const QJsonObject o = v.toObject();
        list << QStringLiteral("%1 %2 %3")
                    .arg(o.value(QStringLiteral("seq")).toInt())
                    .arg(o.value(QStringLiteral("kind")).toString())
                    .arg(qint64(o.value(QStringLiteral("amountMinor")).toDouble()));
    }
    return list;
}

} // namespace

class TestLedgerGolden : public QObject
{
    Q_OBJECT

private slots:
    void topUpWithDebtRecovery_data() { Test::addBackendRows(); }
    void topUpWithDebtRecovery()
    {
        UD_TEST_DATABASE(t);
        const QJsonObject g = golden();
        Test::LedgerFixture f(t.db());
        f.clock.set(QDateTime::fromString(g.value(QStringLiteral("at")).toString(), Qt::ISODate).toSecsSinceEpoch());
        const Accounts::Account account =
            f.openAccount(QStringLiteral("Lucía Golden"), g.value(QStringLiteral("market")).toString(), Accounts::PaymentType::Prepaid);
        QCOMPARE(account.currency, g.value(QStringLiteral("currency")).toString());

        for (const QJsonValue &v : g.value(QStringLiteral("setup")).toArray()) {
            const QJsonObject step = v.toObject();
            const QString action = step.value(QStringLiteral("action")).toString();
            if (action == QLatin1String("debt"))
                f.ledger().setDebt(f.agent(), account.accountNumber, step.value(QStringLiteral("amount")).toString(),
                                   step.value(QStringLiteral("shareBp")).toInt());
            else if (action == QLatin1String("emergency_credit"))
                f.ledger().grantEmergencyCredit(f.agent(), account.accountNumber);
            else if (action == QLatin1String("adjustment"))
                f.ledger().adjust(f.supervisor(), account.accountNumber, step.value(QStringLiteral("amount")).toString(),
                                  step.value(QStringLiteral("note")).toString());
            else
                QFAIL(qPrintable(QStringLiteral("unknown setup action ") + action));
        }
        QCOMPARE(f.ledger().balance(f.agent(), account.accountNumber).balanceMinor,
                 qint64(g.value(QStringLiteral("balanceBefore")).toDouble()));

        const QDate day = QDate::fromString(g.value(QStringLiteral("day")).toString(), Qt::ISODate);
        for (const QJsonValue &v : g.value(QStringLiteral("topUps")).toArray()) {
            const QJsonObject step = v.toObject();
            const TopUpResult r = f.ledger().topUp(f.agent(), account.accountNumber, step.value(QStringLiteral("amount")).toString(),
                                                   TopUpSource::card(step.value(QStringLiteral("card")).toString()));
            QCOMPARE(lines(r.entries), lines(step.value(QStringLiteral("entries")).toArray()));
            for (const LedgerEntry &e : r.entries) {
                QCOMPARE(e.reference, r.topUpId);
                QCOMPARE(e.day, day);
                QCOMPARE(e.currency, account.currency);
            }
            QCOMPARE(r.balanceMinor, qint64(step.value(QStringLiteral("balanceMinor")).toDouble()));
            QCOMPARE(r.debtMinor, qint64(step.value(QStringLiteral("debtMinor")).toDouble()));
            QCOMPARE(r.emergencyCreditMinor, qint64(step.value(QStringLiteral("emergencyCreditMinor")).toDouble()));
            // What the balance screen reads back agrees with what the top-up said.
            const AccountBalance b = f.ledger().balance(f.agent(), account.accountNumber);
            QCOMPARE(b.balanceMinor, r.balanceMinor);
            QCOMPARE(b.debtMinor, r.debtMinor);
            QCOMPARE(b.emergencyCreditMinor, r.emergencyCreditMinor);
        }

        QCOMPARE(lines(f.ledger().entries(f.agent(), account.accountNumber)), lines(g.value(QStringLiteral("ledger")).toArray()));
        const qint64 after = qint64(g.value(QStringLiteral("balanceAfter")).toDouble());
        QCOMPARE(f.sumOfEntries(account.id), after);
        QCOMPARE(f.ledger().balance(f.agent(), account.accountNumber).balanceMinor, after);
        QCOMPARE(Core::SqlQuery(t.db().connection(), QStringLiteral("SELECT outstanding_minor FROM account_debts")).scalar().toLongLong(),
                 qint64(0));
    }
};

QTEST_GUILESS_MAIN(TestLedgerGolden)
#include "tst_ledgergolden.moc"
