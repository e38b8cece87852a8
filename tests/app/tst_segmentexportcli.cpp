// `utilitydesk segment save | list | show | refresh | export` through the real binary, on both
// databases: a segment saved with include / exclude files of customer numbers, saved again
// unchanged, referred to by another; its export as the tables say (members, customer order,
// the hashed control/test split, RFC 4180 lines) to standard output and to a file for one
// group; show and list; refresh --due; and the messages for an unknown segment, group or number.

#include "clirun.h"

#include <testdatabase.h>

#include <accounts/sqlvalues.h>
#include <core/sqlquery.h>
#include <segments/segmentservice.h>

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Ud;

namespace {
using Test::Run;
using Test::utilitydesk;

QStringList column(Core::Database &db, const QString &sql)
{
    Core::SqlQuery q(db.connection(), sql);
    q.exec();
    QStringList values;
    while (q.next())
        values << Accounts::SqlValues::id(q.value(0));
    return values;
}

QString csv(const QString &field)
{
    if (!field.contains(QLatin1Char(',')) && !field.contains(QLatin1Char('"')) && !field.contains(QLatin1Char('\n')))
        return field;
    QString quoted = field;
    quoted.replace(QLatin1String("\""), QLatin1String("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

/// The export the tables call for: the residential customers and `included`, minus `excluded`,
/// by customer number, in `group` ("" for all) of the split of `segmentId` at `percent`.
QString expectedCsv(Core::Database &db, const QString &segmentId, int percent, const QStringList &included,
                    const QStringList &excluded, const QString &group)
{
    Core::SqlQuery q(db.connection(), QStringLiteral(
        "SELECT c.id, c.customer_number, c.full_name, c.class, (SELECT fp.region FROM premises fp WHERE fp.id = "
        "(SELECT fa.premise_id FROM accounts fa WHERE fa.customer_id = c.id ORDER BY fa.opened_on, fa.account_number LIMIT 1)) "
        "FROM customers c ORDER BY c.customer_number"));
    q.exec();
    QString text = QStringLiteral("customer_number,name,class,region,group\r\n");
    while (q.next()) {
        const QString number = q.value(1).toString();
        const bool member = (q.value(3).toString() == QLatin1String("residential") || included.contains(number))
                            && !excluded.contains(number);
        if (!member)
            continue;
        const QString side = Segments::SegmentService::inControl(segmentId, Accounts::SqlValues::id(q.value(0)), percent)
                                 ? QStringLiteral("control")
                                 : QStringLiteral("test");
        if (!group.isEmpty() && side != group)
            continue;
        text += QStringLiteral("%1,%2,%3,%4,%5\r\n").arg(number, csv(q.value(2).toString()), q.value(3).toString(),
                                                         csv(q.value(4).toString()), side);
    }
    return text;
}

} // namespace

class TestSegmentExportCli : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(qEnvironmentVariable("UD_BINARY")), "UD_BINARY must name the built utilitydesk");
        Test::installTestMasterKey();
    }

