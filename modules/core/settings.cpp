#include "settings.h"

#include "databaseurl.h"

#include <algorithm>

namespace Ud::Core {

namespace Key {
const QString DatabaseUrl = QStringLiteral("database/url");
const QString Language = QStringLiteral("ui/language");
const QString LastUserName = QStringLiteral("signin/lastUserName");
const QString WindowGeometry = QStringLiteral("window/geometry");
const QString WindowState = QStringLiteral("window/state");
const QString CurrentPage = QStringLiteral("window/currentPage");
const QString MeterSyncWatchDirs = QStringLiteral("meterSync/watchDirs");
const QString MeterSyncPollSeconds = QStringLiteral("meterSync/pollSeconds");
} // namespace Key

Settings::Settings() : m_settings(QStringLiteral("UtilityDesk"), QStringLiteral("UtilityDesk")) {}

QString Settings::databaseUrl() const
{
    const QString url = m_settings.value(Key::DatabaseUrl).toString();
    return url.isEmpty() ? DatabaseUrl::defaultUrl().toString() : url;
}
void Settings::setDatabaseUrl(const QString &url) { m_settings.setValue(Key::DatabaseUrl, url); }
QString Settings::language() const { return m_settings.value(Key::Language).toString(); }
void Settings::setLanguage(const QString &language) { m_settings.setValue(Key::Language, language); }
QString Settings::lastUserName() const { return m_settings.value(Key::LastUserName).toString(); }
void Settings::setLastUserName(const QString &name) { m_settings.setValue(Key::LastUserName, name); }
QByteArray Settings::windowGeometry() const { return m_settings.value(Key::WindowGeometry).toByteArray(); }
void Settings::setWindowGeometry(const QByteArray &geometry) { m_settings.setValue(Key::WindowGeometry, geometry); }
QByteArray Settings::windowState() const { return m_settings.value(Key::WindowState).toByteArray(); }
void Settings::setWindowState(const QByteArray &state) { m_settings.setValue(Key::WindowState, state); }
QString Settings::currentPage() const { return m_settings.value(Key::CurrentPage).toString(); }
void Settings::setCurrentPage(const QString &pageId) { m_settings.setValue(Key::CurrentPage, pageId); }

QStringList Settings::meterSyncWatchDirs() const
{
    return m_settings.value(Key::MeterSyncWatchDirs).toStringList();
}
void Settings::setMeterSyncWatchDirs(const QStringList &dirs) { m_settings.setValue(Key::MeterSyncWatchDirs, dirs); }
int Settings::meterSyncPollSeconds() const
{
    bool ok = false;
    const int seconds = m_settings.value(Key::MeterSyncPollSeconds, DefaultMeterSyncPollSeconds).toInt(&ok);
    return ok ? std::clamp(seconds, MinMeterSyncPollSeconds, MaxMeterSyncPollSeconds) : DefaultMeterSyncPollSeconds;
}
void Settings::setMeterSyncPollSeconds(int seconds)
{
    m_settings.setValue(Key::MeterSyncPollSeconds, std::clamp(seconds, MinMeterSyncPollSeconds, MaxMeterSyncPollSeconds));
}

} // namespace Ud::Core
