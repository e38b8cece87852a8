#pragma once

#include "keystore.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QString>

namespace Ud::Core {

/// Encrypts sensitive fields (national id, bank account, card number) with AES-256-GCM.
/// Each value gets a fresh 12-byte IV; the table, column and row id are the associated data,
/// so a value copied to another row or column fails to decrypt. The stored form is
/// version byte (1) | IV (12) | ciphertext | tag (16).
/// Exact-match lookup goes through blindIndex(): a keyed HMAC of the normalised value.
class FieldCipher
{
    Q_DECLARE_TR_FUNCTIONS(Ud::Core::FieldCipher)

public:
    static constexpr char Version = 1;
    static constexpr int IvBytes = 12;
    static constexpr int TagBytes = 16;

    /// Throws std::invalid_argument for a KeyStore without keys (default-constructed).
    explicit FieldCipher(const KeyStore &keys);

    QByteArray encrypt(const QString &plaintext, const QString &table, const QString &column,
                       const QString &rowId) const;
    /// Throws Error(BadInput) saying the value cannot be decrypted (tampered, moved, wrong key).
    QString decrypt(const QByteArray &stored, const QString &table, const QString &column,
                    const QString &rowId) const;
    /// Hex HMAC-SHA256 over table, column and the value with spaces and dashes removed and
    /// letters upper-cased, so "gb 12-34" and "GB1234" find the same row. The value is first
    /// brought to Unicode form NFKC, so full-width digits and letters typed through a Chinese
    /// input method match their ASCII forms; any Unicode space or dash is removed.
    /// Returns an empty string when nothing is left after normalising (an empty field has no
    /// index, so empty values never match each other).
    QString blindIndex(const QString &value, const QString &table, const QString &column) const;
    /// The normalisation blindIndex() applies (exposed for tests and search hints).
    static QString normalizeForIndex(const QString &value);

private:
    QByteArray m_key;
    QByteArray m_indexKey;
};

} // namespace Ud::Core
