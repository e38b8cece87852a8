#pragma once

#include <QList>
#include <QLocale>
#include <QObject>
#include <QString>

#include <memory>

class QTranslator;

namespace Ud::App {

/// Switches the user-interface language while the program runs: removes the installed
/// translators and installs UtilityDesk's (":/i18n/utilitydesk_<lang>.qm") and Qt's own
/// (qtbase_<lang>.qm, for standard buttons and dialogs). Installing a translator sends
/// QEvent::LanguageChange to every widget, on which each window, page and dialog retranslates
/// itself. Dates and numbers follow the chosen language through QLocale's default.
class LanguageManager : public QObject
{
    Q_OBJECT
public:
    struct Choice {
        QString code;         ///< "" (system), "en", "zh_CN", "es": the Core::Settings value
        QString displayName;  ///< in its own language, so anyone can find theirs
    };

    explicit LanguageManager(QObject *parent = nullptr);
    ~LanguageManager() override;

    /// Applies a Core::Settings language value ("" follows the system). Returns false when the
    /// translation could not be loaded (the interface then stays in English).
    bool apply(const QString &language);
    /// The value last applied.
    QString language() const { return m_language; }
    /// The locale the interface is in now.
    QLocale locale() const { return m_locale; }

    /// The languages offered in the settings dialog; the first follows the system.
    static QList<Choice> choices();

private:
    void removeTranslators();

    QString m_language;
    QLocale m_locale;
    std::unique_ptr<QTranslator> m_appTranslator;
    std::unique_ptr<QTranslator> m_qtTranslator;
};

} // namespace Ud::App
