// Start-up with a database that cannot be used: one sentence naming the URL or file, with
// "Change database…" and "Quit", never a crash; choosing another database carries on.

#include "guitestsupport.h"

#include <appcontext.h>
#include <gui.h>
#include <languagemanager.h>
#include <settingsdialog.h>
#include <startuperrordialog.h>

#include <core/sqlquery.h>

#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace Ud;

namespace {
/// Answers the modal dialogs the start-up shows, in turn, from inside their event loops.
class DialogDriver : public QObject
{
public:
    /// `answer` gets each new modal dialog; it must close it (or the test times out).
    explicit DialogDriver(std::function<void(QWidget *)> answer) : m_answer(std::move(answer))
    {
        m_timer.setInterval(20);
        connect(&m_timer, &QTimer::timeout, this, [this] {
            QWidget *modal = QApplication::activeModalWidget();
            if (modal && modal != m_last && modal->isVisible()) {
                m_last = modal;
                m_answer(modal);
            }
        });
        m_timer.start();
    }

private:
    std::function<void(QWidget *)> m_answer;
    QTimer m_timer;
    QPointer<QWidget> m_last;
};

/// Opens `url`; at the error dialog records its sentence and presses Quit.
QString refusalOf(const QString &url, App::LanguageManager &languages, bool *quit)
{
    QString shown;
    int dialogs = 0;
    DialogDriver driver([&](QWidget *modal) {
        ++dialogs;
        auto *error = qobject_cast<App::StartupErrorDialog *>(modal);
        QVERIFY(error);
        shown = error->message();
        QTest::mouseClick(error->findChild<QPushButton *>(QStringLiteral("quit")), Qt::LeftButton);
    });
    const auto context = App::openDatabaseInteractively(url, languages);
    *quit = !context && dialogs == 1;
    return shown;
}
} // namespace

class TestStartup : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { Test::isolateSettings(); Test::installTestMasterKey(); }
    void malformedUrl();
    void readOnlyFile();
    void unreachableServer();
    void newerDatabase_data() { Test::addBackendRows(); }
    void newerDatabase();
    void changeDatabaseCarriesOn_data() { Test::addBackendRows(); }
    void changeDatabaseCarriesOn();
};

void TestStartup::malformedUrl()
{
    App::LanguageManager languages;
    bool quit = false;
    const QString shown = refusalOf(QStringLiteral("sqlite://relative/file.db"), languages, &quit);
    QVERIFY(quit);
    QVERIFY2(shown.contains(QLatin1String("sqlite://relative/file.db")), qPrintable(shown));
    QVERIFY2(shown.endsWith(QLatin1Char('.')), qPrintable(shown));
}

void TestStartup::readOnlyFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("readonly.db"));
    {
        Core::Database db(Core::DatabaseUrl::parse(QStringLiteral("sqlite://") + path));
        Core::SqlQuery::run(db.connection(), QStringLiteral("CREATE TABLE t (x INTEGER)"));
    }
    QVERIFY(QFile::setPermissions(path, QFile::ReadOwner | QFile::ReadGroup | QFile::ReadOther));
    App::LanguageManager languages;
    bool quit = false;
    const QString shown = refusalOf(QStringLiteral("sqlite://") + path, languages, &quit);
    QVERIFY(quit);
    QVERIFY2(shown.contains(path) && shown.contains(QLatin1String("read-only")), qPrintable(shown));
}

void TestStartup::unreachableServer()
{
    App::LanguageManager languages;
    bool quit = false;
    const QString shown =
        refusalOf(QStringLiteral("postgresql://bob:secret@127.0.0.1:1/utilitydesk"), languages, &quit);
    QVERIFY(quit);
    // Names the server, never shows the password.
    QVERIFY2(shown.contains(QLatin1String("127.0.0.1:1")), qPrintable(shown));
    QVERIFY2(!shown.contains(QLatin1String("secret")), qPrintable(shown));
}

void TestStartup::newerDatabase()
{
    UD_TEST_DATABASE(t);
    Core::SqlQuery(t.db().connection(),
                   QStringLiteral("INSERT INTO schema_migrations (version, name, applied_at) VALUES (:v, :n, :at)"))
        .bind(QStringLiteral(":v"), 9999)
        .bind(QStringLiteral(":n"), QStringLiteral("from_the_future"))
        .bind(QStringLiteral(":at"), QDateTime::currentSecsSinceEpoch())
        .exec();
    App::LanguageManager languages;
    bool quit = false;
    const QString shown = refusalOf(t.url(), languages, &quit);
    QVERIFY(quit);
    QVERIFY2(shown.contains(QLatin1String("newer version")), qPrintable(shown));
}

void TestStartup::changeDatabaseCarriesOn()
{
    UD_TEST_DATABASE(t);
    t.close();
    App::LanguageManager languages;
    QStringList seen;
    DialogDriver driver([&](QWidget *modal) {
        if (auto *error = qobject_cast<App::StartupErrorDialog *>(modal)) {
            seen << QStringLiteral("error");
            QTest::mouseClick(error->findChild<QPushButton *>(QStringLiteral("changeDatabase")), Qt::LeftButton);
        } else if (auto *settings = qobject_cast<App::SettingsDialog *>(modal)) {
            seen << QStringLiteral("settings");
            auto *url = settings->findChild<QLineEdit *>(QStringLiteral("databaseUrl"));
            // Opens at the URL that failed, ready to be corrected.
            QCOMPARE(url->text(), QStringLiteral("sqlite://relative.db"));
            url->setText(t.url());
            QTest::mouseClick(settings->findChild<QPushButton *>(QStringLiteral("saveSettings")), Qt::LeftButton);
        }
    });
    const auto context = App::openDatabaseInteractively(QStringLiteral("sqlite://relative.db"), languages);
    QCOMPARE(seen, (QStringList{QStringLiteral("error"), QStringLiteral("settings")}));
    QVERIFY(context);
    QCOMPARE(context->database().url().toString(), t.url());
    QVERIFY(context->users().hasUsers() == false);
    QCOMPARE(Core::Settings().databaseUrl(), t.url());
}

QTEST_MAIN(TestStartup)
#include "tst_startup.moc"
