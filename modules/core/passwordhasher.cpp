#include "passwordhasher.h"

#include "crypto.h"

#include <QStringList>

#include <optional>
#include <stdexcept>

namespace Ud::Core {

namespace {
const QLatin1String Scheme("pbkdf2-sha256");

struct Parsed {
    int iterations = 0;
    QByteArray salt;
    QByteArray hash;
};

std::optional<QByteArray> decodeBase64(const QString &text)
{
    const auto result = QByteArray::fromBase64Encoding(text.toLatin1(), QByteArray::AbortOnBase64DecodingErrors);
    if (!result || result.decoded.isEmpty())
        return std::nullopt;
    return result.decoded;
}

std::optional<Parsed> parse(const QString &stored)
{
    const QStringList parts = stored.split(QLatin1Char('$'));
    if (parts.size() != 4 || parts.at(0) != Scheme)
        return std::nullopt;
    bool ok = false;
    Parsed p;
    p.iterations = parts.at(1).toInt(&ok);
    if (!ok || p.iterations < 1 || p.iterations > PasswordHasher::MaximumIterations)
        return std::nullopt;
    const auto salt = decodeBase64(parts.at(2));
    const auto hash = decodeBase64(parts.at(3));
    if (!salt || !hash || hash->size() != PasswordHasher::HashBytes)
        return std::nullopt;
    p.salt = *salt;
    p.hash = *hash;
    return p;
}

QByteArray passwordBytes(const QString &password)
{
    return password.normalized(QString::NormalizationForm_C).toUtf8();
}
} // namespace

PasswordHasher PasswordHasher::forTests(int iterations)
{
    if (iterations < 1)
        throw std::invalid_argument("PasswordHasher::forTests: iterations must be at least 1");
    return PasswordHasher(iterations);
}

QString PasswordHasher::hash(const QString &password) const
{
    const QByteArray salt = Crypto::randomBytes(SaltBytes);
    const QByteArray derived = Crypto::pbkdf2Sha256(passwordBytes(password), salt, m_iterations, HashBytes);
    return QStringList{Scheme, QString::number(m_iterations), QString::fromLatin1(salt.toBase64()),
                       QString::fromLatin1(derived.toBase64())}
        .join(QLatin1Char('$'));
}

bool PasswordHasher::verify(const QString &password, const QString &stored) const
{
    const auto parsed = parse(stored);
    if (!parsed)
        return false;
    const QByteArray derived =
        Crypto::pbkdf2Sha256(passwordBytes(password), parsed->salt, parsed->iterations, HashBytes);
    return Crypto::constantTimeEquals(derived, parsed->hash);
}

bool PasswordHasher::needsRehash(const QString &stored) const
{
    const auto parsed = parse(stored);
    return !parsed || parsed->iterations < m_iterations || parsed->salt.size() < SaltBytes;
}

} // namespace Ud::Core
