#include "testdatabase.h"

#include <core/auditlog.h>
#include <core/clock.h>
#include <core/crypto.h>
#include <core/error.h>
#include <core/sqlquery.h>
#include <core/transaction.h>
#include <core/usercontext.h>

#include <QDateTime>
#include <QJsonObject>
#include <QThread>

#include <functional>
#include <memory>
#include <optional>
#include <vector>

using namespace Ud::Core;

namespace {
// 2026-11-25 10:00 UTC
const qint64 Start = QDateTime(QDate(2026, 11, 25), QTime(10, 0), Qt::UTC).toSecsSinceEpoch();

std::optional<Error> errorOf(const std::function<void()> &f)
{
    try {
        f();
    } catch (const Error &e) {
        return e;
    }
    return std::nullopt;
}

UserContext alice()
{
    return UserContext(QStringLiteral("7b0c3f7e-2d7a-4a53-9d0b-0e0f5d8a1c11"), QStringLiteral("alice"),
                       Role::Supervisor);
}

// Four entries a minute apart: OS user, named user, anonymous, named user.
void recordFour(AuditLog &log, ManualClock &clock)
{
    log.record(UserContext::operatingSystemUser(), QStringLiteral("user.create"), QStringLiteral("users"),
               QStringLiteral("u1"), {}, QJsonObject{{QStringLiteral("username"), QStringLiteral("alice")}});
    clock.advance(60);
    log.record(alice(), QStringLiteral("customer.update"), QStringLiteral("customers"), QStringLiteral("c1"),
               QJsonObject{{QStringLiteral("full_name"), QStringLiteral("王小明")}},
               QJsonObject{{QStringLiteral("full_name"), QStringLiteral("王晓明")}});
    clock.advance(60);
    log.recordAnonymous(QStringLiteral("mallory"), QStringLiteral("user.sign_in_failed"), QStringLiteral("users"),
                        QString(), QJsonObject{{QStringLiteral("reason"), QStringLiteral("unknown_user")}});
    clock.advance(60);
    log.record(alice(), QStringLiteral("customer.update"), QStringLiteral("customers"), QStringLiteral("c2"),
               QJsonObject{{QStringLiteral("phone"), QStringLiteral("1")}},
               QJsonObject{{QStringLiteral("phone"), QStringLiteral("2")}});
}

QList<qint64> seqs(Database &db)
{
    QList<qint64> out;
    SqlQuery q(db.connection(), QStringLiteral("SELECT seq FROM audit_log ORDER BY seq"));
    q.exec();
    while (q.next())
        out.append(q.value(0).toLongLong());
    return out;
}

QString entryTime(qint64 at)
{
    return QDateTime::fromSecsSinceEpoch(at, Qt::UTC).toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}
} // namespace

class TestAuditLog : public QObject
{
    Q_OBJECT

private slots:
    void recordsWhoWhatWhenAndChains_data() { Ud::Test::addBackendRows(); }
    void recordsWhoWhatWhenAndChains();
    void alteredEntryReportedFirst_data() { Ud::Test::addBackendRows(); }
    void alteredEntryReportedFirst();
    void deletedEntryReported_data() { Ud::Test::addBackendRows(); }
    void deletedEntryReported();
    void rewrittenHashBreaksTheNextLink_data() { Ud::Test::addBackendRows(); }
    void rewrittenHashBreaksTheNextLink();
    void entryRollsBackWithTheChange_data() { Ud::Test::addBackendRows(); }
    void entryRollsBackWithTheChange();
    void listNewestFirstAndPermission_data() { Ud::Test::addBackendRows(); }
    void listNewestFirstAndPermission();
    void verifyWalksPagesAndReportsProgress_data() { Ud::Test::addBackendRows(); }
    void verifyWalksPagesAndReportsProgress();
    void concurrentWritersKeepTheChain_data() { Ud::Test::addBackendRows(); }
    void concurrentWritersKeepTheChain();
};

