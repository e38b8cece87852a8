// The settings dialog: the database URL is checked as typed and explained inline, a
// connection can be tried without leaving the dialog, a new database asks for a restart
// inline, and the language applies at once.

#include "guitestsupport.h"

#include <languagemanager.h>
#include <settingsdialog.h>

#include <core/ui/messagebar.h>

#include <QComboBox>
#include <QFileInfo>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Ud;

class TestSettingsDialog : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { Test::isolateSettings(); }
    void init() { Test::isolateSettings(); }
    void cleanup() { App::LanguageManager().apply(QStringLiteral("en")); }
    void invalidUrlIsExplainedInline();
    void testConnection_data() { Test::addBackendRows(); }
    void testConnection();
    void testConnectionToMissingFileCreatesNothing();
    void testConnectionToUnreachableServer();
    void newDatabaseOffersRestart();
    void languageAppliesAtOnce();
    void databaseReadOnlyWithoutPermission();

private:
    static QLineEdit *urlField(QWidget &dialog) { return dialog.findChild<QLineEdit *>(QStringLiteral("databaseUrl")); }
};

void TestSettingsDialog::invalidUrlIsExplainedInline()
{
    App::LanguageManager languages;
    App::SettingsDialog dialog(languages, App::SettingsDialog::Mode::Running);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    const QString before = Core::Settings().databaseUrl();
    QLineEdit *url = urlField(dialog);
    url->setText(QStringLiteral("mysql://db.example.com/crm"));
    QVERIFY(!url->hasAcceptableInput());
    QVERIFY(url->accessibleDescription().isEmpty()); // not while typing

    // Leaving the field says what is wrong.
    dialog.findChild<QComboBox *>(QStringLiteral("language"))->setFocus();
    QVERIFY(url->accessibleDescription().contains(QLatin1String("mysql://db.example.com/crm")));

    QVERIFY(!dialog.save());
    QCOMPARE(QApplication::focusWidget(), url);
    QCOMPARE(Core::Settings().databaseUrl(), before);

    url->setText(QStringLiteral("sqlite:///tmp/fine.db"));
    QVERIFY(url->hasAcceptableInput());
    QVERIFY(url->accessibleDescription().isEmpty());
}

void TestSettingsDialog::testConnection()
{
    UD_TEST_DATABASE(t);
    App::LanguageManager languages;
    App::SettingsDialog dialog(languages, App::SettingsDialog::Mode::Running);
    urlField(dialog)->setText(t.url());
    QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("testConnection")), Qt::LeftButton);
    QVERIFY(dialog.isTesting());
    QTRY_VERIFY_WITH_TIMEOUT(!dialog.isTesting(), 20000);
    QVERIFY2(dialog.testResult().contains(QLatin1String("ready to use")), qPrintable(dialog.testResult()));
    QVERIFY(dialog.testResult().contains(t.db().url().toDisplayString()));
}

void TestSettingsDialog::testConnectionToMissingFileCreatesNothing()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("new/utilitydesk.db"));
    App::LanguageManager languages;
    App::SettingsDialog dialog(languages, App::SettingsDialog::Mode::Running);
    urlField(dialog)->setText(QStringLiteral("sqlite://") + path);
    dialog.testConnection();
    QTRY_VERIFY_WITH_TIMEOUT(!dialog.isTesting(), 20000);
    QVERIFY2(dialog.testResult().contains(path) && dialog.testResult().contains(QLatin1String("does not exist")),
             qPrintable(dialog.testResult()));
    QVERIFY(!QFileInfo::exists(path));
}

void TestSettingsDialog::testConnectionToUnreachableServer()
{
    App::LanguageManager languages;
    App::SettingsDialog dialog(languages, App::SettingsDialog::Mode::Running);
    urlField(dialog)->setText(QStringLiteral("postgresql://bob:secret@127.0.0.1:1/utilitydesk"));
    dialog.testConnection();
    QTRY_VERIFY_WITH_TIMEOUT(!dialog.isTesting(), 20000);
    QVERIFY2(dialog.testResult().contains(QLatin1String("127.0.0.1:1")), qPrintable(dialog.testResult()));
    QVERIFY(!dialog.testResult().contains(QLatin1String("secret")));
}

void TestSettingsDialog::newDatabaseOffersRestart()
{
    App::LanguageManager languages;
    App::SettingsDialog dialog(languages, App::SettingsDialog::Mode::Running);
    dialog.setCurrentDatabaseUrl(QStringLiteral("sqlite:///tmp/current.db"));
    QCOMPARE(urlField(dialog)->text(), QStringLiteral("sqlite:///tmp/current.db"));
    // Saving without touching the database changes nothing and needs no restart.
    QVERIFY(dialog.save());
    QVERIFY(!dialog.restartNeeded());

    QSignalSpy restart(&dialog, &App::SettingsDialog::restartRequested);
    urlField(dialog)->setText(QStringLiteral("sqlite:///tmp/other.db"));
    QVERIFY(dialog.save());
    QVERIFY(dialog.restartNeeded());
    QCOMPARE(Core::Settings().databaseUrl(), QStringLiteral("sqlite:///tmp/other.db"));
    auto *note = dialog.findChild<Ui::MessageBar *>();
    QVERIFY(!note->isHidden());
    QVERIFY(note->text().contains(QLatin1String("restart")));
    QTest::mouseClick(note->actionButton(), Qt::LeftButton);
    QCOMPARE(restart.count(), 1);
}

void TestSettingsDialog::languageAppliesAtOnce()
{
    App::LanguageManager languages;
    App::SettingsDialog dialog(languages, App::SettingsDialog::Mode::Running);
    auto *language = dialog.findChild<QComboBox *>(QStringLiteral("language"));
    QCOMPARE(language->currentData().toString(), QString());
    QCOMPARE(language->count(), 4);
    language->setCurrentIndex(language->findData(QStringLiteral("es")));
    QVERIFY(dialog.save());
    QCOMPARE(languages.language(), QStringLiteral("es"));
    QCOMPARE(Core::Settings().language(), QStringLiteral("es"));
    QCOMPARE(QLocale().language(), QLocale::Spanish);
}

void TestSettingsDialog::databaseReadOnlyWithoutPermission()
{
    App::LanguageManager languages;
    App::SettingsDialog dialog(languages, App::SettingsDialog::Mode::Running);
    dialog.setCurrentDatabaseUrl(QStringLiteral("sqlite:///tmp/current.db"));
    dialog.setDatabaseEditable(false);
    QVERIFY(urlField(dialog)->isReadOnly());
    QVERIFY(!dialog.findChild<QPushButton *>(QStringLiteral("testConnection"))->isEnabled());
    QVERIFY(dialog.save());
    QVERIFY(!dialog.restartNeeded());
    QVERIFY(Core::Settings().databaseUrl() != QLatin1String("sqlite:///tmp/current.db"));
}

QTEST_MAIN(TestSettingsDialog)
#include "tst_settingsdialog.moc"
