// Every user-visible string must reach a Chinese or Spanish user translated. This test runs
// lupdate over the same sources as the build (into copies of the committed .ts files, so the
// source tree is never touched) and fails on anything a translator still has to do: a new or
// unfinished string, an empty translation, a lost %1 placeholder, a string lupdate files under
// the wrong context, or a stale entry left in the committed file.

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QTextStream>
#include <QXmlStreamReader>

namespace {

// English is the source language; its file holds only the plural forms ("1 migration",
// "2 migrations") that a source text such as "%n migration(s)" cannot spell itself.
const QString PluralOnlyLanguage = QStringLiteral("en");
const QStringList Languages = {QStringLiteral("zh_CN"), QStringLiteral("es"), PluralOnlyLanguage};

struct Message
{
    QString context;
    QString source;
    QString comment;
    QString type;               ///< "", "unfinished", "vanished" or "obsolete"
    QStringList translations;   ///< one entry, or one per plural form
};

struct TsFile
{
    QString language;
    QList<Message> messages;
    QString error;
};

QString tsName(const QString &language)
{
    return QStringLiteral("utilitydesk_%1.ts").arg(language);
}

TsFile readTs(const QString &path)
{
    TsFile ts;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        ts.error = QStringLiteral("cannot open %1: %2").arg(path, file.errorString());
        return ts;
    }
    QXmlStreamReader xml(&file);
    QString context;
    Message message;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement()) {
            const auto name = xml.name();
            if (name == QLatin1String("TS")) {
                ts.language = xml.attributes().value(QLatin1String("language")).toString();
            } else if (name == QLatin1String("context")) {
                context.clear();
            } else if (name == QLatin1String("name")) {
                context = xml.readElementText();
            } else if (name == QLatin1String("message")) {
                message = Message{context, {}, {}, {}, {}};
            } else if (name == QLatin1String("source")) {
                message.source = xml.readElementText();
            } else if (name == QLatin1String("comment")) {
                message.comment = xml.readElementText();
            } else if (name == QLatin1String("translation")) {
                message.type = xml.attributes().value(QLatin1String("type")).toString();
                // Either plain text or <numerusform> children.
                QString text;
                bool numerus = false;
                while (!(xml.isEndElement() && xml.name() == QLatin1String("translation")) && !xml.atEnd()) {
                    xml.readNext();
                    if (xml.isCharacters())
                        text += xml.text();
                    if (xml.isStartElement() && (xml.name() == QLatin1String("numerusform")
                                                 || xml.name() == QLatin1String("lengthvariant"))) {
                        numerus = true;
                        message.translations << xml.readElementText();
                    }
                }
                if (!numerus)
                    message.translations << text;
            }
        } else if (xml.isEndElement() && xml.name() == QLatin1String("message")) {
            ts.messages << message;
        }
    }
    if (xml.hasError())
        ts.error = QStringLiteral("%1:%2: %3").arg(path).arg(xml.lineNumber()).arg(xml.errorString());
    return ts;
}

QString describe(const Message &m)
{
    QString text = m.source;
    text.replace(QLatin1Char('\n'), QLatin1String("\\n"));
    return QStringLiteral("  [%1] \"%2\"%3").arg(m.context, text,
        m.comment.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(m.comment));
}

// Qt Test cuts failure messages at about a thousand characters, so the full list goes to
// standard error (ctest shows it) and the failure itself gives the count.
bool reportAll(const QString &heading, const QStringList &items)
{
    if (items.isEmpty())
        return true;
    QTextStream err(stderr);
    err << heading << '\n' << items.join(QLatin1Char('\n')) << Qt::endl;
    return false;
}

QSet<QString> placeholders(const QString &text)
{
    // %L1 (localised number) and %1 name the same argument.
    static const QRegularExpression marker(QStringLiteral("%L?(\\d{1,2})"));
    QSet<QString> result;
    for (auto it = marker.globalMatch(text); it.hasNext();)
        result.insert(it.next().captured(1));
    return result;
}

} // namespace

