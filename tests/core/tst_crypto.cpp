#include <core/crypto.h>
#include <core/passwordhasher.h>

#include <QStringList>
#include <QTest>

using namespace Ud::Core;

class TestCrypto : public QObject
{
    Q_OBJECT

private slots:
    void pbkdf2KnownVectors_data();
    void pbkdf2KnownVectors();
    void hmacRfc4231Case2();
    void sha256Abc();
    void hkdfRfc5869Case3();
    void constantTimeEquals();
    void randomBytesAreFreshAndSized();

    void passwordHashAndVerify();
    void passwordSaltMakesEachHashDifferent();
    void passwordNormalisedBeforeHashing();
    void needsRehashWhenIterationsRise();
    void malformedStoredStringsNeverVerify_data();
    void malformedStoredStringsNeverVerify();
    void productionDefaultIsAtLeast600000WithSixteenByteSalt();
};

void TestCrypto::pbkdf2KnownVectors_data()
{
    QTest::addColumn<QByteArray>("password");
    QTest::addColumn<QByteArray>("salt");
    QTest::addColumn<int>("iterations");
    QTest::addColumn<int>("length");
    QTest::addColumn<QByteArray>("expectedHex");
    // The widely published PBKDF2-HMAC-SHA256 vectors (as in RFC 6070's SHA-1 set, redone for SHA-256).
    QTest::newRow("password/salt c=1") << QByteArray("password") << QByteArray("salt") << 1 << 32
                                       << QByteArray("120fb6cffcf8b32c43e7225256c4f837a86548c92ccc35480805987cb70be17b");
    QTest::newRow("password/salt c=2") << QByteArray("password") << QByteArray("salt") << 2 << 32
                                       << QByteArray("ae4d0c95af6b46d32d0adff928f06dd02a303f8ef3c251dfd6e2d85a95474c43");
    QTest::newRow("password/salt c=4096") << QByteArray("password") << QByteArray("salt") << 4096 << 32
                                          << QByteArray("c5e478d59288c841aa530db6845c4c8d962893a001ce4e11a4963873aa98134a");
    // RFC 7914 section 11.
    QTest::newRow("RFC 7914 passwd/salt c=1 dkLen=64")
        << QByteArray("passwd") << QByteArray("salt") << 1 << 64
        << QByteArray("55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc"
                      "49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783");
}

void TestCrypto::pbkdf2KnownVectors()
{
    QFETCH(QByteArray, password);
    QFETCH(QByteArray, salt);
    QFETCH(int, iterations);
    QFETCH(int, length);
    QFETCH(QByteArray, expectedHex);
    QCOMPARE(Crypto::pbkdf2Sha256(password, salt, iterations, length).toHex(), expectedHex);
}

void TestCrypto::hmacRfc4231Case2()
{
    QCOMPARE(Crypto::hmacSha256("Jefe", "what do ya want for nothing?").toHex(),
             QByteArray("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"));
}