void TestAuditLog::recordsWhoWhatWhenAndChains()
{
    UD_TEST_DATABASE(t);
    ManualClock clock(Start);
    AuditLog log(t.db(), clock);

    const AuditLog::Verification empty = log.verify();
    QVERIFY(empty.intact);
    QCOMPARE(empty.checked, 0);
    QCOMPARE(empty.lastHash, QString(64, QLatin1Char('0')));

    recordFour(log, clock);

    SqlQuery q(t.db().connection(),
               QStringLiteral("SELECT at, actor, actor_role, action, entity, entity_id, before_json, after_json, "
                              "prev_hash, hash FROM audit_log ORDER BY seq"));
    q.exec();
    QVERIFY(q.next());
    QCOMPARE(q.value(0).toLongLong(), Start);
    QCOMPARE(q.value(1).toString(), UserContext::operatingSystemUser().userName());
    QVERIFY(q.value(1).toString().startsWith(QLatin1String("os:")));
    QCOMPARE(q.value(2).toString(), QStringLiteral("admin"));
    QCOMPARE(q.value(3).toString(), QStringLiteral("user.create"));
    QCOMPARE(q.value(6).toString(), QString());
    QCOMPARE(q.value(7).toString(), QStringLiteral("{\"username\":\"alice\"}"));
    QCOMPARE(q.value(8).toString(), QString(64, QLatin1Char('0')));
    QString previous = q.value(9).toString();
    QCOMPARE(previous.size(), 64);

    QVERIFY(q.next());
    QCOMPARE(q.value(0).toLongLong(), Start + 60);
    QCOMPARE(q.value(1).toString(), QStringLiteral("alice"));
    QCOMPARE(q.value(2).toString(), QStringLiteral("supervisor"));
    QCOMPARE(q.value(4).toString(), QStringLiteral("customers"));
    QCOMPARE(q.value(5).toString(), QStringLiteral("c1"));
    QCOMPARE(q.value(6).toString(), QStringLiteral("{\"full_name\":\"王小明\"}"));
    QCOMPARE(q.value(7).toString(), QStringLiteral("{\"full_name\":\"王晓明\"}"));
    QCOMPARE(q.value(8).toString(), previous);
    // The hash is SHA-256 over the previous hash, a newline and the canonical entry.
    AuditLog::Entry e;
    e.at = q.value(0).toLongLong();
    e.actor = q.value(1).toString();
    e.actorRole = q.value(2).toString();
    e.action = q.value(3).toString();
    e.entity = q.value(4).toString();
    e.entityId = q.value(5).toString();
    e.beforeJson = q.value(6).toString();
    e.afterJson = q.value(7).toString();
    QCOMPARE(q.value(9).toString(),
             QString::fromLatin1(Crypto::sha256(previous.toLatin1() + '\n' + AuditLog::canonical(e)).toHex()));

    QVERIFY(q.next());
    QCOMPARE(q.value(1).toString(), QStringLiteral("mallory"));
    QCOMPARE(q.value(2).toString(), QString());
    QVERIFY(q.next());
    QVERIFY(!q.next());

    const AuditLog::Verification v = log.verify();
    QVERIFY2(v.intact, qPrintable(v.reason));
    QCOMPARE(v.checked, 4);
    QCOMPARE(v.firstBadSeq, 0);
    QVERIFY(v.reason.isEmpty());
    QCOMPARE(v.lastHash, log.list(alice(), 1).first().hash);
}

void TestAuditLog::alteredEntryReportedFirst()
{
    UD_TEST_DATABASE(t);
    ManualClock clock(Start);
    AuditLog log(t.db(), clock);
    recordFour(log, clock);
    const QList<qint64> s = seqs(t.db());
    QCOMPARE(s.size(), 4);

    // Someone with database access edits entry 2's "after" behind the application's back.
    SqlQuery(t.db().connection(), QStringLiteral("UPDATE audit_log SET after_json = :after WHERE seq = :seq"))
        .bind(QStringLiteral(":after"), QStringLiteral("{\"full_name\":\"Someone Else\"}"))
        .bind(QStringLiteral(":seq"), s.at(1))
        .exec();
    const AuditLog::Verification v = log.verify();
    QVERIFY(!v.intact);
    QCOMPARE(v.firstBadSeq, s.at(1));
    QCOMPARE(v.checked, 1);
    QCOMPARE(v.reason, QStringLiteral("Entry %1 (%2 UTC) was altered: its content no longer matches its hash.")
                           .arg(s.at(1))
                           .arg(entryTime(Start + 60)));
    QVERIFY(v.reason.contains(QLatin1String("2026-11-25 10:01 UTC")));

    // Put back, the chain is whole again; moving an entry's time is caught like any edit.
    SqlQuery(t.db().connection(), QStringLiteral("UPDATE audit_log SET after_json = :after WHERE seq = :seq"))
        .bind(QStringLiteral(":after"), QStringLiteral("{\"full_name\":\"王晓明\"}"))
        .bind(QStringLiteral(":seq"), s.at(1))
        .exec();
    QVERIFY(log.verify().intact);
    SqlQuery(t.db().connection(), QStringLiteral("UPDATE audit_log SET at = at + 1 WHERE seq = :seq"))
        .bind(QStringLiteral(":seq"), s.at(2))
        .exec();
    QCOMPARE(log.verify().firstBadSeq, s.at(2));
}