    void saveShowAndExport_data() { Test::addBackendRows(); }
    void saveShowAndExport()
    {
        UD_TEST_DATABASE(t);
        QCOMPARE(utilitydesk(t.url(), {QStringLiteral("demo"), QStringLiteral("--customers"), QStringLiteral("40"),
                                       QStringLiteral("--days"), QStringLiteral("1"), QStringLiteral("--seed"), QStringLiteral("7")})
                     .code,
                 0);
        const QStringList shops = column(t.db(), QStringLiteral("SELECT customer_number FROM customers WHERE class <> 'residential' "
                                                               "ORDER BY customer_number"));
        const QStringList homes = column(t.db(), QStringLiteral("SELECT customer_number FROM customers WHERE class = 'residential' "
                                                               "ORDER BY customer_number"));
        QVERIFY(!shops.isEmpty() && homes.size() > 10);
        QTemporaryDir dir;
        const auto write = [&](const QString &name, const QByteArray &content) {
            QFile f(dir.filePath(name));
            f.open(QIODevice::WriteOnly);
            f.write(content);
            return f.fileName();
        };
        const QString include = write(QStringLiteral("include.txt"), "# hand-picked\n" + shops.at(0).toUtf8() + "\n\n");
        const QString exclude = write(QStringLiteral("exclude.txt"), homes.at(0).toUtf8() + "\r\n" + homes.at(1).toUtf8() + "\r\n");
        const QStringList save{QStringLiteral("segment"), QStringLiteral("save"), QStringLiteral("Homes"),
                               QStringLiteral("--rule"), QStringLiteral("CLASS = \"residential\""),
                               QStringLiteral("--include"), include, QStringLiteral("--exclude"), exclude,
                               QStringLiteral("--control"), QStringLiteral("50")};
        Run saved = utilitydesk(t.url(), save);
        QCOMPARE(saved.err, QString());
        QCOMPARE(saved.code, 0);
        QCOMPARE(saved.out, QStringLiteral("Created the segment Homes (version 1).\nRule: class = \"residential\"\n"));
        saved = utilitydesk(t.url(), save);
        QCOMPARE(saved.out, QStringLiteral("The segment Homes is already saved like this (version 1).\n"
                                           "Rule: class = \"residential\"\n"));
        const Run big = utilitydesk(t.url(), {QStringLiteral("segment"), QStringLiteral("save"), QStringLiteral("Big homes"),
                                              QStringLiteral("--rule"), QStringLiteral("has segment \"Homes\" and household_size > 2")});
        QCOMPARE(big.code, 0);
        const QString segmentId = column(t.db(), QStringLiteral("SELECT id FROM segments WHERE name = 'Homes'")).value(0);
        QVERIFY(!segmentId.isEmpty());

        // To standard output: refreshed first, as the tables say.
        const Run all = utilitydesk(t.url(), {QStringLiteral("segment"), QStringLiteral("export"), QStringLiteral("homes")});
        QCOMPARE(all.err, QString());
        QCOMPARE(all.code, 0);
        QCOMPARE(all.out, expectedCsv(t.db(), segmentId, 50, {shops.at(0)}, {homes.at(0), homes.at(1)}, {}));
        QVERIFY(all.out.count(QStringLiteral(",control\r\n")) > 0 && all.out.count(QStringLiteral(",test\r\n")) > 0);

        // One group, to a file.
        const QString output = dir.filePath(QStringLiteral("control.csv"));
        const Run control = utilitydesk(t.url(), {QStringLiteral("segment"), QStringLiteral("export"), QStringLiteral("Homes"),
                                                  QStringLiteral("--group"), QStringLiteral("control"),
                                                  QStringLiteral("--output"), output});
        QCOMPARE(control.code, 0);
        const QString expectedControl = expectedCsv(t.db(), segmentId, 50, {shops.at(0)}, {homes.at(0), homes.at(1)},
                                                    QStringLiteral("control"));
        // The command speaks English with its plurals (the application loads them).
        const qsizetype written = expectedControl.count(QStringLiteral("\r\n")) - 1;
        QCOMPARE(control.out, QStringLiteral("Wrote %1 %2 of Homes to %3.\n")
                                  .arg(written)
                                  .arg(written == 1 ? QStringLiteral("member") : QStringLiteral("members"))
                                  .arg(output));
        QFile file(output);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(QString::fromUtf8(file.readAll()), expectedControl);

        const Run show = utilitydesk(t.url(), {QStringLiteral("segment"), QStringLiteral("show"), QStringLiteral("Homes"),
                                               QStringLiteral("--version"), QStringLiteral("1")});
        QCOMPARE(show.code, 0);
        QVERIFY2(show.out.contains(QStringLiteral("\nVersion: 1 of 1, saved ")), qPrintable(show.out));
        QVERIFY(show.out.contains(QStringLiteral("\nRule: class = \"residential\"\n")));
        QVERIFY(show.out.contains(QStringLiteral("\nControl group: 50%\n")));
        QVERIFY(show.out.contains(QStringLiteral("\nInclude: %1\n").arg(shops.at(0))));
        QVERIFY(show.out.contains(QStringLiteral("\nExclude: %1, %2\n").arg(homes.at(0), homes.at(1))));
        const qint64 members = all.out.count(QStringLiteral("\r\n")) - 1;
        const qint64 inControl = expectedControl.count(QStringLiteral("\r\n")) - 1;
        QVERIFY(show.out.contains(QStringLiteral("from version 1: %1 members, %2 in the control group\n").arg(members).arg(inControl)));

        const Run list = utilitydesk(t.url(), {QStringLiteral("segment"), QStringLiteral("list")});
        QCOMPARE(list.code, 0);
        const QStringList lines = list.out.split(QLatin1Char('\n'));
        QCOMPARE(lines.at(0), QStringLiteral("name,version,control_percent,refresh_hours,refreshed_at,refreshed_version,members,control"));
        QCOMPARE(lines.at(1), QStringLiteral("Big homes,1,0,,,,,"));
        QVERIFY2(lines.at(2).startsWith(QLatin1String("Homes,1,50,,")), qPrintable(lines.at(2)));
        QVERIFY(lines.at(2).endsWith(QStringLiteral(",1,%1,%2").arg(members).arg(inControl)));

        // Scheduled refreshes.
        const QStringList due{QStringLiteral("segment"), QStringLiteral("refresh"), QStringLiteral("--due")};
        QCOMPARE(utilitydesk(t.url(), due).out, QStringLiteral("No segment is due for a refresh.\n"));
        QCOMPARE(utilitydesk(t.url(), {QStringLiteral("segment"), QStringLiteral("save"), QStringLiteral("Big homes"),
                                       QStringLiteral("--refresh-hours"), QStringLiteral("12")})
                     .out,
                 QStringLiteral("The segment Big homes is already saved like this (version 1).\n"
                                "Rule: has segment \"Homes\" and household_size > 2\nRefreshed every 12 hours.\n"));
        const Run refreshed = utilitydesk(t.url(), due);
        QCOMPARE(refreshed.code, 0);
        QVERIFY2(refreshed.out.startsWith(QLatin1String("Refreshed Big homes (version 1): ")), qPrintable(refreshed.out));
        QCOMPARE(utilitydesk(t.url(), due).out, QStringLiteral("No segment is due for a refresh.\n"));
    }

