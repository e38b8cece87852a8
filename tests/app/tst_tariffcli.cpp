// `utilitydesk tariff import` and `tariff list` through the real binary, on both databases:
// what an import prints, the CSV list, a re-import, and a bad file that stores nothing and
// says which file and JSON path are wrong.

#include "clirun.h"

#include <testdatabase.h>

#include <core/sqlquery.h>

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace Ud;

namespace {
using Test::Run;
using Test::utilitydesk;

QString dataFile(const QString &name)
{
    const QString root = qEnvironmentVariable("UD_SOURCE_DIR");
    if (!root.isEmpty())
        return root + QStringLiteral("/tests/data/tariffs/") + name;
    return QFINDTESTDATA(QStringLiteral("../data/tariffs/") + name);
}

const QString Header = QStringLiteral("code,name,market,currency,classes,kind,versions,current_from");
} // namespace

class TestTariffCli : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(qEnvironmentVariable("UD_BINARY")), "UD_BINARY must name the built utilitydesk");
        Test::installTestMasterKey();
    }

    void importAndList_data() { Test::addBackendRows(); }
    void importAndList()
    {
        UD_TEST_DATABASE(t);
        const QString gb = dataFile(QStringLiteral("gb-tou.json"));
        const Run empty = utilitydesk(t.url(), {QStringLiteral("tariff"), QStringLiteral("list")});
        QCOMPARE(empty.code, 0);
        QCOMPARE(empty.out, Header + QLatin1Char('\n'));

        const Run imported = utilitydesk(t.url(), {QStringLiteral("tariff"), QStringLiteral("import"), gb});
        QCOMPARE(imported.code, 0);
        QVERIFY2(imported.out.startsWith(QStringLiteral(
                     "Created the tariff GB-TOU-2025 (Smart Saver time of use) in the market GB.\n"
                     "  added version 2025-01-01 to 2025-03-31\n"
                     "  added version from 2025-04-01 with no end\n")),
                 qPrintable(imported.out));
        QCOMPARE(utilitydesk(t.url(), {QStringLiteral("tariff"), QStringLiteral("import"), dataFile(QStringLiteral("es-prepaid.json"))}).code, 0);

        const Run again = utilitydesk(t.url(), {QStringLiteral("tariff"), QStringLiteral("import"), gb});
        QCOMPARE(again.code, 0);
        QVERIFY2(again.out.startsWith(QStringLiteral(
                     "The tariff GB-TOU-2025 (Smart Saver time of use) in the market GB is already stored as in this file.\n"
                     "  unchanged version 2025-01-01 to 2025-03-31\n")),
                 qPrintable(again.out));

        // Both tariffs' last versions are open-ended, so today's version is the same on any day from 2025-04-01.
        const Run list = utilitydesk(t.url(), {QStringLiteral("tariff"), QStringLiteral("list")});
        QCOMPARE(list.code, 0);
        QCOMPARE(list.out, Header + QStringLiteral("\n"
                                                   "ES-PREPAGO-BASICO,Prepago Básico,ES,EUR,residential,prepaid,1,2025-01-01\n"
                                                   "GB-TOU-2025,Smart Saver time of use,GB,GBP,residential commercial,postpaid,2,2025-04-01\n"));
    }

    void badFile_data() { Test::addBackendRows(); }
    void badFile()
    {
        UD_TEST_DATABASE(t);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("gb-bad.json"));
        QFile source(dataFile(QStringLiteral("gb-tou.json")));
        QVERIFY(source.open(QIODevice::ReadOnly));
        QByteArray json = source.readAll();
        json.replace("{ \"name\": \"day\", \"start\": \"07:00\", \"end\": \"23:00\", \"perKwh\": \"0.2590\" }",
                     "{ \"name\": \"day\", \"start\": \"08:00\", \"end\": \"23:00\", \"perKwh\": \"0.2590\" }");
        QFile bad(path);
        QVERIFY(bad.open(QIODevice::WriteOnly));
        bad.write(json);
        bad.close();
        const Run run = utilitydesk(t.url(), {QStringLiteral("tariff"), QStringLiteral("import"), path});
        QCOMPARE(run.code, 1);
        QCOMPARE(run.err, QStringLiteral("utilitydesk: %1: versions[1].components[1].seasons[1].days[1].bands: 07:00 to "
                                         "08:00 is in no band; every half hour of the day needs exactly one band.\n")
                              .arg(path));
        QCOMPARE(Core::SqlQuery(t.db().connection(), QStringLiteral("SELECT count(*) FROM tariffs")).scalar().toInt(), 0);
    }

    void badUse()
    {
        QTemporaryDir dir;
        const QString url = QStringLiteral("sqlite://") + dir.filePath(QStringLiteral("u.db"));
        const Run noFile = utilitydesk(url, {QStringLiteral("tariff"), QStringLiteral("import")});
        QCOMPARE(noFile.code, 2);
        QVERIFY2(noFile.err.contains(QStringLiteral("Write: utilitydesk tariff import FILE.json")), qPrintable(noFile.err));
        const Run unknown = utilitydesk(url, {QStringLiteral("tariff"), QStringLiteral("delete")});
        QCOMPARE(unknown.code, 2);
        QVERIFY2(unknown.err.contains(QStringLiteral("Unknown tariff command \"delete\"; use import, list or assign.")),
                 qPrintable(unknown.err));
        const Run help = utilitydesk(url, {QStringLiteral("--help")});
        QVERIFY(help.out.contains(QStringLiteral("tariff import FILE.json")));
        QVERIFY(help.out.contains(QStringLiteral("tariff list")));
    }
};

QTEST_GUILESS_MAIN(TestTariffCli)
#include "tst_tariffcli.moc"