void TestCrypto::sha256Abc()
{
    // FIPS 180-2 appendix B.1.
    QCOMPARE(Crypto::sha256("abc").toHex(),
             QByteArray("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
}

void TestCrypto::hkdfRfc5869Case3()
{
    // RFC 5869 test case 3: no salt, no info, 42 bytes.
    QCOMPARE(Crypto::hkdfSha256(QByteArray(22, '\x0b'), QByteArray(), 42).toHex(),
             QByteArray("8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d"
                        "9d201395faa4b61a96c8"));
    // Different info gives an unrelated key: the two sub-keys of the KeyStore rely on it.
    const QByteArray master(32, '\x42');
    QVERIFY(Crypto::hkdfSha256(master, "a") != Crypto::hkdfSha256(master, "b"));
    QCOMPARE(Crypto::hkdfSha256(master, "a").size(), 32);
}

void TestCrypto::constantTimeEquals()
{
    QVERIFY(Crypto::constantTimeEquals("abc", "abc"));
    QVERIFY(!Crypto::constantTimeEquals("abc", "abd"));
    QVERIFY(!Crypto::constantTimeEquals("abc", "abcd"));
    QVERIFY(Crypto::constantTimeEquals(QByteArray(), QByteArray()));
}

void TestCrypto::randomBytesAreFreshAndSized()
{
    const QByteArray a = Crypto::randomBytes(32);
    const QByteArray b = Crypto::randomBytes(32);
    QCOMPARE(a.size(), 32);
    QVERIFY(a != b);
    QVERIFY(a != QByteArray(32, '\0'));
    QCOMPARE(Crypto::randomBytes(0).size(), 0);
}

void TestCrypto::passwordHashAndVerify()
{
    const PasswordHasher hasher = PasswordHasher::forTests(1000);
    const QString stored = hasher.hash(QStringLiteral("correct horse battery"));
    QVERIFY(stored.startsWith(QLatin1String("pbkdf2-sha256$1000$")));
    QVERIFY(hasher.verify(QStringLiteral("correct horse battery"), stored));
    QVERIFY(!hasher.verify(QStringLiteral("correct horse batterY"), stored));
    QVERIFY(!hasher.verify(QString(), stored));
    // Chinese passwords work like any other.
    const QString chinese = QStringLiteral("正确的马电池钉书钉");
    QVERIFY(hasher.verify(chinese, hasher.hash(chinese)));
    QVERIFY(!hasher.verify(QStringLiteral("正确的马电池钉书针"), hasher.hash(chinese)));
}

void TestCrypto::passwordSaltMakesEachHashDifferent()
{
    const PasswordHasher hasher = PasswordHasher::forTests(1000);
    const QString a = hasher.hash(QStringLiteral("same password"));
    const QString b = hasher.hash(QStringLiteral("same password"));
    QVERIFY(a != b);
    QVERIFY(a.split(QLatin1Char('$')).at(2) != b.split(QLatin1Char('$')).at(2));
    QVERIFY(hasher.verify(QStringLiteral("same password"), a));
    QVERIFY(hasher.verify(QStringLiteral("same password"), b));
}

void TestCrypto::passwordNormalisedBeforeHashing()
{
    // "é" typed as one code point or as e + combining acute is the same password.
    const PasswordHasher hasher = PasswordHasher::forTests(1000);
    const QString composed = QStringLiteral("caf\u00e9 au lait!");
    const QString decomposed = QStringLiteral("cafe\u0301 au lait!");
    QVERIFY(composed != decomposed);
    QVERIFY(hasher.verify(decomposed, hasher.hash(composed)));
}

void TestCrypto::needsRehashWhenIterationsRise()
{
    const PasswordHasher weak = PasswordHasher::forTests(1000);
    const PasswordHasher stronger = PasswordHasher::forTests(2000);
    const QString stored = weak.hash(QStringLiteral("a long password"));
    QVERIFY(!weak.needsRehash(stored));
    QVERIFY(stronger.needsRehash(stored));
    QVERIFY(!weak.needsRehash(stronger.hash(QStringLiteral("a long password"))));
    // A hash with more iterations than configured still verifies with its own parameters.
    QVERIFY(weak.verify(QStringLiteral("a long password"), stronger.hash(QStringLiteral("a long password"))));
    QVERIFY(weak.needsRehash(QStringLiteral("md5$abc")));
    QVERIFY(weak.needsRehash(QString()));
}

void TestCrypto::malformedStoredStringsNeverVerify_data()
{
    QTest::addColumn<QString>("stored");
    const QString salt = QString::fromLatin1(QByteArray(16, 'x').toBase64());
    const QString hash = QString::fromLatin1(
        Crypto::pbkdf2Sha256("secret password", QByteArray(16, 'x'), 1000, 32).toBase64());
    // Sanity: the well-formed string does verify, so the rows below fail for their defect only.
    QTest::newRow("well-formed control") << QStringLiteral("pbkdf2-sha256$1000$%1$%2").arg(salt, hash);
    QTest::newRow("empty") << QString();
    QTest::newRow("other scheme") << QStringLiteral("pbkdf2-sha1$1000$%1$%2").arg(salt, hash);
    QTest::newRow("three parts") << QStringLiteral("pbkdf2-sha256$1000$%1").arg(salt);
    QTest::newRow("five parts") << QStringLiteral("pbkdf2-sha256$1000$%1$%2$x").arg(salt, hash);
    QTest::newRow("iterations not a number") << QStringLiteral("pbkdf2-sha256$many$%1$%2").arg(salt, hash);
    QTest::newRow("zero iterations") << QStringLiteral("pbkdf2-sha256$0$%1$%2").arg(salt, hash);
    QTest::newRow("negative iterations") << QStringLiteral("pbkdf2-sha256$-5$%1$%2").arg(salt, hash);
    QTest::newRow("absurd iterations") << QStringLiteral("pbkdf2-sha256$2000000000$%1$%2").arg(salt, hash);
    QTest::newRow("salt not base64") << QStringLiteral("pbkdf2-sha256$1000$%%%%$%1").arg(hash);
    QTest::newRow("hash not base64") << QStringLiteral("pbkdf2-sha256$1000$%1$***").arg(salt);
    QTest::newRow("hash truncated") << QStringLiteral("pbkdf2-sha256$1000$%1$%2").arg(salt, hash.left(20));
}

void TestCrypto::malformedStoredStringsNeverVerify()
{
    QFETCH(QString, stored);
    const PasswordHasher hasher = PasswordHasher::forTests(1000);
    const bool expected = QLatin1String(QTest::currentDataTag()) == QLatin1String("well-formed control");
    QCOMPARE(hasher.verify(QStringLiteral("secret password"), stored), expected);
    QCOMPARE(hasher.needsRehash(stored), !expected);
}

void TestCrypto::productionDefaultIsAtLeast600000WithSixteenByteSalt()
{
    const PasswordHasher production;
    QVERIFY(production.iterations() >= 600000);
    QCOMPARE(PasswordHasher::DefaultIterations, 600000);
    const QString stored = production.hash(QStringLiteral("production password"));
    const QStringList parts = stored.split(QLatin1Char('$'));
    QCOMPARE(parts.size(), 4);
    QCOMPARE(parts.at(0), QStringLiteral("pbkdf2-sha256"));
    QVERIFY(parts.at(1).toInt() >= 600000);
    QCOMPARE(QByteArray::fromBase64(parts.at(2).toLatin1()).size(), 16);
    QCOMPARE(QByteArray::fromBase64(parts.at(3).toLatin1()).size(), 32);
    // The stored string is exactly PBKDF2 over its own parameters.
    QCOMPARE(QByteArray::fromBase64(parts.at(3).toLatin1()),
             Crypto::pbkdf2Sha256("production password", QByteArray::fromBase64(parts.at(2).toLatin1()),
                                  parts.at(1).toInt(), 32));
    QVERIFY(production.verify(QStringLiteral("production password"), stored));
    QVERIFY(!production.needsRehash(stored));
}

QTEST_GUILESS_MAIN(TestCrypto)
#include "tst_crypto.moc"