void TestAuditLog::deletedEntryReported()
{
    UD_TEST_DATABASE(t);
    ManualClock clock(Start);
    AuditLog log(t.db(), clock);
    recordFour(log, clock);
    const QList<qint64> s = seqs(t.db());

    SqlQuery(t.db().connection(), QStringLiteral("DELETE FROM audit_log WHERE seq = :seq")).bind(QStringLiteral(":seq"), s.at(1)).exec();
    AuditLog::Verification v = log.verify();
    QVERIFY(!v.intact);
    QCOMPARE(v.firstBadSeq, s.at(2));
    QCOMPARE(v.reason, QStringLiteral("Entry %1 (%2 UTC) does not follow entry %3: an entry was removed or inserted.")
                           .arg(s.at(2))
                           .arg(entryTime(Start + 120))
                           .arg(s.at(0)));

    // Removing the very first entry is caught too.
    SqlQuery(t.db().connection(), QStringLiteral("DELETE FROM audit_log WHERE seq = :seq")).bind(QStringLiteral(":seq"), s.at(0)).exec();
    v = log.verify();
    QVERIFY(!v.intact);
    QCOMPARE(v.firstBadSeq, s.at(2));
    QVERIFY2(v.reason.contains(QLatin1String("does not follow the start of the log")), qPrintable(v.reason));
}

void TestAuditLog::rewrittenHashBreaksTheNextLink()
{
    UD_TEST_DATABASE(t);
    ManualClock clock(Start);
    AuditLog log(t.db(), clock);
    recordFour(log, clock);
    const QList<qint64> s = seqs(t.db());

    // A forger who alters entry 2 and recomputes its hash still breaks entry 3's link.
    SqlQuery read(t.db().connection(),
                  QStringLiteral("SELECT at, actor, actor_role, action, entity, entity_id, before_json, prev_hash "
                                 "FROM audit_log WHERE seq = :seq"));
    read.bind(QStringLiteral(":seq"), s.at(1)).exec();
    QVERIFY(read.next());
    AuditLog::Entry e;
    e.at = read.value(0).toLongLong();
    e.actor = read.value(1).toString();
    e.actorRole = read.value(2).toString();
    e.action = read.value(3).toString();
    e.entity = read.value(4).toString();
    e.entityId = read.value(5).toString();
    e.beforeJson = read.value(6).toString();
    e.afterJson = QStringLiteral("{\"full_name\":\"Forged\"}");
    const QString forgedHash = AuditLog::computeHash(read.value(7).toString(), e);
    SqlQuery(t.db().connection(), QStringLiteral("UPDATE audit_log SET after_json = :after, hash = :hash WHERE seq = :seq"))
        .bind(QStringLiteral(":after"), e.afterJson)
        .bind(QStringLiteral(":hash"), forgedHash)
        .bind(QStringLiteral(":seq"), s.at(1))
        .exec();
    const AuditLog::Verification v = log.verify();
    QVERIFY(!v.intact);
    QCOMPARE(v.firstBadSeq, s.at(2));
    QCOMPARE(v.checked, 2);
}

void TestAuditLog::entryRollsBackWithTheChange()
{
    UD_TEST_DATABASE(t);
    ManualClock clock(Start);
    AuditLog log(t.db(), clock);
    {
        Transaction tx(t.db());
        log.record(alice(), QStringLiteral("customer.update"), QStringLiteral("customers"), QStringLiteral("c1"),
                   {}, QJsonObject{{QStringLiteral("x"), 1}});
        // No commit: the change failed, so its audit entry must go too.
    }
    QCOMPARE(log.count(alice()), 0);
    {
        Transaction tx(t.db());
        log.record(alice(), QStringLiteral("customer.update"), QStringLiteral("customers"), QStringLiteral("c1"),
                   {}, QJsonObject{{QStringLiteral("x"), 2}});
        tx.commit();
    }
    QCOMPARE(log.count(alice()), 1);
    QCOMPARE(log.list(alice(), 10).first().afterJson, QStringLiteral("{\"x\":2}"));
    QCOMPARE(log.list(alice(), 10).first().prevHash, AuditLog::genesisHash());
    QVERIFY(log.verify().intact);
}

