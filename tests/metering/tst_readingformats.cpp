#include <metering/readingformats.h>

#include <QDir>
#include <QFile>
#include <QTest>

using namespace Ud;

namespace {
QString dataDir(const QString &sub)
{
    const QByteArray root = qgetenv("UD_SOURCE_DIR");
    return QDir(root.isEmpty() ? QFINDTESTDATA("../data") : QString::fromLocal8Bit(root) + QStringLiteral("/tests/data"))
        .filePath(sub);
}

QByteArray head(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.read(64 * 1024) : QByteArray();
}
} // namespace

/// Every fixture is claimed by exactly the format it is written in, among all the formats an
/// import tries, in the order it tries them.
class TestReadingFormats : public QObject
{
    Q_OBJECT

private slots:
    void detectsEachFixturesFormat_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("format");
        const QDir xml(dataDir(QStringLiteral("greenbutton")));
        for (const QString &name : xml.entryList({QStringLiteral("*.xml")}, QDir::Files))
            QTest::newRow(qPrintable(name)) << xml.filePath(name) << QStringLiteral("greenbutton-xml");
        const QDir csv(dataDir(QStringLiteral("csv")));
        const QList<QPair<QString, QString>> prefixes = {{QStringLiteral("generic-"), QStringLiteral("generic-csv")},
                                                         {QStringLiteral("greenbutton-"), QStringLiteral("greenbutton-csv")},
                                                         {QStringLiteral("halfhourly-"), QStringLiteral("halfhourly-csv")},
                                                         {QStringLiteral("nem12-"), QStringLiteral("nem12")}};
        for (const QString &name : csv.entryList({QStringLiteral("*.csv")}, QDir::Files)) {
            for (const auto &[prefix, key] : prefixes) {
                if (name.startsWith(prefix))
                    QTest::newRow(qPrintable(name)) << csv.filePath(name) << key;
            }
        }
    }
    void detectsEachFixturesFormat()
    {
        QFETCH(QString, path);
        QFETCH(QString, format);
        const auto formats = Metering::ReadingFormats::standard();
        const QByteArray bytes = head(path);
        QVERIFY(!bytes.isEmpty());
        auto *parser = formats.detect(bytes);
        QVERIFY2(parser, qPrintable(path));
        QCOMPARE(parser->key(), format);
    }

    void unknownFilesAreClaimedByNone()
    {
        const auto formats = Metering::ReadingFormats::standard();
        QVERIFY(!formats.detect("hello world\n"));
        QVERIFY(!formats.detect("<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>News</title></feed>"));
        QVERIFY(!formats.detect("date,usage\n2024-01-01,12\n"));
        QVERIFY(!formats.detect(QByteArray()));
        QCOMPARE(formats.displayNames().size(), 5);
    }
};

QTEST_GUILESS_MAIN(TestReadingFormats)
#include "tst_readingformats.moc"
