#include <core/crypto.h>
#include <core/error.h>
#include <core/fieldcipher.h>
#include <core/keystore.h>

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <functional>
#include <optional>
#include <sys/stat.h>

using namespace Ud::Core;

namespace {
const QString Undecryptable = QStringLiteral("This value cannot be decrypted: it was altered, moved to another "
                                             "record, or encrypted with another key.");

std::optional<Error> errorOf(const std::function<void()> &f)
{
    try {
        f();
    } catch (const Error &e) {
        return e;
    }
    return std::nullopt;
}

KeyStore keysFrom(char fill)
{
    return KeyStore::fromMasterKey(QByteArray(32, fill));
}

int modeOf(const QString &path)
{
    struct stat st {};
    if (::stat(QFile::encodeName(path).constData(), &st) != 0)
        return -1;
    return int(st.st_mode & 0777);
}

void writeFile(const QString &path, const QByteArray &content, int mode)
{
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(content);
    f.close();
    QCOMPARE(::chmod(QFile::encodeName(path).constData(), mode_t(mode)), 0);
}
} // namespace

class TestFieldCipher : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void roundTrip_data();
    void roundTrip();
    void storedFormAndFreshIv();
    void valueMovedElsewhereFailsToDecrypt_data();
    void valueMovedElsewhereFailsToDecrypt();
    void flippedByteFailsToDecrypt();
    void wrongKeyFailsToDecrypt();
    void blindIndexNormalisesAndSeparatesColumns();

    void keyFromEnvironment();
    void badEnvironmentKeyNamesTheVariable();
    void keyFileCreatedOwnerOnlyAndReused();
    void keyFileReadableByOthersRefused();
    void keyFileWithWrongLengthRefused();

private:
    QByteArray m_savedEnv;
    QByteArray m_savedXdg;
};

void TestFieldCipher::init()
{
    m_savedEnv = qgetenv(KeyStore::EnvironmentVariable);
    m_savedXdg = qgetenv("XDG_CONFIG_HOME");
}

void TestFieldCipher::cleanup()
{
    if (m_savedEnv.isNull())
        qunsetenv(KeyStore::EnvironmentVariable);
    else
        qputenv(KeyStore::EnvironmentVariable, m_savedEnv);
    if (m_savedXdg.isNull())
        qunsetenv("XDG_CONFIG_HOME");
    else
        qputenv("XDG_CONFIG_HOME", m_savedXdg);
}

void TestFieldCipher::roundTrip_data()
{
    QTest::addColumn<QString>("plain");
    QTest::newRow("national id") << QStringLiteral("QQ 12 34 56 C");
    QTest::newRow("IBAN") << QStringLiteral("DE89 3704 0044 0532 0130 00");
    QTest::newRow("Chinese") << QStringLiteral("身份证号 110101199003074258 王小明");
    QTest::newRow("empty") << QString();
    QTest::newRow("long") << QString(5000, QLatin1Char('x'));
}

void TestFieldCipher::roundTrip()
{
    QFETCH(QString, plain);
    const FieldCipher cipher(keysFrom('k'));
    const QByteArray stored = cipher.encrypt(plain, QStringLiteral("customers"), QStringLiteral("national_id_enc"),
                                             QStringLiteral("row-1"));
    QVERIFY(!stored.contains(plain.toUtf8()) || plain.isEmpty());
    QCOMPARE(cipher.decrypt(stored, QStringLiteral("customers"), QStringLiteral("national_id_enc"),
                            QStringLiteral("row-1")),
             plain);
}

void TestFieldCipher::storedFormAndFreshIv()
{
    const FieldCipher cipher(keysFrom('k'));
    const QString plain = QStringLiteral("GB29 NWBK 6016 1331 9268 19");
    const QByteArray a = cipher.encrypt(plain, QStringLiteral("customers"), QStringLiteral("bank_account_enc"),
                                        QStringLiteral("row-1"));
    const QByteArray b = cipher.encrypt(plain, QStringLiteral("customers"), QStringLiteral("bank_account_enc"),
                                        QStringLiteral("row-1"));
    // version | 12-byte IV | ciphertext (as long as the UTF-8 text) | 16-byte tag
    QCOMPARE(a.size(), 1 + 12 + plain.toUtf8().size() + 16);
    QCOMPARE(a.at(0), char(1));
    QVERIFY(a != b);
    QVERIFY(a.mid(1, 12) != b.mid(1, 12));
    QCOMPARE(cipher.decrypt(b, QStringLiteral("customers"), QStringLiteral("bank_account_enc"),
                            QStringLiteral("row-1")),
             plain);
}

void TestFieldCipher::valueMovedElsewhereFailsToDecrypt_data()
{
    QTest::addColumn<QString>("table");
    QTest::addColumn<QString>("column");
    QTest::addColumn<QString>("rowId");
    QTest::newRow("another row") << QStringLiteral("customers") << QStringLiteral("national_id_enc")
                                 << QStringLiteral("row-2");
    QTest::newRow("another column") << QStringLiteral("customers") << QStringLiteral("bank_account_enc")
                                    << QStringLiteral("row-1");
    QTest::newRow("another table") << QStringLiteral("suppliers") << QStringLiteral("national_id_enc")
                                   << QStringLiteral("row-1");
    // The separators keep the parts apart: shifting text between them changes the data.
    QTest::newRow("shifted boundary") << QStringLiteral("customersn") << QStringLiteral("ational_id_enc")
                                      << QStringLiteral("row-1");
}