    void mistakesExitWithAClearMessage_data() { Test::addBackendRows(); }
    void mistakesExitWithAClearMessage()
    {
        UD_TEST_DATABASE(t);
        QCOMPARE(utilitydesk(t.url(), {QStringLiteral("demo"), QStringLiteral("--customers"), QStringLiteral("5"),
                                       QStringLiteral("--days"), QStringLiteral("1")})
                     .code,
                 0);
        const Run unknown = utilitydesk(t.url(), {QStringLiteral("segment"), QStringLiteral("export"), QStringLiteral("Night pumps")});
        QCOMPARE(unknown.code, 1);
        QCOMPARE(unknown.out, QString());
        QCOMPARE(unknown.err, QStringLiteral("utilitydesk: There is no segment called \"Night pumps\".\n"));

        QCOMPARE(utilitydesk(t.url(), {QStringLiteral("segment"), QStringLiteral("save"), QStringLiteral("All"),
                                       QStringLiteral("--rule"), QStringLiteral("household_size >= 0 or household_size < 0")})
                     .code,
                 0);
        const Run group = utilitydesk(t.url(), {QStringLiteral("segment"), QStringLiteral("export"), QStringLiteral("All"),
                                                QStringLiteral("--group"), QStringLiteral("half")});
        QCOMPARE(group.code, 1);
        QCOMPARE(group.err, QStringLiteral("utilitydesk: --group must be all, test or control, not \"half\".\n"));

        QTemporaryDir dir;
        QFile list(dir.filePath(QStringLiteral("numbers.txt")));
        QVERIFY(list.open(QIODevice::WriteOnly));
        list.write("\nXX0000000042\n");
        list.close();
        const Run number = utilitydesk(t.url(), {QStringLiteral("segment"), QStringLiteral("save"), QStringLiteral("All"),
                                                 QStringLiteral("--exclude"), list.fileName()});
        QCOMPARE(number.code, 1);
        QCOMPARE(number.err, QStringLiteral("utilitydesk: --exclude: %1 line 2: no customer has the number XX0000000042.\n")
                                 .arg(list.fileName()));
        const Run version = utilitydesk(t.url(), {QStringLiteral("segment"), QStringLiteral("show"), QStringLiteral("All"),
                                                  QStringLiteral("--version"), QStringLiteral("4")});
        QCOMPARE(version.code, 1);
        QCOMPARE(version.err, QStringLiteral("utilitydesk: The segment \"All\" has no version 4; its versions are 1 to 1.\n"));
        const Run noRule = utilitydesk(t.url(), {QStringLiteral("segment"), QStringLiteral("save"), QStringLiteral("New")});
        QCOMPARE(noRule.code, 2);

        const Run help = utilitydesk(t.url(), {QStringLiteral("--help")});
        QVERIFY(help.out.contains(QLatin1String("segment export NAME [--output FILE] [--group all|test|control]")));
        QVERIFY(help.out.contains(QLatin1String("segment save NAME --rule \"RULE\"")));
    }
};

QTEST_GUILESS_MAIN(TestSegmentExportCli)
#include "tst_segmentexportcli.moc"
