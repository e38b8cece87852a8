#pragma once

#include <QDialog>
#include <QStringList>
#include <QValidator>

class QComboBox;
class QDialogButtonBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace Ud::Ui {
class FieldMessage;
class MessageBar;
} // namespace Ud::Ui

namespace Ud::App {

class LanguageManager;

/// Accepts exactly the texts Core::DatabaseUrl::parse accepts; anything else is Intermediate
/// (the user may still be typing), and problem() says what is wrong in one sentence.
class DatabaseUrlValidator : public QValidator
{
    Q_OBJECT
public:
    using QValidator::QValidator;
    State validate(QString &input, int &pos) const override;
    /// Empty when the URL is valid.
    static QString problem(const QString &text);
};

/// The settings: which database to use, the interface language, and the drop folders the
/// meter-sync worker watches with its scan interval (each folder must exist and be writable). Language changes apply at
/// once. A new database takes effect after a restart, which the dialog offers inline (no
/// nested dialog). In start-up mode (the database could not be opened) saving closes the
/// dialog and the program tries the new database right away.
class SettingsDialog : public QDialog
{
    Q_OBJECT
public:
    enum class Mode { Running, StartUp };

    SettingsDialog(LanguageManager &languages, Mode mode, QWidget *parent = nullptr);

    /// The URL the program is using now (Running mode: decides whether a restart is needed).
    void setCurrentDatabaseUrl(const QString &url);
    /// Users without the ChangeSettings permission see the database but cannot change it.
    void setDatabaseEditable(bool editable);
    /// Puts the keyboard focus on the database URL (start-up mode opens at it).
    void focusDatabase();

    QString databaseUrl() const;
    /// Puts a URL in the field (start-up mode: the one that failed, which may come from the
    /// command line rather than the settings).
    void setDatabaseUrl(const QString &url);
    /// True after saving a database other than the one in use (Running mode).
    bool restartNeeded() const { return m_restartNeeded; }
    /// Tries to open the URL typed, off the UI thread; the sentence appears under the button.
    void testConnection();
    /// The sentence the last connection test produced.
    QString testResult() const;
    bool isTesting() const { return m_testing; }

    /// Meter sync: the drop folders listed and the scan interval.
    QStringList watchFolders() const;
    /// Adds a drop folder if it exists and is writable; otherwise says why beside the field
    /// and returns false.
    bool addWatchFolder(const QString &path);
    void removeSelectedWatchFolder();
    /// Empty if `path` can be a drop folder, else the sentence saying why not.
    static QString watchFolderProblem(const QString &path);

    /// Checks the fields, stores the settings and applies the language. False if a field is wrong.
    bool save();

    /// What a connection test reports for `urlText` (runs on any thread; throws Core::Error).
    static QString probe(const QString &urlText);

signals:
    void restartRequested();

protected:
    void changeEvent(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void retranslateUi();
    void buildMeterSyncGroup();
    void updateWatchButtons();

    LanguageManager &m_languages;
    Mode m_mode;
    QString m_currentUrl;
    bool m_restartNeeded = false;
    bool m_testing = false;

    Ui::MessageBar *m_messages;
    QGroupBox *m_databaseGroup;
    QLabel *m_urlLabel;
    QLineEdit *m_url;
    Ui::FieldMessage *m_urlMessage;
    QLabel *m_urlHint;
    QPushButton *m_test;
    QProgressBar *m_testBusy;
    QLabel *m_testResult;
    QLabel *m_readOnlyNote;
    QGroupBox *m_languageGroup;
    QLabel *m_languageLabel;
    QComboBox *m_language;
    QGroupBox *m_meterSyncGroup;
    QLabel *m_watchLabel;
    QListWidget *m_watchList;
    QStringList m_savedWatchDirs; ///< the drop folders as stored when the dialog opened or last saved
    Ui::FieldMessage *m_watchListMessage;
    QLabel *m_newFolderLabel;
    QLineEdit *m_newFolder;
    Ui::FieldMessage *m_newFolderMessage;
    QPushButton *m_browseFolder;
    QPushButton *m_addFolder;
    QPushButton *m_removeFolder;
    QLabel *m_pollLabel;
    QSpinBox *m_pollSeconds;
    QLabel *m_meterSyncHint;
    QDialogButtonBox *m_buttons;
    QPushButton *m_save;
    QPushButton *m_cancel;
};

} // namespace Ud::App