class TestTranslations : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QString m_lupdateWarnings;
    bool m_lupdateRan = false;

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        // The same options as the update_translations target (app/CMakeLists.txt), so a file
        // regenerated there is exactly what this test sees. English carries plural forms only.
        for (const QString &language : Languages) {
            const QString committed = QStringLiteral(UD_TS_DIR "/") + tsName(language);
            const QString copy = m_dir.filePath(tsName(language));
            QVERIFY2(QFile::copy(committed, copy), qPrintable(QStringLiteral("cannot copy %1").arg(committed)));
            QFile::setPermissions(copy, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
            QStringList arguments{QStringLiteral("-no-obsolete"), QStringLiteral("-locations"), QStringLiteral("none"),
                                  QStringLiteral("@" UD_LUPDATE_LIST), QStringLiteral("-ts"), copy};
            if (language == PluralOnlyLanguage)
                arguments.prepend(QStringLiteral("-pluralonly"));
            QProcess lupdate;
            lupdate.start(QStringLiteral(UD_LUPDATE), arguments);
            QVERIFY2(lupdate.waitForFinished(120000), qPrintable(lupdate.errorString()));
            const QString output = QString::fromLocal8Bit(lupdate.readAllStandardOutput());
            const QString warnings = QString::fromLocal8Bit(lupdate.readAllStandardError()).trimmed();
            QVERIFY2(lupdate.exitStatus() == QProcess::NormalExit && lupdate.exitCode() == 0,
                     qPrintable(QStringLiteral("lupdate failed:\n%1\n%2").arg(output, warnings)));
            // Every run scans the same sources and so prints the same warnings.
            m_lupdateWarnings = warnings;
        }
        m_lupdateRan = true;
    }

    // lupdate warns when tr() is called where it cannot tell the class (a free function, a
    // namespace-level helper). It then files the string under a context the program never asks
    // for, so the translation would never show. A struct with Q_DECLARE_TR_FUNCTIONS(<context>)
    // and Tr::tr("...") files it correctly.
    void sourcesExtractUnderTheirContext()
    {
        QVERIFY(m_lupdateRan);
        const QStringList warnings = m_lupdateWarnings.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QVERIFY2(reportAll(QStringLiteral("lupdate cannot place these tr() calls in the context the program "
                                          "uses (declare the context with Q_DECLARE_TR_FUNCTIONS):"),
                           warnings),
                 qPrintable(QStringLiteral("lupdate warned %1 times; the warnings are listed above").arg(warnings.size())));
    }

    void committedFileIsClean_data()
    {
        QTest::addColumn<QString>("language");
        for (const QString &language : Languages)
            QTest::newRow(qPrintable(language)) << language;
    }

    // Entries for strings that no longer exist mislead translators; update_translations drops them.
    void committedFileIsClean()
    {
        QFETCH(QString, language);
        const TsFile ts = readTs(QStringLiteral(UD_TS_DIR "/") + tsName(language));
        QVERIFY2(ts.error.isEmpty(), qPrintable(ts.error));
        QCOMPARE(ts.language, language);
        QStringList stale;
        for (const Message &m : ts.messages) {
            if (m.type == QLatin1String("vanished") || m.type == QLatin1String("obsolete"))
                stale << describe(m);
        }
        QVERIFY2(reportAll(QStringLiteral("%1 holds entries for strings the sources no longer have:").arg(tsName(language)),
                           stale),
                 qPrintable(QStringLiteral("%1 has %2 stale entries, listed above (run the update_translations "
                                           "target)").arg(tsName(language)).arg(stale.size())));
    }

    void everyStringTranslated_data() { committedFileIsClean_data(); }

    void everyStringTranslated()
    {
        QFETCH(QString, language);
        QVERIFY(m_lupdateRan);
        const TsFile ts = readTs(m_dir.filePath(tsName(language)));
        QVERIFY2(ts.error.isEmpty(), qPrintable(ts.error));
        if (language != PluralOnlyLanguage)
            QVERIFY2(!ts.messages.isEmpty(), "lupdate found no strings at all; is the source list empty?");
        QStringList missing;
        for (const Message &m : ts.messages) {
            if (m.type == QLatin1String("unfinished"))
                missing << describe(m) + QStringLiteral(" — new or unfinished");
            else if (m.type == QLatin1String("vanished") || m.type == QLatin1String("obsolete"))
                missing << describe(m) + QStringLiteral(" — no longer in the sources");
            else if (m.translations.isEmpty() || m.translations.contains(QString()))
                missing << describe(m) + QStringLiteral(" — empty translation");
        }
        QVERIFY2(reportAll(QStringLiteral("Not translated into %1:").arg(language), missing),
                 qPrintable(QStringLiteral("%1 of %2 strings are not translated into %3, listed above (run the "
                                           "update_translations target, then translate %4)")
                                .arg(missing.size()).arg(ts.messages.size()).arg(language, tsName(language))));
    }

    void placeholdersKept_data() { committedFileIsClean_data(); }

    // A translation that drops or invents %1 shows the wrong value or a raw "%2" to the user.
    void placeholdersKept()
    {
        QFETCH(QString, language);
        QVERIFY(m_lupdateRan);
        const TsFile ts = readTs(m_dir.filePath(tsName(language)));
        QVERIFY2(ts.error.isEmpty(), qPrintable(ts.error));
        QStringList wrong;
        for (const Message &m : ts.messages) {
            if (!m.type.isEmpty())
                continue; // reported by everyStringTranslated
            const QSet<QString> expected = placeholders(m.source);
            for (const QString &translation : m.translations) {
                if (placeholders(translation) != expected) {
                    wrong << describe(m) + QStringLiteral(" → \"%1\"").arg(translation);
                    break;
                }
            }
        }
        QVERIFY2(reportAll(QStringLiteral("These %1 translations change the %N placeholders:").arg(language), wrong),
                 qPrintable(QStringLiteral("%1 translations change the placeholders, listed above").arg(wrong.size())));
    }
};

QTEST_GUILESS_MAIN(TestTranslations)
#include "tst_translations.moc"
