#pragma once

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

namespace Ud::Core {

/// The master key for sensitive fields. It lives outside the database: in the environment
/// variable UTILITYDESK_MASTER_KEY (base64 of 32 bytes) or in a key file with mode 0600 in the
/// user's configuration directory (created on first use). Losing it makes every encrypted
/// field unreadable; the README says so.
class KeyStore
{
    Q_DECLARE_TR_FUNCTIONS(Ud::Core::KeyStore)

public:
    static constexpr const char *EnvironmentVariable = "UTILITYDESK_MASTER_KEY";
    static constexpr int KeyBytes = 32;

    /// From the environment if set, else from keyFilePath() (created with a fresh random key
    /// when missing). Throws Error(BadInput) naming the variable or file if it is unusable
    /// (wrong length, not base64, file readable by others).
    static KeyStore load();
    /// From an explicit key file path (created when missing, with its folder, owner-only).
    /// Refuses a file that the group or others may read or write, or that does not hold the
    /// base64 text of exactly 32 bytes.
    static KeyStore loadFile(const QString &path);
    /// Throws Error(BadInput) unless `key32` is exactly 32 bytes.
    static KeyStore fromMasterKey(const QByteArray &key32);
    /// <config dir>/UtilityDesk/master.key
    static QString defaultKeyFilePath();

    /// AES-256-GCM key and HMAC blind-index key, derived from the master key with HKDF.
    QByteArray encryptionKey() const { return m_encryptionKey; }
    QByteArray indexKey() const { return m_indexKey; }

private:
    QByteArray m_encryptionKey;
    QByteArray m_indexKey;
};

} // namespace Ud::Core
