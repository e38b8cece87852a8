#include "meteringfixture.h"

#include <core/error.h>
#include <core/sqlquery.h>
#include <metering/readingeditor.h>
#include <metering/readingstore.h>

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Ud;
using Metering::Quality;
using Metering::ReadingEditor;
using Metering::ReadingStore;
using Test::MeteringFixture;

class TestReadingEditor : public QObject
{
    Q_OBJECT

private slots:
    void editIsStoredWithItsRawValueAndAudited_data() { Test::addBackendRows(); }
    void editIsStoredWithItsRawValueAndAudited()
    {
        UD_TEST_DATABASE(tdb);
        MeteringFixture f(tdb.db());
        const auto meter = f.addMeter(QStringLiteral("M-1"), QStringLiteral("Europe/London"), 30);
        const QTimeZone london(QByteArrayLiteral("Europe/London"));
        const qint64 at = QDateTime(QDate(2024, 3, 10), QTime(10, 0), london).toSecsSinceEpoch();
        ReadingStore store(tdb.db(), f.clock);
        store.write(f.channelOf(meter), london, 30, {{at, 4000, Quality::Actual}}, QStringLiteral("file.csv"));

        ReadingEditor editor(f.context);
        ReadingEditor::Edit edit{QStringLiteral("m-1"), Accounts::ChannelKind::Import, at, 400,
                                 QStringLiteral("Customer read the register: the head-end added a digit")};
        const auto stored = editor.edit(f.supervisor(), edit);
        QCOMPARE(stored.value, 400);
        QCOMPARE(stored.quality, Quality::Edited);
        const auto read = store.read(f.channelOf(meter), london, at, at + 1800);
        QCOMPARE(read.size(), 1);
        QCOMPARE(read.constFirst().value, 400);
        QCOMPARE(read.constFirst().quality, Quality::Edited);
        const auto notes = store.annotations(f.channelOf(meter), QDate(2024, 3, 10), QDate(2024, 3, 10));
        QCOMPARE(notes.size(), 1);
        QCOMPARE(notes.constFirst().rule, QStringLiteral("manual"));
        QCOMPARE(notes.constFirst().rawValue, std::optional<qint64>(4000));
        QCOMPARE(store.revisions(f.channelOf(meter), QDate(2024, 3, 10)).constFirst().oldValue, 4000);

        Core::SqlQuery audit(tdb.db().connection(), QStringLiteral(
            "SELECT actor, before_json, after_json FROM audit_log WHERE action = 'meter_data.edit'"));
        audit.exec();
        QVERIFY(audit.next());
        QCOMPARE(audit.value(0).toString(), QStringLiteral("carol"));
        const QJsonObject before = QJsonDocument::fromJson(audit.value(1).toString().toUtf8()).object();
        const QJsonObject after = QJsonDocument::fromJson(audit.value(2).toString().toUtf8()).object();
        QCOMPARE(before.value(QStringLiteral("value")).toInteger(), 4000);
        QCOMPARE(before.value(QStringLiteral("quality")).toString(), QStringLiteral("actual"));
        QCOMPARE(after.value(QStringLiteral("value")).toInteger(), 400);
        QCOMPARE(after.value(QStringLiteral("quality")).toString(), QStringLiteral("edited"));
        QCOMPARE(after.value(QStringLiteral("reason")).toString(), edit.reason);
    }

    void badEditsAreRefused_data() { Test::addBackendRows(); }
    void badEditsAreRefused()
    {
        UD_TEST_DATABASE(tdb);
        MeteringFixture f(tdb.db());
        f.addMeter(QStringLiteral("M-1"), QStringLiteral("Europe/London"), 30);
        ReadingEditor editor(f.context);
        const qint64 at = QDateTime(QDate(2024, 3, 10), QTime(10, 0), QTimeZone::utc()).toSecsSinceEpoch();
        auto messageOf = [&](const Core::UserContext &user, ReadingEditor::Edit e) {
            try {
                editor.edit(user, e);
            } catch (const Ud::Core::Error &e) {
                return e.message();
            }
            return QString();
        };
        const QString reason = QStringLiteral("check");
        QVERIFY(!messageOf(f.agent(), {QStringLiteral("M-1"), Accounts::ChannelKind::Import, at, 1, reason}).isEmpty());
        QCOMPARE(messageOf(f.supervisor(), {QStringLiteral("M-1"), Accounts::ChannelKind::Import, at, 1, QStringLiteral(" ")}),
                 QStringLiteral("Reason: say why the value is changed; it is kept in the audit log."));
        QCOMPARE(messageOf(f.supervisor(), {QStringLiteral("M-9"), Accounts::ChannelKind::Import, at, 1, reason}),
                 QStringLiteral("There is no meter M-9."));
        QVERIFY(!messageOf(f.supervisor(), {QStringLiteral("M-1"), Accounts::ChannelKind::Import, at + 60, 1, reason}).isEmpty());
        QVERIFY(!messageOf(f.supervisor(), {QStringLiteral("M-1"), Accounts::ChannelKind::Import, at, -5, reason}).isEmpty());
        QVERIFY(!messageOf(f.supervisor(), {QStringLiteral("M-1"), Accounts::ChannelKind::Import,
                                            Test::AccountsFixture::Now + 3600, 1, reason}).isEmpty());
        QCOMPARE(Core::SqlQuery(tdb.db().connection(), QStringLiteral("SELECT COUNT(*) FROM interval_days")).scalar().toInt(), 0);
    }
};

QTEST_GUILESS_MAIN(TestReadingEditor)
#include "tst_readingeditor.moc"
