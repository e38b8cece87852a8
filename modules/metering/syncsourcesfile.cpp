#include "syncsourcesfile.h"

#include <core/error.h>

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Ud::Metering {

using Core::Error;

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Ud::Metering::SyncSourcesFile)
};

[[noreturn]] void bad(const QString &path, int entry, const QString &field, const QString &what)
{
    throw Error(Error::Kind::BadInput,
                Tr::tr("%1, source %2, field \"%3\": %4").arg(path).arg(entry + 1).arg(field, what));
}

QString text(const QJsonObject &o, const QString &field, const QString &path, int entry, bool required)
{
    const QJsonValue v = o.value(field);
    if (v.isUndefined()) {
        if (required)
            bad(path, entry, field, Tr::tr("this field is required."));
        return {};
    }
    if (!v.isString() || v.toString().trimmed().isEmpty())
        bad(path, entry, field, Tr::tr("expected a non-empty text."));
    return v.toString().trimmed();
}

ConnectMyDataConfig sourceFrom(const QJsonObject &o, const QString &path, int entry)
{
    ConnectMyDataConfig c;
    c.baseUrl = QUrl(text(o, QStringLiteral("base_url"), path, entry, true));
    if (!c.baseUrl.isValid() || c.baseUrl.scheme() != QLatin1String("https"))
        bad(path, entry, QStringLiteral("base_url"), Tr::tr("expected an https:// address."));
    const QJsonValue resources = o.value(QStringLiteral("resources"));
    if (!resources.isArray() || resources.toArray().isEmpty())
        bad(path, entry, QStringLiteral("resources"), Tr::tr("expected a list of one or more resource paths."));
    for (const QJsonValue &r : resources.toArray()) {
        if (!r.isString() || r.toString().trimmed().isEmpty())
            bad(path, entry, QStringLiteral("resources"), Tr::tr("every resource must be a non-empty text."));
        c.resources << r.toString().trimmed();
    }
    const QString tokenFile = text(o, QStringLiteral("access_token_file"), path, entry, true);
    QFile token(tokenFile);
    if (!token.open(QIODevice::ReadOnly))
        bad(path, entry, QStringLiteral("access_token_file"), Tr::tr("%1 cannot be read.").arg(tokenFile));
    if (token.permissions() & (QFile::ReadGroup | QFile::ReadOther | QFile::WriteGroup | QFile::WriteOther))
        bad(path, entry, QStringLiteral("access_token_file"),
            Tr::tr("%1 can be read or changed by other users; allow its owner only (chmod 600).").arg(tokenFile));
    c.accessToken = QString::fromUtf8(token.readAll()).trimmed();
    if (c.accessToken.isEmpty())
        bad(path, entry, QStringLiteral("access_token_file"), Tr::tr("%1 is empty.").arg(tokenFile));
    c.inboxDir = text(o, QStringLiteral("inbox"), path, entry, true);
    c.caBundleFile = text(o, QStringLiteral("ca_bundle"), path, entry, false);
    c.clientCertificateFile = text(o, QStringLiteral("client_certificate"), path, entry, false);
    c.clientKeyFile = text(o, QStringLiteral("client_key"), path, entry, false);
    const QJsonValue trust = o.value(QStringLiteral("trust_system_certificates"));
    if (!trust.isUndefined()) {
        if (!trust.isBool())
            bad(path, entry, QStringLiteral("trust_system_certificates"), Tr::tr("expected true or false."));
        c.trustSystemCertificates = trust.toBool();
    }
    const QJsonValue poll = o.value(QStringLiteral("poll_seconds"));
    if (!poll.isUndefined()) {
        const qint64 seconds = poll.toInteger(-1);
        if (!poll.isDouble() || seconds < 60 || seconds > 7 * 86400)
            bad(path, entry, QStringLiteral("poll_seconds"), Tr::tr("expected a whole number of seconds from 60 to 604800."));
        c.schedule.pollInterval = std::chrono::seconds(seconds);
    }
    const QString problem = ConnectMyDataSource::validate(c);
    if (!problem.isEmpty())
        throw Error(Error::Kind::BadInput, Tr::tr("%1, source %2: %3").arg(path).arg(entry + 1).arg(problem));
    return c;
}
} // namespace

QList<ConnectMyDataConfig> SyncSourcesFile::read(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        throw Error(Error::Kind::BadInput, Tr::tr("The source configuration %1 cannot be read (%2).").arg(path, f.errorString()));
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(f.readAll(), &error);
    if (error.error != QJsonParseError::NoError) {
        throw Error(Error::Kind::BadInput, Tr::tr("%1 is not valid JSON at character %2: %3.")
                                               .arg(path)
                                               .arg(error.offset)
                                               .arg(error.errorString()));
    }
    QJsonArray entries;
    if (doc.isArray())
        entries = doc.array();
    else if (doc.isObject())
        entries.append(doc.object());
    if (entries.isEmpty())
        throw Error(Error::Kind::BadInput, Tr::tr("%1 names no source: expected an object or a list of objects.").arg(path));
    QList<ConnectMyDataConfig> sources;
    for (int i = 0; i < entries.size(); ++i) {
        if (!entries.at(i).isObject())
            throw Error(Error::Kind::BadInput, Tr::tr("%1, source %2: expected an object.").arg(path).arg(i + 1));
        sources << sourceFrom(entries.at(i).toObject(), path, i);
    }
    return sources;
}

} // namespace Ud::Metering
