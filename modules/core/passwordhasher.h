#pragma once

#include <QString>

namespace Ud::Core {

/// Password hashing with PBKDF2-HMAC-SHA256, a random 16-byte salt and the parameters stored
/// with the hash: `pbkdf2-sha256$<iterations>$<salt base64>$<hash base64>`. When the configured
/// iterations rise, needsRehash() tells the sign-in to store a new hash. Passwords are hashed
/// as UTF-8 in Unicode normalisation form C, so the same password typed through different
/// input methods (composed or decomposed accents) matches.
class PasswordHasher
{
public:
    static constexpr int DefaultIterations = 600000;
    static constexpr int MinimumIterations = 600000;
    /// A stored string claiming more iterations is treated as malformed, so a tampered row
    /// cannot make a sign-in spin for minutes.
    static constexpr int MaximumIterations = 20000000;
    static constexpr int SaltBytes = 16;
    static constexpr int HashBytes = 32;

    /// Tests may pass fewer iterations only through forTests().
    PasswordHasher() = default;
    static PasswordHasher forTests(int iterations);

    int iterations() const { return m_iterations; }
    QString hash(const QString &password) const;
    /// Constant-time check; false (never a throw) for malformed stored strings.
    bool verify(const QString &password, const QString &stored) const;
    /// True if `stored` was made with fewer iterations (or another scheme) than now configured.
    bool needsRehash(const QString &stored) const;

private:
    explicit PasswordHasher(int iterations) : m_iterations(iterations) {}

    int m_iterations = DefaultIterations;
};

} // namespace Ud::Core