void TestFieldCipher::valueMovedElsewhereFailsToDecrypt()
{
    QFETCH(QString, table);
    QFETCH(QString, column);
    QFETCH(QString, rowId);
    const FieldCipher cipher(keysFrom('k'));
    const QByteArray stored = cipher.encrypt(QStringLiteral("AB123456C"), QStringLiteral("customers"),
                                             QStringLiteral("national_id_enc"), QStringLiteral("row-1"));
    const auto error = errorOf([&] { cipher.decrypt(stored, table, column, rowId); });
    QVERIFY(error);
    QCOMPARE(error->kind(), Error::Kind::BadInput);
    QCOMPARE(error->message(), Undecryptable);
}

void TestFieldCipher::flippedByteFailsToDecrypt()
{
    const FieldCipher cipher(keysFrom('k'));
    const QByteArray stored = cipher.encrypt(QStringLiteral("4111 1111 1111 1111"), QStringLiteral("payments"),
                                             QStringLiteral("card_enc"), QStringLiteral("row-9"));
    // Every position matters: version, IV, ciphertext and tag.
    for (qsizetype i = 0; i < stored.size(); ++i) {
        QByteArray tampered = stored;
        tampered[i] = char(tampered.at(i) ^ 0x01);
        const auto error = errorOf([&] {
            cipher.decrypt(tampered, QStringLiteral("payments"), QStringLiteral("card_enc"), QStringLiteral("row-9"));
        });
        QVERIFY2(error, qPrintable(QStringLiteral("byte %1 flipped but still decrypted").arg(i)));
        QCOMPARE(error->message(), Undecryptable);
    }
    const auto truncated = errorOf([&] {
        cipher.decrypt(stored.left(20), QStringLiteral("payments"), QStringLiteral("card_enc"), QStringLiteral("row-9"));
    });
    QVERIFY(truncated);
    QCOMPARE(truncated->message(), Undecryptable);
}

void TestFieldCipher::wrongKeyFailsToDecrypt()
{
    const QByteArray stored = FieldCipher(keysFrom('k')).encrypt(
        QStringLiteral("AB123456C"), QStringLiteral("customers"), QStringLiteral("national_id_enc"),
        QStringLiteral("row-1"));
    const auto error = errorOf([&] {
        FieldCipher(keysFrom('j')).decrypt(stored, QStringLiteral("customers"), QStringLiteral("national_id_enc"),
                                           QStringLiteral("row-1"));
    });
    QVERIFY(error);
    QCOMPARE(error->kind(), Error::Kind::BadInput);
    QCOMPARE(error->message(), Undecryptable);
}

void TestFieldCipher::blindIndexNormalisesAndSeparatesColumns()
{
    const FieldCipher cipher(keysFrom('k'));
    const QString table = QStringLiteral("customers");
    const QString column = QStringLiteral("national_id_idx");
    const QString index = cipher.blindIndex(QStringLiteral("GB 12-34"), table, column);
    QCOMPARE(index.size(), 64);
    QCOMPARE(cipher.blindIndex(QStringLiteral("gb1234"), table, column), index);
    // Full-width characters from a Chinese input method match their ASCII forms.
    QCOMPARE(cipher.blindIndex(QStringLiteral("ＧＢ１２３４"), table, column), index);
    QCOMPARE(FieldCipher::normalizeForIndex(QStringLiteral(" gb 12-34\t")), QStringLiteral("GB1234"));
    QVERIFY(cipher.blindIndex(QStringLiteral("GB1235"), table, column) != index);
    QVERIFY(cipher.blindIndex(QStringLiteral("GB1234"), table, QStringLiteral("bank_account_idx")) != index);
    QVERIFY(cipher.blindIndex(QStringLiteral("GB1234"), QStringLiteral("suppliers"), column) != index);
    // Keyed: another master key gives another index, so the index alone reveals nothing.
    QVERIFY(FieldCipher(keysFrom('j')).blindIndex(QStringLiteral("GB1234"), table, column) != index);
    // It is exactly HMAC-SHA256 with the index key over table, column and the normalised value.
    QCOMPARE(index, QString::fromLatin1(Crypto::hmacSha256(keysFrom('k').indexKey(),
                                                           QByteArray("customers\0national_id_idx\0GB1234", 32))
                                            .toHex()));
    QCOMPARE(cipher.blindIndex(QStringLiteral(" - "), table, column), QString());
}

