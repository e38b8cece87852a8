#pragma once

#include <QtGlobal>

#include <cmath>
#include <cstddef>
#include <span>

namespace Ud::Demo {

/// A small, fast, seedable random stream (SplitMix64). The demo data must be identical for
/// the same seed on every machine and with every standard library, so nothing here uses
/// <random>'s distributions (whose output is implementation-defined) or the wall clock.
/// Each customer gets its own stream derived from (seed, customer ordinal): a customer's data
/// then depends on nothing else, which keeps batches independent and lets them be built on
/// another thread.
class Random
{
public:
    explicit Random(quint64 seed) : m_state(seed) {}
    /// The stream for one item of a run: independent of every other (seed, index) pair.
    static Random forItem(quint64 seed, quint64 stream, quint64 index)
    {
        return Random(mix(mix(seed ^ 0x6a09e667f3bcc909ULL) ^ mix(stream + 0x3c6ef372fe94f82bULL) ^ index));
    }

    static quint64 mix(quint64 z)
    {
        z += 0x9e3779b97f4a7c15ULL;
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }

    quint64 next()
    {
        m_state += 0x9e3779b97f4a7c15ULL;
        quint64 z = m_state;
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }

    /// Uniform in [0, n); n > 0. Multiply-shift: unbiased enough for demo data and branch-free.
    quint32 below(quint32 n) { return quint32((quint64(quint32(next() >> 32)) * n) >> 32); }
    /// Uniform integer in [lo, hi].
    qint64 range(qint64 lo, qint64 hi) { return lo + qint64(next() % quint64(hi - lo + 1)); }
    /// Uniform in [0, 1).
    double unit() { return double(next() >> 11) * (1.0 / 9007199254740992.0); }
    bool chance(double p) { return unit() < p; }
    /// Approximately normal (sum of four uniforms), mean 0, standard deviation 1; no libm
    /// transcendental functions, so results are bit-identical everywhere.
    double gauss()
    {
        const double s = unit() + unit() + unit() + unit();
        return (s - 2.0) * 1.7320508075688772;
    }

    template<typename T, std::size_t N>
    const T &pick(const T (&items)[N]) { return items[below(quint32(N))]; }
    template<typename T>
    const T &pick(std::span<const T> items) { return items[below(quint32(items.size()))]; }

    /// Index into `weights` (non-negative, not all zero) drawn in proportion to the weights.
    template<std::size_t N>
    int weighted(const double (&weights)[N])
    {
        double total = 0;
        for (double w : weights)
            total += w;
        double r = unit() * total;
        for (std::size_t i = 0; i < N; ++i) {
            if (r < weights[i])
                return int(i);
            r -= weights[i];
        }
        return int(N - 1);
    }

    /// Writes a UUID in version-4 format (lower-case, 36 characters) into `out`: the first 48
    /// bits are `prefix` (32 bits) and `sequence` (16 bits), the remaining 74 free bits come
    /// from the stream. Ascending prefixes make bulk inserts append to the ends of the key
    /// indexes instead of touching pages all over the file, the same reason UUIDv7 leads with
    /// a timestamp; the random tail keeps ids of different seeds and sites apart.
    void uuid(char *out, quint32 prefix, quint16 sequence)
    {
        static const char hex[] = "0123456789abcdef";
        quint64 hi = (quint64(prefix) << 32) | (quint64(sequence) << 16) | (next() & 0x0fffULL) | 0x4000ULL;
        quint64 lo = (next() & 0x3fffffffffffffffULL) | 0x8000000000000000ULL;  // RFC 4122 variant
        int pos = 0;
        for (int i = 0; i < 16; ++i) {
            if (i == 4 || i == 6 || i == 8 || i == 10)
                out[pos++] = '-';
            const quint64 word = i < 8 ? hi : lo;
            const int shift = (7 - (i & 7)) * 8;
            const unsigned byte = unsigned((word >> shift) & 0xff);
            out[pos++] = hex[byte >> 4];
            out[pos++] = hex[byte & 0xf];
        }
    }

private:
    quint64 m_state;
};

} // namespace Ud::Demo
