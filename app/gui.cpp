#include "gui.h"

#include "appcontext.h"
#include "languagemanager.h"
#include "logindialog.h"
#include "mainwindow.h"
#include "session.h"
#include "settingsdialog.h"
#include "startuperrordialog.h"

#include <core/error.h>
#include <core/settings.h>

#include <QApplication>
#include <QIcon>
#include <QProcess>
#include <QThreadPool>

namespace Ud::App {

namespace {
// The arguments to restart with: the same, minus --database, since the user has just chosen
// the database in the settings.
QStringList restartArguments()
{
    QStringList arguments = QCoreApplication::arguments().mid(1);
    for (qsizetype i = 0; i < arguments.size();) {
        if (arguments.at(i) == QLatin1String("--database")) {
            arguments.remove(i, std::min<qsizetype>(2, arguments.size() - i));
        } else if (arguments.at(i).startsWith(QLatin1String("--database="))) {
            arguments.remove(i);
        } else {
            ++i;
        }
    }
    return arguments;
}

enum class SessionEnd { Quit, SignOut, Restart };

SessionEnd runSession(QApplication &app, AppContext &context, LanguageManager &languages, const Core::UserContext &user)
{
    Session session(context, languages, user);
    MainWindow &window = session.window();
    SessionEnd end = SessionEnd::Quit;
    QObject::connect(&window, &MainWindow::signOutRequested, &window, [&] {
        end = SessionEnd::SignOut;
        window.close();
    });
    QObject::connect(&window, &MainWindow::restartRequested, &window, [&] {
        end = SessionEnd::Restart;
        window.close();
    });
    QObject::connect(&window, &MainWindow::closed, &app, [] { QCoreApplication::exit(0); });
    window.show();
    app.exec();
    return end;
}
} // namespace

std::unique_ptr<AppContext> openDatabaseInteractively(QString url, LanguageManager &languages)
{
    for (;;) {
        QString message;
        try {
            auto context = std::make_unique<AppContext>(Core::DatabaseUrl::parse(url));
            context->open(true);
            return context;
        } catch (const Core::Error &e) {
            message = e.message();
        } catch (const std::exception &e) {
            message = QString::fromUtf8(e.what());
        }
        StartupErrorDialog error(message);
        if (error.exec() != StartupErrorDialog::ChangeDatabase)
            return nullptr;
        SettingsDialog settings(languages, SettingsDialog::Mode::StartUp);
        settings.setDatabaseUrl(url);
        settings.focusDatabase();
        if (settings.exec() == QDialog::Accepted)
            url = settings.databaseUrl();
    }
}

int runGui(QApplication &app, const QString &databaseUrl)
{
    // Windows come and go (sign-out shows the sign-in again): exits are explicit.
    app.setQuitOnLastWindowClosed(false);
    app.setWindowIcon(QIcon(QStringLiteral(":/icons/utilitydesk.svg")));
    LanguageManager languages;
    languages.apply(Core::Settings().language());

    const std::unique_ptr<AppContext> context =
        openDatabaseInteractively(databaseUrl.isEmpty() ? Core::Settings().databaseUrl() : databaseUrl, languages);
    if (!context)
        return 3; // the database error exit code (DESIGN.md)

    for (;;) {
        std::optional<Core::UserContext> user;
        {
            LoginDialog login(context->users(), context->database());
            if (login.exec() != QDialog::Accepted)
                break;
            user = login.user();
        }
        const SessionEnd end = runSession(app, *context, languages, *user);
        if (end == SessionEnd::Restart) {
            QProcess::startDetached(QCoreApplication::applicationFilePath(), restartArguments());
            break;
        }
        if (end == SessionEnd::Quit)
            break;
    }
    QThreadPool::globalInstance()->waitForDone();
    return 0;
}

} // namespace Ud::App
