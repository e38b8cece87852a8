#include "fieldcipher.h"

#include "crypto.h"
#include "error.h"

#include <openssl/evp.h>

#include <memory>
#include <stdexcept>

namespace Ud::Core {

namespace {
struct CipherCtxDeleter {
    void operator()(EVP_CIPHER_CTX *ctx) const { EVP_CIPHER_CTX_free(ctx); }
};
using CipherCtx = std::unique_ptr<EVP_CIPHER_CTX, CipherCtxDeleter>;

// NUL cannot occur in a table or column name, so the three parts cannot be shifted into one
// another: ("ab", "c") and ("a", "bc") give different associated data.
QByteArray associatedData(const QString &table, const QString &column, const QString &rowId)
{
    return table.toUtf8() + '\0' + column.toUtf8() + '\0' + rowId.toUtf8();
}

const unsigned char *bytes(const QByteArray &data)
{
    return reinterpret_cast<const unsigned char *>(data.constData());
}

unsigned char *bytes(QByteArray &data)
{
    return reinterpret_cast<unsigned char *>(data.data());
}

[[noreturn]] void opensslFailure(const char *what)
{
    throw std::runtime_error(std::string("OpenSSL AES-256-GCM: ") + what);
}

Error undecryptable()
{
    return Error(Error::Kind::BadInput,
                 QCoreApplication::translate("Ud::Core::FieldCipher",
                                             "This value cannot be decrypted: it was altered, moved to another "
                                             "record, or encrypted with another key."));
}
} // namespace

FieldCipher::FieldCipher(const KeyStore &keys) : m_key(keys.encryptionKey()), m_indexKey(keys.indexKey())
{
    if (m_key.size() != 32 || m_indexKey.size() != 32)
        throw std::invalid_argument("FieldCipher needs a loaded KeyStore");
}

QByteArray FieldCipher::encrypt(const QString &plaintext, const QString &table, const QString &column,
                                const QString &rowId) const
{
    const QByteArray iv = Crypto::randomBytes(IvBytes);
    const QByteArray aad = associatedData(table, column, rowId);
    const QByteArray clear = plaintext.toUtf8();

    CipherCtx ctx(EVP_CIPHER_CTX_new());
    if (!ctx)
        opensslFailure("cannot create a context");
    if (EVP_EncryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) != 1
        || EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, IvBytes, nullptr) != 1
        || EVP_EncryptInit_ex(ctx.get(), nullptr, nullptr, bytes(m_key), bytes(iv)) != 1)
        opensslFailure("cannot initialise encryption");

    int length = 0;
    if (EVP_EncryptUpdate(ctx.get(), nullptr, &length, bytes(aad), int(aad.size())) != 1)
        opensslFailure("cannot add the associated data");

    // GCM is a stream mode: the ciphertext is exactly as long as the plaintext.
    QByteArray out;
    out.reserve(1 + IvBytes + clear.size() + TagBytes);
    out.append(Version);
    out.append(iv);
    const qsizetype cipherStart = out.size();
    out.resize(cipherStart + clear.size() + TagBytes);
    unsigned char *cipher = bytes(out) + cipherStart;
    int written = 0;
    if (!clear.isEmpty()) {
        if (EVP_EncryptUpdate(ctx.get(), cipher, &length, bytes(clear), int(clear.size())) != 1)
            opensslFailure("cannot encrypt");
        written = length;
    }
    if (EVP_EncryptFinal_ex(ctx.get(), cipher + written, &length) != 1)
        opensslFailure("cannot finish encryption");
    written += length;
    if (written != clear.size()
        || EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_GET_TAG, TagBytes, cipher + written) != 1)
        opensslFailure("cannot read the tag");
    return out;
}

QString FieldCipher::decrypt(const QByteArray &stored, const QString &table, const QString &column,
                             const QString &rowId) const
{
    if (stored.size() < 1 + IvBytes + TagBytes || stored.at(0) != Version)
        throw undecryptable();
    const QByteArray iv = stored.mid(1, IvBytes);
    const QByteArray cipher = stored.mid(1 + IvBytes, stored.size() - 1 - IvBytes - TagBytes);
    QByteArray tag = stored.right(TagBytes);
    const QByteArray aad = associatedData(table, column, rowId);

    CipherCtx ctx(EVP_CIPHER_CTX_new());
    if (!ctx)
        opensslFailure("cannot create a context");
    if (EVP_DecryptInit_ex(ctx.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) != 1
        || EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_IVLEN, IvBytes, nullptr) != 1
        || EVP_DecryptInit_ex(ctx.get(), nullptr, nullptr, bytes(m_key), bytes(iv)) != 1)
        opensslFailure("cannot initialise decryption");

    int length = 0;
    if (EVP_DecryptUpdate(ctx.get(), nullptr, &length, bytes(aad), int(aad.size())) != 1)
        opensslFailure("cannot add the associated data");
    QByteArray clear(cipher.size() + TagBytes, Qt::Uninitialized);
    int written = 0;
    if (!cipher.isEmpty()) {
        if (EVP_DecryptUpdate(ctx.get(), bytes(clear), &length, bytes(cipher), int(cipher.size())) != 1)
            throw undecryptable();
        written = length;
    }
    if (EVP_CIPHER_CTX_ctrl(ctx.get(), EVP_CTRL_GCM_SET_TAG, TagBytes, tag.data()) != 1)
        opensslFailure("cannot set the tag");
    // The tag check happens here; nothing decrypted is returned unless it passes.
    if (EVP_DecryptFinal_ex(ctx.get(), bytes(clear) + written, &length) != 1)
        throw undecryptable();
    written += length;
    clear.truncate(written);
    return QString::fromUtf8(clear);
}

QString FieldCipher::normalizeForIndex(const QString &value)
{
    const QString compatible = value.normalized(QString::NormalizationForm_KC);
    QString kept;
    kept.reserve(compatible.size());
    for (const QChar c : compatible) {
        if (c.isSpace() || c.category() == QChar::Punctuation_Dash)
            continue;
        kept.append(c);
    }
    return kept.toUpper();
}

QString FieldCipher::blindIndex(const QString &value, const QString &table, const QString &column) const
{
    const QString normalized = normalizeForIndex(value);
    if (normalized.isEmpty())
        return {};
    const QByteArray message = table.toUtf8() + '\0' + column.toUtf8() + '\0' + normalized.toUtf8();
    return QString::fromLatin1(Crypto::hmacSha256(m_indexKey, message).toHex());
}

} // namespace Ud::Core
