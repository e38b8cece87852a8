#include <QCoreApplication>
#include "databaseurl.h"

#include "error.h"

#include <QDir>
#include <QStandardPaths>
#include <QUrl>
#include <QUrlQuery>

namespace Ud::Core {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Ud::Core::DatabaseUrl)
};

Error badUrl(const QString &url, const QString &why)
{
    return Error(Error::Kind::BadInput, Tr::tr("The database URL \"%1\" is not valid: %2").arg(url, why));
}
} // namespace

DatabaseUrl DatabaseUrl::parse(const QString &input)
{
    const QString text = input.trimmed();
    DatabaseUrl result;
    result.m_text = text;
    const QUrl url(text, QUrl::StrictMode);
    const QString masked = [&] {
        QUrl copy(text);
        if (!copy.password().isEmpty())
            copy.setPassword(QStringLiteral("****"));
        return copy.isValid() ? copy.toString() : text;
    }();
    if (text.isEmpty())
        throw badUrl(text, Tr::tr("it is empty. Use sqlite:///path/file.db or postgresql://user@host:port/database."));
    if (!url.isValid())
        throw badUrl(masked, Tr::tr("it cannot be read as a URL (%1).").arg(url.errorString()));

    const QString scheme = url.scheme().toLower();
    if (scheme == QLatin1String("sqlite")) {
        result.m_backend = Backend::Sqlite;
        if (!url.host().isEmpty())
            throw badUrl(masked, Tr::tr("a SQLite URL has no host; write three slashes, as in sqlite:///home/me/utilitydesk.db."));
        const QString path = url.path();
        if (path.isEmpty() || path == QLatin1String("/"))
            throw badUrl(masked, Tr::tr("it names no database file."));
        if (!QDir::isAbsolutePath(path))
            throw badUrl(masked, Tr::tr("the file path must be absolute."));
        result.m_path = QDir::cleanPath(path);
        return result;
    }
    if (scheme == QLatin1String("postgresql") || scheme == QLatin1String("postgres")) {
        result.m_backend = Backend::Postgres;
        result.m_host = url.host();
        if (result.m_host.isEmpty())
            throw badUrl(masked, Tr::tr("it names no server host."));
        result.m_port = url.port(5432);
        if (result.m_port <= 0 || result.m_port > 65535)
            throw badUrl(masked, Tr::tr("the port must be between 1 and 65535."));
        result.m_user = url.userName();
        result.m_password = url.password();
        QString db = url.path();
        if (db.startsWith(QLatin1Char('/')))
            db.remove(0, 1);
        if (db.isEmpty() || db.contains(QLatin1Char('/')))
            throw badUrl(masked, Tr::tr("it must name one database after the port, as in postgresql://user@host:5432/utilitydesk."));
        result.m_database = db;
        const QUrlQuery query(url);
        QStringList options;
        for (const auto &[key, value] : query.queryItems(QUrl::FullyDecoded)) {
            static const QStringList sslModes = {QStringLiteral("disable"), QStringLiteral("allow"),
                                                 QStringLiteral("prefer"), QStringLiteral("require"),
                                                 QStringLiteral("verify-ca"), QStringLiteral("verify-full")};
            if (key == QLatin1String("sslmode")) {
                if (!sslModes.contains(value))
                    throw badUrl(masked, Tr::tr("sslmode must be one of %1.").arg(sslModes.join(QStringLiteral(", "))));
                result.m_sslMode = value;
                options << QStringLiteral("sslmode=%1").arg(value);
            } else if (key == QLatin1String("connect_timeout") || key == QLatin1String("application_name")
                       || key == QLatin1String("sslrootcert") || key == QLatin1String("sslcert")
                       || key == QLatin1String("sslkey")) {
                if (value.contains(QLatin1Char(';')) || value.contains(QLatin1Char(' ')))
                    throw badUrl(masked, Tr::tr("the value of %1 may not contain spaces or semicolons.").arg(key));
                options << QStringLiteral("%1=%2").arg(key, value);
            } else {
                throw badUrl(masked, Tr::tr("the option \"%1\" is not supported.").arg(key));
            }
        }
        if (!query.hasQueryItem(QStringLiteral("connect_timeout")))
            options << QStringLiteral("connect_timeout=5");
        result.m_options = options.join(QLatin1Char(';'));
        return result;
    }
    throw badUrl(masked, Tr::tr("the scheme must be sqlite or postgresql."));
}

DatabaseUrl DatabaseUrl::defaultUrl()
{
    // One "UtilityDesk" folder, not AppDataLocation's organisation/application pair of them.
    const QString dir = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation)
                        + QStringLiteral("/UtilityDesk");
    return parse(QStringLiteral("sqlite://") + QDir(dir).absoluteFilePath(QStringLiteral("utilitydesk.db")));
}

QString DatabaseUrl::toDisplayString() const
{
    if (isSqlite())
        return m_text;
    QUrl url(m_text);
    if (!url.password().isEmpty())
        url.setPassword(QStringLiteral("****"));
    return url.toString();
}

} // namespace Ud::Core
