#include "crypto.h"

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/params.h>
#include <openssl/rand.h>

#include <memory>
#include <stdexcept>
#include <string>

namespace Ud::Core::Crypto {

namespace {
// The failures below mean OpenSSL itself is broken or out of memory; no user input can cause
// them, so they carry OpenSSL's own text for the log rather than a translated sentence.
[[noreturn]] void fail(const char *what)
{
    std::string text = std::string("OpenSSL: ") + what;
    if (const unsigned long code = ERR_get_error()) {
        char buffer[256];
        ERR_error_string_n(code, buffer, sizeof buffer);
        text += std::string(": ") + buffer;
    }
    ERR_clear_error();
    throw std::runtime_error(text);
}

void checkLength(int length, const char *what)
{
    if (length <= 0)
        throw std::invalid_argument(std::string("OpenSSL: invalid output length for ") + what);
}

const unsigned char *bytes(const QByteArray &data)
{
    return reinterpret_cast<const unsigned char *>(data.constData());
}

unsigned char *bytes(QByteArray &data)
{
    return reinterpret_cast<unsigned char *>(data.data());
}

struct KdfDeleter {
    void operator()(EVP_KDF *kdf) const { EVP_KDF_free(kdf); }
};
struct KdfCtxDeleter {
    void operator()(EVP_KDF_CTX *ctx) const { EVP_KDF_CTX_free(ctx); }
};
} // namespace

QByteArray randomBytes(int count)
{
    if (count < 0)
        throw std::invalid_argument("randomBytes: negative count");
    QByteArray out(count, Qt::Uninitialized);
    if (count > 0 && RAND_bytes(bytes(out), count) != 1)
        fail("RAND_bytes failed");
    return out;
}

QByteArray pbkdf2Sha256(const QByteArray &password, const QByteArray &salt, int iterations, int length)
{
    checkLength(length, "PBKDF2");
    if (iterations < 1)
        throw std::invalid_argument("pbkdf2Sha256: iterations must be at least 1");
    QByteArray out(length, Qt::Uninitialized);
    if (PKCS5_PBKDF2_HMAC(password.constData(), int(password.size()), bytes(salt), int(salt.size()), iterations,
                          EVP_sha256(), length, bytes(out))
        != 1)
        fail("PKCS5_PBKDF2_HMAC failed");
    return out;
}

QByteArray hmacSha256(const QByteArray &key, const QByteArray &data)
{
    QByteArray out(EVP_MAX_MD_SIZE, Qt::Uninitialized);
    size_t outLength = 0;
    if (!EVP_Q_mac(nullptr, "HMAC", nullptr, "SHA256", nullptr, key.constData(), size_t(key.size()), bytes(data),
                   size_t(data.size()), bytes(out), size_t(out.size()), &outLength))
        fail("HMAC-SHA256 failed");
    out.truncate(qsizetype(outLength));
    return out;
}

QByteArray sha256(const QByteArray &data)
{
    QByteArray out(EVP_MAX_MD_SIZE, Qt::Uninitialized);
    unsigned int outLength = 0;
    if (EVP_Digest(data.constData(), size_t(data.size()), bytes(out), &outLength, EVP_sha256(), nullptr) != 1)
        fail("SHA-256 failed");
    out.truncate(qsizetype(outLength));
    return out;
}

QByteArray hkdfSha256(const QByteArray &key, const QByteArray &info, int length)
{
    checkLength(length, "HKDF");
    std::unique_ptr<EVP_KDF, KdfDeleter> kdf(EVP_KDF_fetch(nullptr, "HKDF", nullptr));
    if (!kdf)
        fail("HKDF is not available");
    std::unique_ptr<EVP_KDF_CTX, KdfCtxDeleter> ctx(EVP_KDF_CTX_new(kdf.get()));
    if (!ctx)
        fail("cannot create the HKDF context");
    // OSSL_PARAM wants non-const pointers although it only reads these buffers.
    QByteArray keyCopy = key;
    QByteArray infoCopy = info;
    char digest[] = "SHA256";
    const OSSL_PARAM params[] = {
        OSSL_PARAM_construct_utf8_string(OSSL_KDF_PARAM_DIGEST, digest, 0),
        OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_KEY, keyCopy.data(), size_t(keyCopy.size())),
        OSSL_PARAM_construct_octet_string(OSSL_KDF_PARAM_INFO, infoCopy.data(), size_t(infoCopy.size())),
        OSSL_PARAM_construct_end(),
    };
    QByteArray out(length, Qt::Uninitialized);
    if (EVP_KDF_derive(ctx.get(), bytes(out), size_t(length), params) != 1)
        fail("HKDF derivation failed");
    OPENSSL_cleanse(keyCopy.data(), size_t(keyCopy.size()));
    return out;
}

bool constantTimeEquals(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size())
        return false;
    if (a.isEmpty())
        return true;
    return CRYPTO_memcmp(a.constData(), b.constData(), size_t(a.size())) == 0;
}

} // namespace Ud::Core::Crypto