void TestAuditLog::listNewestFirstAndPermission()
{
    UD_TEST_DATABASE(t);
    ManualClock clock(Start);
    AuditLog log(t.db(), clock);
    recordFour(log, clock);

    const QList<AuditLog::Entry> all = log.list(alice(), 10);
    QCOMPARE(all.size(), 4);
    QCOMPARE(all.at(0).entityId, QStringLiteral("c2"));
    QCOMPARE(all.at(1).actor, QStringLiteral("mallory"));
    QCOMPARE(all.at(2).entityId, QStringLiteral("c1"));
    QCOMPARE(all.at(3).action, QStringLiteral("user.create"));
    QVERIFY(all.at(0).seq > all.at(1).seq && all.at(1).seq > all.at(2).seq && all.at(2).seq > all.at(3).seq);
    QCOMPARE(all.at(0).at, Start + 180);
    QCOMPARE(all.at(0).prevHash, all.at(1).hash);

    const QList<AuditLog::Entry> page = log.list(alice(), 2, 1);
    QCOMPARE(page.size(), 2);
    QCOMPARE(page.at(0).seq, all.at(1).seq);
    QCOMPARE(page.at(1).seq, all.at(2).seq);
    QCOMPARE(log.count(alice()), 4);
    QCOMPARE(log.count(UserContext::operatingSystemUser()), 4);

    const UserContext agent(QStringLiteral("a-1"), QStringLiteral("bob"), Role::Agent);
    for (const auto &call : std::vector<std::function<void()>>{[&] { log.list(agent, 10); },
                                                               [&] { log.count(agent); }}) {
        const auto error = errorOf(call);
        QVERIFY(error);
        QCOMPARE(error->kind(), Error::Kind::Denied);
        QCOMPARE(error->message(), QStringLiteral("bob (Agent) may not view the audit log."));
    }
}

void TestAuditLog::verifyWalksPagesAndReportsProgress()
{
    UD_TEST_DATABASE(t);
    ManualClock clock(Start);
    AuditLog log(t.db(), clock);
    const int n = AuditLog::VerifyPageSize * 2 + 17;
    {
        Transaction tx(t.db());
        for (int i = 0; i < n; ++i) {
            log.record(alice(), QStringLiteral("customer.update"), QStringLiteral("customers"),
                       QStringLiteral("c%1").arg(i), {}, QJsonObject{{QStringLiteral("i"), i}});
            clock.advance(1);
        }
        tx.commit();
    }
    QList<QPair<qint64, qint64>> calls;
    AuditLog::Verification v = log.verify([&](qint64 done, qint64 total) { calls.append({done, total}); });
    QVERIFY2(v.intact, qPrintable(v.reason));
    QCOMPARE(v.checked, n);
    QVERIFY(calls.size() >= 3);
    QCOMPARE(calls.first(), qMakePair(qint64(0), qint64(n)));
    QCOMPARE(calls.last(), qMakePair(qint64(n), qint64(n)));

    // A change deep in the third page is found and named.
    const QList<qint64> s = seqs(t.db());
    const qint64 target = s.at(AuditLog::VerifyPageSize * 2 + 5);
    SqlQuery(t.db().connection(), QStringLiteral("UPDATE audit_log SET entity_id = :id WHERE seq = :seq"))
        .bind(QStringLiteral(":id"), QStringLiteral("c0"))
        .bind(QStringLiteral(":seq"), target)
        .exec();
    v = log.verify();
    QVERIFY(!v.intact);
    QCOMPARE(v.firstBadSeq, target);
    QCOMPARE(v.checked, AuditLog::VerifyPageSize * 2 + 5);
}

void TestAuditLog::concurrentWritersKeepTheChain()
{
    UD_TEST_DATABASE(t);
    Clock clock;
    AuditLog log(t.db(), clock);
    constexpr int Threads = 4;
    constexpr int PerThread = 25;
    std::vector<std::unique_ptr<QThread>> threads;
    QAtomicInt failures = 0;
    for (int w = 0; w < Threads; ++w) {
        threads.emplace_back(QThread::create([&, w] {
            try {
                for (int i = 0; i < PerThread; ++i) {
                    // Each writer reads the last hash and inserts in its own unit of work.
                    Transaction tx(t.db());
                    log.record(alice(), QStringLiteral("customer.update"), QStringLiteral("customers"),
                               QStringLiteral("w%1-%2").arg(w).arg(i), {}, QJsonObject{{QStringLiteral("w"), w}});
                    tx.commit();
                }
            } catch (const Error &e) {
                qWarning("%s", qPrintable(e.message()));
                failures.fetchAndAddRelaxed(1);
            }
            t.db().releaseThreadConnection();
        }));
        threads.back()->start();
    }
    for (auto &thread : threads)
        QVERIFY(thread->wait(60000));
    QCOMPARE(failures.loadRelaxed(), 0);
    const AuditLog::Verification v = log.verify();
    QVERIFY2(v.intact, qPrintable(v.reason));
    QCOMPARE(v.checked, Threads * PerThread);
    // No two entries chained onto the same predecessor.
    QCOMPARE(SqlQuery(t.db().connection(), QStringLiteral("SELECT count(DISTINCT prev_hash) FROM audit_log"))
                 .scalar()
                 .toInt(),
             Threads * PerThread);
}

QTEST_GUILESS_MAIN(TestAuditLog)
#include "tst_auditlog.moc"
