// The utilitydesk executable: with a sub-command it runs headless (QCoreApplication, usable
// over SSH and in scripts); without one it opens the GUI.

#include "cli.h"
#include "gui.h"

#include <QApplication>
#include <QCoreApplication>

#include <cstring>

int main(int argc, char *argv[])
{
    QCoreApplication::setOrganizationName(QStringLiteral("UtilityDesk"));
    QCoreApplication::setApplicationName(QStringLiteral("UtilityDesk"));
    QCoreApplication::setApplicationVersion(Ud::Core::versionString());

    if (Ud::App::Cli::wantsCommandLine(argc, argv)) {
        QCoreApplication app(argc, argv);
        return Ud::App::Cli::run(QCoreApplication::arguments());
    }
    QApplication app(argc, argv);
    QApplication::setApplicationDisplayName(QStringLiteral("UtilityDesk"));
    QApplication::setDesktopFileName(QStringLiteral("org.utilitydesk.UtilityDesk"));
    return Ud::App::runGui(app, Ud::App::Cli::databaseOption(QCoreApplication::arguments()));
}
