#pragma once

#include <QString>

#include <memory>

class QApplication;

namespace Ud::App {

class AppContext;
class LanguageManager;

/// The graphical application: applies the saved language, opens the database (offering to
/// choose another when it cannot be opened), signs the user in, then shows the main window
/// until Quit (or signs in again after Sign out). `databaseUrl` empty means the one in
/// Core::Settings. Returns the process exit code (3 when the user quits because the
/// database cannot be opened).
int runGui(QApplication &app, const QString &databaseUrl);

/// Opens the database and migrates it. On failure shows the one-sentence reason with
/// "Change database…" and "Quit"; returns nullptr when the user quits.
std::unique_ptr<AppContext> openDatabaseInteractively(QString url, LanguageManager &languages);

} // namespace Ud::App
