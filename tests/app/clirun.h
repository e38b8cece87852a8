#pragma once

// The command-line tests run the real utilitydesk binary (UD_BINARY, set by CTest) and look
// at what a user would see: the exit code, standard output and standard error.

#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

namespace Ud::Test {

struct Run {
    int code = -1;   ///< -1: did not start, -2: crashed
    QString out;
    QString err;
};

/// The environment for the binary: C.UTF-8, so messages and numbers read the same everywhere,
/// and QtWebEngine (bill --pdf) without its renderer sandbox, which cannot run as root as in
/// CI containers.
inline QProcessEnvironment cliEnvironment()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("LANG"), QStringLiteral("C.UTF-8"));
    env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C.UTF-8"));
    env.insert(QStringLiteral("QTWEBENGINE_CHROMIUM_FLAGS"), QStringLiteral("--no-sandbox"));
    return env;
}

/// `utilitydesk --database URL ARGS...` with nothing on standard input.
inline Run utilitydesk(const QString &url, const QStringList &args, const QProcessEnvironment &env = cliEnvironment())
{
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(qEnvironmentVariable("UD_BINARY"), QStringList{QStringLiteral("--database"), url} + args);
    if (!p.waitForStarted())
        return {};
    p.closeWriteChannel();
    p.waitForFinished(300000);
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2, QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

} // namespace Ud::Test