void TestFieldCipher::keyFromEnvironment()
{
    const QByteArray master = Crypto::randomBytes(32);
    qputenv(KeyStore::EnvironmentVariable, master.toBase64());
    const KeyStore keys = KeyStore::load();
    const KeyStore expected = KeyStore::fromMasterKey(master);
    QCOMPARE(keys.encryptionKey(), expected.encryptionKey());
    QCOMPARE(keys.indexKey(), expected.indexKey());
    QCOMPARE(keys.encryptionKey().size(), 32);
    QVERIFY(keys.encryptionKey() != keys.indexKey());
    QVERIFY(keys.encryptionKey() != master);
    // A value encrypted with the environment key decrypts with the same key loaded again.
    const QByteArray stored = FieldCipher(keys).encrypt(QStringLiteral("x1"), QStringLiteral("t"),
                                                        QStringLiteral("c"), QStringLiteral("r"));
    QCOMPARE(FieldCipher(KeyStore::load()).decrypt(stored, QStringLiteral("t"), QStringLiteral("c"),
                                                   QStringLiteral("r")),
             QStringLiteral("x1"));
}

void TestFieldCipher::badEnvironmentKeyNamesTheVariable()
{
    for (const QByteArray &bad : {QByteArray(16, 'a').toBase64(), QByteArray("not base64 at all!"),
                                  QByteArray(33, 'a').toBase64()}) {
        qputenv(KeyStore::EnvironmentVariable, bad);
        const auto error = errorOf([] { KeyStore::load(); });
        QVERIFY(error);
        QCOMPARE(error->kind(), Error::Kind::BadInput);
        QVERIFY2(error->message().contains(QLatin1String("UTILITYDESK_MASTER_KEY")), qPrintable(error->message()));
    }
}

void TestFieldCipher::keyFileCreatedOwnerOnlyAndReused()
{
    QTemporaryDir config;
    QVERIFY(config.isValid());
    qunsetenv(KeyStore::EnvironmentVariable);
    qputenv("XDG_CONFIG_HOME", QFile::encodeName(config.path()));
    const QString path = config.filePath(QStringLiteral("UtilityDesk/master.key"));
    QCOMPARE(KeyStore::defaultKeyFilePath(), path);
    QVERIFY(!QFile::exists(path));

    const KeyStore first = KeyStore::load();
    QVERIFY(QFile::exists(path));
    QCOMPARE(modeOf(path), 0600);
    QCOMPARE(modeOf(config.filePath(QStringLiteral("UtilityDesk"))), 0700);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray master = QByteArray::fromBase64(file.readAll().trimmed());
    QCOMPARE(master.size(), 32);
    QCOMPARE(first.encryptionKey(), KeyStore::fromMasterKey(master).encryptionKey());
    // No temporary file is left next to the key.
    QCOMPARE(QDir(config.filePath(QStringLiteral("UtilityDesk"))).entryList(QDir::Files | QDir::Hidden),
             QStringList{QStringLiteral("master.key")});

    // The next start reads the same key, so what was encrypted stays readable.
    const QByteArray stored = FieldCipher(first).encrypt(QStringLiteral("secret"), QStringLiteral("t"),
                                                         QStringLiteral("c"), QStringLiteral("r"));
    const KeyStore second = KeyStore::load();
    QCOMPARE(FieldCipher(second).decrypt(stored, QStringLiteral("t"), QStringLiteral("c"), QStringLiteral("r")),
             QStringLiteral("secret"));

    // An explicit path works the same way.
    const QString other = config.filePath(QStringLiteral("elsewhere/key"));
    const KeyStore third = KeyStore::loadFile(other);
    QCOMPARE(modeOf(other), 0600);
    QVERIFY(third.encryptionKey() != first.encryptionKey());
}

void TestFieldCipher::keyFileReadableByOthersRefused()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("master.key"));
    for (const int mode : {0640, 0604, 0660, 0620}) {
        writeFile(path, Crypto::randomBytes(32).toBase64() + '\n', mode);
        const auto error = errorOf([&] { KeyStore::loadFile(path); });
        QVERIFY2(error, qPrintable(QString::number(mode, 8)));
        QCOMPARE(error->kind(), Error::Kind::BadInput);
        QVERIFY2(error->message().contains(path), qPrintable(error->message()));
        QVERIFY(error->message().contains(QLatin1String("other users")));
    }
    // The same file made private is accepted.
    QCOMPARE(::chmod(QFile::encodeName(path).constData(), 0600), 0);
    QCOMPARE(KeyStore::loadFile(path).encryptionKey().size(), 32);
}

void TestFieldCipher::keyFileWithWrongLengthRefused()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("master.key"));
    for (const QByteArray &content : {QByteArray(16, 'a').toBase64(), QByteArray(31, 'a').toBase64() + '\n',
                                      QByteArray("@@@ not base64 @@@"), QByteArray()}) {
        writeFile(path, content, 0600);
        const auto error = errorOf([&] { KeyStore::loadFile(path); });
        QVERIFY2(error, content.constData());
        QCOMPARE(error->kind(), Error::Kind::BadInput);
        QVERIFY2(error->message().contains(path), qPrintable(error->message()));
        QVERIFY(error->message().contains(QLatin1String("32 bytes")));
        // A refused key file is never replaced: it may be the only copy of the real key.
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), content);
    }
}

QTEST_GUILESS_MAIN(TestFieldCipher)
#include "tst_fieldcipher.moc"
