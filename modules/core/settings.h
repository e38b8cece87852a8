#pragma once

#include <QByteArray>
#include <QSettings>
#include <QString>
#include <QStringList>

namespace Ud::Core {

/// Every persistent setting, declared once with its key and default. Backed by QSettings
/// (organisation "UtilityDesk", application "UtilityDesk").
class Settings
{
public:
    Settings();

    /// The database URL; default: the SQLite file in the user's data directory.
    QString databaseUrl() const;
    void setDatabaseUrl(const QString &url);
    /// UI language: "" follows the system, else "en", "zh_CN" or "es".
    QString language() const;
    void setLanguage(const QString &language);
    QString lastUserName() const;
    void setLastUserName(const QString &name);

    QByteArray windowGeometry() const;
    void setWindowGeometry(const QByteArray &geometry);
    QByteArray windowState() const;
    void setWindowState(const QByteArray &state);
    QString currentPage() const;
    void setCurrentPage(const QString &pageId);

    /// Drop folders the meter-sync worker watches; default none (the worker does not run).
    QStringList meterSyncWatchDirs() const;
    void setMeterSyncWatchDirs(const QStringList &dirs);
    /// Seconds between scans of the drop folders; default 10, kept within 2..3600.
    int meterSyncPollSeconds() const;
    void setMeterSyncPollSeconds(int seconds);
    static constexpr int DefaultMeterSyncPollSeconds = 10;
    static constexpr int MinMeterSyncPollSeconds = 2;
    static constexpr int MaxMeterSyncPollSeconds = 3600;

    static QStringList supportedLanguages() { return {QStringLiteral("en"), QStringLiteral("zh_CN"), QStringLiteral("es")}; }

private:
    mutable QSettings m_settings;
};

} // namespace Ud::Core
