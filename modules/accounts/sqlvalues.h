#pragma once

#include <QDate>
#include <QString>
#include <QUuid>
#include <QVariant>

#include <optional>

namespace Ud::Accounts {

/// Conversions between the value types and what the two databases store and return, kept in
/// one place so every repository binds and reads them alike (PostgreSQL hands back uuid,
/// boolean and bytea columns in types SQLite does not have).
class SqlValues
{
public:
    /// A UUID column as lower-case text without braces, whichever type the driver returns.
    static QString id(const QVariant &value)
    {
        if (value.isNull())
            return {};
        if (value.typeId() == QMetaType::QUuid)
            return value.toUuid().toString(QUuid::WithoutBraces);
        return value.toString();
    }
    /// True if `text` is a UUID: anything else cannot name a row (and PostgreSQL would refuse it).
    static bool isId(const QString &text) { return !text.isEmpty() && !QUuid::fromString(text).isNull(); }

    /// Text for a NOT NULL column: Qt binds a null QString as NULL, so an empty value that
    /// came out of e.g. simplified() must be turned into a real empty string.
    static QVariant text(const QString &value) { return value.isNull() ? QVariant(QStringLiteral("")) : QVariant(value); }
    /// NULL for an empty id (optional references), else the text.
    static QVariant optionalId(const QString &id) { return id.isEmpty() ? QVariant() : QVariant(id); }
    static QVariant date(const QDate &date) { return date.isValid() ? QVariant(date.toString(Qt::ISODate)) : QVariant(); }
    static QDate toDate(const QVariant &value)
    {
        return value.isNull() ? QDate() : QDate::fromString(value.toString(), Qt::ISODate);
    }
    template<typename T>
    static QVariant optional(const std::optional<T> &value)
    {
        return value ? QVariant::fromValue(*value) : QVariant();
    }
    static std::optional<int> toOptionalInt(const QVariant &value)
    {
        return value.isNull() ? std::nullopt : std::optional<int>(value.toInt());
    }
    static std::optional<qint64> toOptionalInt64(const QVariant &value)
    {
        return value.isNull() ? std::nullopt : std::optional<qint64>(value.toLongLong());
    }
    static std::optional<double> toOptionalDouble(const QVariant &value)
    {
        return value.isNull() ? std::nullopt : std::optional<double>(value.toDouble());
    }
    /// SQLite stores booleans as 0/1 integers, PostgreSQL as boolean; both read back here.
    static bool toBool(const QVariant &value)
    {
        if (value.typeId() == QMetaType::QString)
            return value.toString() == QLatin1String("t") || value.toString() == QLatin1String("true")
                   || value.toString() == QLatin1String("1");
        return value.toBool();
    }
    /// A LIKE pattern that matches `text` literally (escape character backslash).
    static QString likeLiteral(const QString &text)
    {
        QString out;
        out.reserve(text.size());
        for (QChar c : text) {
            if (c == QLatin1Char('%') || c == QLatin1Char('_') || c == QLatin1Char('\\'))
                out.append(QLatin1Char('\\'));
            out.append(c);
        }
        return out;
    }
};

} // namespace Ud::Accounts
