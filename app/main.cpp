// The utilitydesk executable: with a sub-command it runs headless (QCoreApplication, usable
// over SSH and in scripts); without one it opens the GUI.

#include "billpdfcli.h"
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
        if (Ud::App::Cli::printsPdf(argc, argv)) {
            // QtWebEngine prints the PDF and needs a GUI application, though no window opens:
            // without a platform chosen, the offscreen one lets it run over SSH and in scripts.
            if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
                qputenv("QT_QPA_PLATFORM", "offscreen");
            QCoreApplication::setAttribute(Qt::AA_ShareOpenGLContexts);
            QApplication app(argc, argv);
            return Ud::App::Cli::run(QCoreApplication::arguments());
        }
        QCoreApplication app(argc, argv);
        return Ud::App::Cli::run(QCoreApplication::arguments());
    }
    // QtWebEngine (bill PDFs) shares OpenGL contexts with the window; set before the application.
    QCoreApplication::setAttribute(Qt::AA_ShareOpenGLContexts);
    QApplication app(argc, argv);
    QApplication::setApplicationDisplayName(QStringLiteral("UtilityDesk"));
    QApplication::setDesktopFileName(QStringLiteral("org.utilitydesk.UtilityDesk"));
    return Ud::App::runGui(app, Ud::App::Cli::databaseOption(QCoreApplication::arguments()));
}
