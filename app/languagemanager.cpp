#include "languagemanager.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QTranslator>

namespace Ud::App {

LanguageManager::LanguageManager(QObject *parent) : QObject(parent) {}

LanguageManager::~LanguageManager()
{
    removeTranslators();
}

QList<LanguageManager::Choice> LanguageManager::choices()
{
    return {
        {QString(), tr("System default")},
        {QStringLiteral("en"), QStringLiteral("English")},
        {QStringLiteral("zh_CN"), QStringLiteral("中文")},
        {QStringLiteral("es"), QStringLiteral("Español")},
    };
}

void LanguageManager::removeTranslators()
{
    for (auto *translator : {&m_appTranslator, &m_qtTranslator}) {
        if (*translator) {
            QCoreApplication::removeTranslator(translator->get());
            translator->reset();
        }
    }
}

bool LanguageManager::apply(const QString &language)
{
    removeTranslators();
    m_language = language;
    m_locale = language.isEmpty() ? QLocale::system() : QLocale(language);
    QLocale::setDefault(m_locale);
    const QString i18n = QStringLiteral(":/i18n");
    const QString prefix = QStringLiteral("utilitydesk");

    // load(QLocale, ...) tries the locale's UI languages in turn: zh-Hans-CN finds _zh_CN.
    // English has a file too, with only the plural forms ("1 entry", "2 entries").
    auto app = std::make_unique<QTranslator>();
    bool loaded = m_locale.language() != QLocale::C
                  && app->load(m_locale, prefix, QStringLiteral("_"), i18n);
    const bool english = !loaded && (m_locale.language() == QLocale::English || m_locale.language() == QLocale::C);
    // A system language without a translation shows English, with English plurals.
    const bool fallback = !loaded && (english || language.isEmpty());
    // Without the plural file English still reads, only with "entries" for one entry too.
    [[maybe_unused]] const bool plurals = fallback && app->load(prefix + QStringLiteral("_en"), i18n);
    if (!app->isEmpty()) {
        QCoreApplication::installTranslator(app.get());
        m_appTranslator = std::move(app);
    }
    if (loaded && m_locale.language() != QLocale::English) {
        auto qt = std::make_unique<QTranslator>();
        if (qt->load(m_locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                     QLibraryInfo::path(QLibraryInfo::TranslationsPath))) {
            QCoreApplication::installTranslator(qt.get());
            m_qtTranslator = std::move(qt);
        }
    }
    return loaded || fallback;
}

} // namespace Ud::App
