#include "keystore.h"

#include "crypto.h"
#include "error.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>

#include <openssl/crypto.h>

#include <cerrno>
#include <optional>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace Ud::Core {

namespace {
// Distinct HKDF labels make the two sub-keys independent: knowing the blind-index key (which
// a search must use on every lookup) tells nothing about the encryption key.
const QByteArray EncryptionInfo = QByteArrayLiteral("UtilityDesk field encryption AES-256-GCM v1");
const QByteArray IndexInfo = QByteArrayLiteral("UtilityDesk blind index HMAC-SHA256 v1");

QString systemError(int code)
{
    return QString::fromLocal8Bit(std::strerror(code));
}

std::optional<QByteArray> decodeKey(const QByteArray &text)
{
    const auto result = QByteArray::fromBase64Encoding(text.trimmed(), QByteArray::AbortOnBase64DecodingErrors);
    if (!result || result.decoded.size() != KeyStore::KeyBytes)
        return std::nullopt;
    return result.decoded;
}

bool writeAll(int fd, const QByteArray &data)
{
    qsizetype done = 0;
    while (done < data.size()) {
        const ssize_t n = ::write(fd, data.constData() + done, size_t(data.size() - done));
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return false;
        }
        done += n;
    }
    return true;
}

// Writes a fresh key next to `path` and links it into place. The temporary file is created
// owner-only by mkstemp (and fchmod'ed to be sure) before the key is written, so the key is
// never readable by others, not even for an instant. link() refuses to replace a file, so two
// programs starting at once both end up with the key of whichever linked first, and a reader
// never sees a half-written file.
void createKeyFile(const QString &path)
{
    const QFileInfo info(path);
    const QString dirPath = info.absolutePath();
    if (!QDir(dirPath).exists()) {
        if (!QDir().mkpath(dirPath))
            throw Error(Error::Kind::BadInput,
                        KeyStore::tr("Cannot create the folder %1 for the key file.").arg(dirPath));
        // A folder we made for the key is the owner's alone.
        QFile::setPermissions(dirPath, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    }

    QByteArray tempName = QFile::encodeName(info.absoluteFilePath() + QStringLiteral(".XXXXXX"));
    const int fd = ::mkstemp(tempName.data());
    if (fd < 0) {
        throw Error(Error::Kind::BadInput,
                    KeyStore::tr("Cannot create the key file %1: %2.").arg(path, systemError(errno)));
    }
    QByteArray key = Crypto::randomBytes(KeyStore::KeyBytes);
    QByteArray text = key.toBase64() + '\n';
    bool ok = ::fchmod(fd, S_IRUSR | S_IWUSR) == 0 && writeAll(fd, text) && ::fsync(fd) == 0;
    int code = errno;
    OPENSSL_cleanse(key.data(), size_t(key.size()));
    OPENSSL_cleanse(text.data(), size_t(text.size()));
    if (::close(fd) != 0 && ok) {
        ok = false;
        code = errno;
    }
    if (ok && ::link(tempName.constData(), QFile::encodeName(info.absoluteFilePath()).constData()) != 0
        && errno != EEXIST) {
        ok = false;
        code = errno;
    }
    ::unlink(tempName.constData());
    if (!ok) {
        throw Error(Error::Kind::BadInput,
                    KeyStore::tr("Cannot create the key file %1: %2.").arg(path, systemError(code)));
    }
}

QByteArray readKeyFile(const QString &path)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        throw Error(Error::Kind::BadInput,
                    KeyStore::tr("Cannot read the key file %1: %2.").arg(path, systemError(errno)));
    }
    // Checks the file that was opened, not the path, so it cannot be swapped in between.
    struct stat st {};
    if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        ::close(fd);
        throw Error(Error::Kind::BadInput, KeyStore::tr("The key file %1 is not a regular file.").arg(path));
    }
    if (st.st_mode & (S_IRWXG | S_IRWXO)) {
        ::close(fd);
        throw Error(Error::Kind::BadInput,
                    KeyStore::tr("The key file %1 can be read or changed by other users. Make it private "
                                 "to its owner (chmod 600 %1) and try again.")
                        .arg(path));
    }
    QByteArray text(4096, Qt::Uninitialized);
    qsizetype size = 0;
    while (size < text.size()) {
        const ssize_t n = ::read(fd, text.data() + size, size_t(text.size() - size));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            const int code = errno;
            ::close(fd);
            throw Error(Error::Kind::BadInput,
                        KeyStore::tr("Cannot read the key file %1: %2.").arg(path, systemError(code)));
        }
        if (n == 0)
            break;
        size += n;
    }
    ::close(fd);
    text.truncate(size);
    return text;
}
} // namespace

KeyStore KeyStore::load()
{
    const QByteArray fromEnvironment = qgetenv(EnvironmentVariable);
    if (!fromEnvironment.isEmpty()) {
        const auto key = decodeKey(fromEnvironment);
        if (!key) {
            throw Error(Error::Kind::BadInput,
                        tr("The environment variable %1 does not hold a usable key: it must be the base64 "
                           "text of exactly 32 bytes.")
                            .arg(QLatin1String(EnvironmentVariable)));
        }
        return fromMasterKey(*key);
    }
    return loadFile(defaultKeyFilePath());
}

KeyStore KeyStore::loadFile(const QString &path)
{
    const QFileInfo info(path);
    if (!info.exists() && !info.isSymLink())
        createKeyFile(path);
    QByteArray text = readKeyFile(path);
    const auto key = decodeKey(text);
    OPENSSL_cleanse(text.data(), size_t(text.size()));
    if (!key) {
        throw Error(Error::Kind::BadInput,
                    tr("The key file %1 does not hold a usable key: it must contain the base64 text of "
                       "exactly 32 bytes.")
                        .arg(path));
    }
    return fromMasterKey(*key);
}

KeyStore KeyStore::fromMasterKey(const QByteArray &key32)
{
    if (key32.size() != KeyBytes)
        throw Error(Error::Kind::BadInput, tr("The master key must be exactly 32 bytes long."));
    KeyStore keys;
    keys.m_encryptionKey = Crypto::hkdfSha256(key32, EncryptionInfo, 32);
    keys.m_indexKey = Crypto::hkdfSha256(key32, IndexInfo, 32);
    return keys;
}

QString KeyStore::defaultKeyFilePath()
{
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation)
           + QStringLiteral("/UtilityDesk/master.key");
}

} // namespace Ud::Core
