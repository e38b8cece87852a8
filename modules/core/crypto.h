#pragma once

#include <QByteArray>

/// Thin, checked wrappers over OpenSSL 3 EVP. Nothing here implements a primitive itself.
/// Every function throws std::runtime_error if OpenSSL fails (which no input can cause; it
/// means the library is broken or out of memory) and std::invalid_argument for a
/// non-positive length or iteration count.
namespace Ud::Core::Crypto {

/// Cryptographically secure random bytes (RAND_bytes). Throws std::runtime_error on failure.
QByteArray randomBytes(int count);
/// PBKDF2-HMAC-SHA256 (PKCS5_PBKDF2_HMAC).
QByteArray pbkdf2Sha256(const QByteArray &password, const QByteArray &salt, int iterations, int length = 32);
QByteArray hmacSha256(const QByteArray &key, const QByteArray &data);
QByteArray sha256(const QByteArray &data);
/// HKDF-SHA256 (EVP_KDF "HKDF") to derive independent sub-keys from one master key.
QByteArray hkdfSha256(const QByteArray &key, const QByteArray &info, int length = 32);
/// Constant-time equality (CRYPTO_memcmp); false for different lengths.
bool constantTimeEquals(const QByteArray &a, const QByteArray &b);

} // namespace Ud::Core::Crypto
