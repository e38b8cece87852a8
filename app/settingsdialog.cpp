#include "settingsdialog.h"

#include "languagemanager.h"

#include <core/database.h>
#include <core/databaseurl.h>
#include <core/error.h>
#include <core/migrator.h>
#include <core/settings.h>
#include <core/ui/messagebar.h>

#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QListWidget>
#include <QSpinBox>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFileInfo>
#include <QFormLayout>
#include <QFutureWatcher>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace Ud::App {

QValidator::State DatabaseUrlValidator::validate(QString &input, int &) const
{
    return problem(input).isEmpty() ? Acceptable : Intermediate;
}

QString DatabaseUrlValidator::problem(const QString &text)
{
    try {
        Core::DatabaseUrl::parse(text);
        return {};
    } catch (const Core::Error &e) {
        return e.message();
    }
}

QString SettingsDialog::probe(const QString &urlText)
{
    const Core::DatabaseUrl url = Core::DatabaseUrl::parse(urlText);
    // Opening a SQLite file that does not exist would create it: say so instead of leaving
    // an empty file behind for every typo.
    if (url.isSqlite() && !QFileInfo::exists(url.filePath()))
        return tr("The file %1 does not exist yet; UtilityDesk will create it.").arg(url.filePath());
    Core::Database db(url);
    db.connection();
    Core::Migrator migrator(db);
    migrator.checkNotNewer();
    const int current = migrator.currentVersion();
    QString result;
    if (current == 0)
        result = tr("Connected to %1. The database is empty; UtilityDesk will create its tables.").arg(url.toDisplayString());
    else if (current < migrator.latestVersion())
        result = tr("Connected to %1. UtilityDesk will upgrade its tables when it starts.").arg(url.toDisplayString());
    else
        result = tr("Connected to %1. The database is ready to use.").arg(url.toDisplayString());
    db.releaseThreadConnection();
    return result;
}

SettingsDialog::SettingsDialog(LanguageManager &languages, Mode mode, QWidget *parent)
    : QDialog(parent), m_languages(languages), m_mode(mode)
{
    setObjectName(QStringLiteral("settingsDialog"));
    m_messages = new Ui::MessageBar(this);

    m_databaseGroup = new QGroupBox(this);
    m_urlLabel = new QLabel(m_databaseGroup);
    m_url = new QLineEdit(m_databaseGroup);
    m_url->setObjectName(QStringLiteral("databaseUrl"));
    m_url->setValidator(new DatabaseUrlValidator(m_url));
    m_url->setClearButtonEnabled(true);
    m_url->installEventFilter(this);
    m_urlLabel->setBuddy(m_url);
    m_urlMessage = new Ui::FieldMessage(m_url, m_databaseGroup);
    m_urlHint = new QLabel(m_databaseGroup);
    m_urlHint->setWordWrap(true);
    m_urlHint->setForegroundRole(QPalette::PlaceholderText);
    m_test = new QPushButton(m_databaseGroup);
    m_test->setObjectName(QStringLiteral("testConnection"));
    m_testBusy = new QProgressBar(m_databaseGroup);
    m_testBusy->setRange(0, 0);
    m_testBusy->setTextVisible(false);
    m_testBusy->setMaximumWidth(m_testBusy->fontMetrics().averageCharWidth() * 10);
    m_testBusy->hide();
    m_testResult = new QLabel(m_databaseGroup);
    m_testResult->setObjectName(QStringLiteral("testResult"));
    m_testResult->setWordWrap(true);
    m_testResult->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_readOnlyNote = new QLabel(m_databaseGroup);
    m_readOnlyNote->setWordWrap(true);
    m_readOnlyNote->hide();
    auto *testRow = new QHBoxLayout;
    testRow->addWidget(m_test);
    testRow->addWidget(m_testBusy);
    testRow->addWidget(m_testResult, 1);
    auto *databaseForm = new QFormLayout(m_databaseGroup);
    databaseForm->addRow(m_urlLabel, m_url);
    databaseForm->addRow(QString(), m_urlMessage);
    databaseForm->addRow(QString(), m_urlHint);
    databaseForm->addRow(QString(), testRow);
    databaseForm->addRow(m_readOnlyNote);

    m_languageGroup = new QGroupBox(this);
    m_languageLabel = new QLabel(m_languageGroup);
    m_language = new QComboBox(m_languageGroup);
    m_language->setObjectName(QStringLiteral("language"));
    for (const LanguageManager::Choice &choice : LanguageManager::choices())
        m_language->addItem(choice.displayName, choice.code);
    m_languageLabel->setBuddy(m_language);
    auto *languageForm = new QFormLayout(m_languageGroup);
    languageForm->addRow(m_languageLabel, m_language);

    buildMeterSyncGroup();

    m_buttons = new QDialogButtonBox(this);
    m_save = m_buttons->addButton(QString(), QDialogButtonBox::AcceptRole);
    m_save->setObjectName(QStringLiteral("saveSettings"));
    m_save->setDefault(true);
    m_cancel = m_buttons->addButton(QString(), QDialogButtonBox::RejectRole);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_messages);
    layout->addWidget(m_databaseGroup);
    layout->addWidget(m_languageGroup);
    layout->addWidget(m_meterSyncGroup);
    layout->addStretch(1);
    layout->addWidget(m_buttons);

    const Core::Settings settings;
    m_url->setText(settings.databaseUrl());
    m_currentUrl = m_url->text();
    const int languageIndex = m_language->findData(settings.language());
    m_language->setCurrentIndex(languageIndex < 0 ? 0 : languageIndex);
    m_savedWatchDirs = settings.meterSyncWatchDirs();
    for (const QString &dir : std::as_const(m_savedWatchDirs))
        m_watchList->addItem(QDir::toNativeSeparators(dir));
    m_pollSeconds->setValue(settings.meterSyncPollSeconds());
    updateWatchButtons();

    connect(m_test, &QPushButton::clicked, this, &SettingsDialog::testConnection);
    connect(m_save, &QPushButton::clicked, this, [this] {
        if (save() && !m_restartNeeded)
            accept();
    });
    connect(m_cancel, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_url, &QLineEdit::textChanged, this, [this] {
        m_testResult->clear();
        // Clear a shown problem as soon as it is fixed; new problems wait until the user leaves.
        if (!m_urlMessage->isHidden() && m_url->hasAcceptableInput())
            m_urlMessage->setMessage({});
    });

    retranslateUi();
    // Wide enough for a PostgreSQL URL, measured in text so it scales with the font.
    m_url->setMinimumWidth(m_url->fontMetrics().averageCharWidth() * 48);
}

void SettingsDialog::setCurrentDatabaseUrl(const QString &url)
{
    // Show what is in use, which may have come from --database rather than the settings.
    m_currentUrl = url;
    m_url->setText(url);
    m_testResult->clear();
}

void SettingsDialog::setDatabaseEditable(bool editable)
{
    m_url->setReadOnly(!editable);
    m_test->setEnabled(editable);
    m_readOnlyNote->setVisible(!editable);
}

void SettingsDialog::focusDatabase()
{
    m_url->setFocus(Qt::OtherFocusReason);
    m_url->selectAll();
}

QString SettingsDialog::databaseUrl() const
{
    return m_url->text().trimmed();
}

void SettingsDialog::setDatabaseUrl(const QString &url)
{
    m_url->setText(url);
}

void SettingsDialog::buildMeterSyncGroup()
{
    m_meterSyncGroup = new QGroupBox(this);
    m_watchLabel = new QLabel(m_meterSyncGroup);
    m_watchList = new QListWidget(m_meterSyncGroup);
    m_watchList->setObjectName(QStringLiteral("watchFolders"));
    m_watchList->setSelectionMode(QAbstractItemView::SingleSelection);
    // A few folders visible without scrolling, in text lines so it scales with the font.
    m_watchList->setMaximumHeight(m_watchList->fontMetrics().lineSpacing() * 5);
    m_watchLabel->setBuddy(m_watchList);
    m_watchListMessage = new Ui::FieldMessage(m_watchList, m_meterSyncGroup);
    m_removeFolder = new QPushButton(m_meterSyncGroup);
    m_removeFolder->setObjectName(QStringLiteral("removeWatchFolder"));
    auto *listRow = new QHBoxLayout;
    listRow->addWidget(m_watchList, 1);
    listRow->addWidget(m_removeFolder, 0, Qt::AlignTop);

    m_newFolderLabel = new QLabel(m_meterSyncGroup);
    m_newFolder = new QLineEdit(m_meterSyncGroup);
    m_newFolder->setObjectName(QStringLiteral("newWatchFolder"));
    m_newFolder->setClearButtonEnabled(true);
    m_newFolder->installEventFilter(this);
    m_newFolderLabel->setBuddy(m_newFolder);
    m_newFolderMessage = new Ui::FieldMessage(m_newFolder, m_meterSyncGroup);
    m_browseFolder = new QPushButton(m_meterSyncGroup);
    m_browseFolder->setObjectName(QStringLiteral("browseWatchFolder"));
    m_addFolder = new QPushButton(m_meterSyncGroup);
    m_addFolder->setObjectName(QStringLiteral("addWatchFolder"));
    auto *newRow = new QHBoxLayout;
    newRow->addWidget(m_newFolder, 1);
    newRow->addWidget(m_browseFolder);
    newRow->addWidget(m_addFolder);

    m_pollLabel = new QLabel(m_meterSyncGroup);
    m_pollSeconds = new QSpinBox(m_meterSyncGroup);
    m_pollSeconds->setObjectName(QStringLiteral("meterSyncPollSeconds"));
    m_pollSeconds->setRange(Core::Settings::MinMeterSyncPollSeconds, Core::Settings::MaxMeterSyncPollSeconds);
    m_pollLabel->setBuddy(m_pollSeconds);
    m_meterSyncHint = new QLabel(m_meterSyncGroup);
    m_meterSyncHint->setWordWrap(true);
    m_meterSyncHint->setForegroundRole(QPalette::PlaceholderText);

    auto *form = new QFormLayout(m_meterSyncGroup);
    form->addRow(m_watchLabel, listRow);
    form->addRow(QString(), m_watchListMessage);
    form->addRow(m_newFolderLabel, newRow);
    form->addRow(QString(), m_newFolderMessage);
    form->addRow(m_pollLabel, m_pollSeconds);
    form->addRow(QString(), m_meterSyncHint);

    connect(m_addFolder, &QPushButton::clicked, this, [this] { addWatchFolder(m_newFolder->text()); });
    connect(m_newFolder, &QLineEdit::returnPressed, this, [this] { addWatchFolder(m_newFolder->text()); });
    connect(m_newFolder, &QLineEdit::textChanged, this, [this] {
        if (!m_newFolderMessage->isHidden() && watchFolderProblem(m_newFolder->text()).isEmpty())
            m_newFolderMessage->setMessage({});
        updateWatchButtons();
    });
    connect(m_browseFolder, &QPushButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Choose a Drop Folder"), m_newFolder->text());
        if (!dir.isEmpty())
            addWatchFolder(dir);
    });
    connect(m_removeFolder, &QPushButton::clicked, this, &SettingsDialog::removeSelectedWatchFolder);
    connect(m_watchList, &QListWidget::currentRowChanged, this, &SettingsDialog::updateWatchButtons);
}

void SettingsDialog::updateWatchButtons()
{
    m_removeFolder->setEnabled(m_watchList->currentRow() >= 0);
    m_addFolder->setEnabled(!m_newFolder->text().trimmed().isEmpty());
}

QString SettingsDialog::watchFolderProblem(const QString &path)
{
    const QString trimmed = path.trimmed();
    if (trimmed.isEmpty())
        return tr("Enter the folder a head-end system puts meter-data files in.");
    const QFileInfo info(trimmed);
    if (!info.exists())
        return tr("The folder %1 does not exist. Create it first, or choose another.").arg(QDir::toNativeSeparators(trimmed));
    if (!info.isDir())
        return tr("%1 is a file, not a folder.").arg(QDir::toNativeSeparators(trimmed));
    if (!info.isWritable()) {
        return tr("UtilityDesk cannot write to %1; it must move imported files into processed/ there. Choose a "
                  "folder you may write to.").arg(QDir::toNativeSeparators(trimmed));
    }
    return {};
}

QStringList SettingsDialog::watchFolders() const
{
    QStringList dirs;
    for (int row = 0; row < m_watchList->count(); ++row)
        dirs << QDir::fromNativeSeparators(m_watchList->item(row)->text());
    return dirs;
}

bool SettingsDialog::addWatchFolder(const QString &path)
{
    QString problem = watchFolderProblem(path);
    const QString clean = QDir::cleanPath(QFileInfo(path.trimmed()).absoluteFilePath());
    if (problem.isEmpty() && watchFolders().contains(clean))
        problem = tr("%1 is already in the list.").arg(QDir::toNativeSeparators(clean));
    m_newFolderMessage->setMessage(problem);
    if (!problem.isEmpty()) {
        m_newFolder->setText(path);
        m_newFolder->setFocus(Qt::OtherFocusReason);
        return false;
    }
    m_watchList->addItem(QDir::toNativeSeparators(clean));
    m_watchList->setCurrentRow(m_watchList->count() - 1);
    m_watchListMessage->setMessage({});
    m_newFolder->clear();
    updateWatchButtons();
    return true;
}

void SettingsDialog::removeSelectedWatchFolder()
{
    const int row = m_watchList->currentRow();
    if (row < 0)
        return;
    delete m_watchList->takeItem(row);
    m_watchListMessage->setMessage({});
    updateWatchButtons();
}

QString SettingsDialog::testResult() const
{
    return m_testResult->text();
}

void SettingsDialog::testConnection()
{
    if (m_testing)
        return;
    const QString problem = DatabaseUrlValidator::problem(databaseUrl());
    m_urlMessage->setMessage(problem);
    if (!problem.isEmpty()) {
        m_url->setFocus(Qt::OtherFocusReason);
        return;
    }
    m_testing = true;
    m_test->setEnabled(false);
    m_testBusy->show();
    m_testResult->setText(tr("Connecting…"));
    struct Outcome {
        bool ok = false;
        QString text;
    };
    auto *watcher = new QFutureWatcher<Outcome>(this);
    connect(watcher, &QFutureWatcher<Outcome>::finished, this, [this, watcher] {
        const Outcome outcome = watcher->result();
        watcher->deleteLater();
        m_testing = false;
        m_test->setEnabled(!m_url->isReadOnly());
        m_testBusy->hide();
        m_testResult->setText(outcome.text);
    });
    const QString url = databaseUrl();
    watcher->setFuture(QtConcurrent::run([url]() -> Outcome {
        try {
            return {true, probe(url)};
        } catch (const Core::Error &e) {
            return {false, e.message()};
        }
    }));
}

bool SettingsDialog::save()
{
    const QString problem = DatabaseUrlValidator::problem(databaseUrl());
    m_urlMessage->setMessage(problem);
    if (!problem.isEmpty()) {
        m_url->setFocus(Qt::OtherFocusReason);
        return false;
    }
    // A folder added here that has gone since: say which, before saving anything. A folder
    // that was already configured (a share not mounted just now, say) is named but does not
    // stop the user saving the rest: the worker reports it until it is back or removed.
    QString staleProblem;
    for (int row = 0; row < m_watchList->count(); ++row) {
        const QString dir = QDir::fromNativeSeparators(m_watchList->item(row)->text());
        const QString folderProblem = watchFolderProblem(dir);
        if (folderProblem.isEmpty())
            continue;
        if (m_savedWatchDirs.contains(dir)) {
            if (staleProblem.isEmpty())
                staleProblem = folderProblem;
            continue;
        }
        m_watchListMessage->setMessage(folderProblem);
        m_watchList->setCurrentRow(row);
        m_watchList->setFocus(Qt::OtherFocusReason);
        return false;
    }
    m_watchListMessage->setMessage(staleProblem);
    Core::Settings settings;
    settings.setMeterSyncWatchDirs(watchFolders());
    m_savedWatchDirs = watchFolders();
    settings.setMeterSyncPollSeconds(m_pollSeconds->value());
    const QString language = m_language->currentData().toString();
    if (language != settings.language() || language != m_languages.language()) {
        settings.setLanguage(language);
        m_languages.apply(language);
    }
    // Stored only when changed: saving the language must not make a --database choice permanent.
    const bool changed = !m_url->isReadOnly() && databaseUrl() != m_currentUrl;
    if (changed || (m_mode == Mode::StartUp && !m_url->isReadOnly()))
        settings.setDatabaseUrl(databaseUrl());
    m_restartNeeded = m_mode == Mode::Running && changed;
    if (m_restartNeeded) {
        m_messages->showMessage(Ui::MessageBar::Type::Information,
                                tr("Saved. UtilityDesk uses the new database after it restarts."),
                                tr("&Restart now"), [this] { emit restartRequested(); });
        m_cancel->setText(tr("&Close"));
    }
    return true;
}

bool SettingsDialog::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_url && event->type() == QEvent::FocusOut && !m_url->isReadOnly())
        m_urlMessage->setMessage(DatabaseUrlValidator::problem(databaseUrl()));
    // A half-typed folder is explained when the user leaves it (an empty field is no problem).
    if (watched == m_newFolder && event->type() == QEvent::FocusOut && !m_newFolder->text().trimmed().isEmpty())
        m_newFolderMessage->setMessage(watchFolderProblem(m_newFolder->text()));
    return QDialog::eventFilter(watched, event);
}

void SettingsDialog::changeEvent(QEvent *event)
{
    QDialog::changeEvent(event);
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
}

void SettingsDialog::retranslateUi()
{
    setWindowTitle(m_mode == Mode::StartUp ? tr("Choose the Database") : tr("Settings"));
    m_databaseGroup->setTitle(tr("Database"));
    m_urlLabel->setText(tr("&Database URL:"));
    m_urlHint->setText(tr("A file on this computer, as in sqlite:///home/me/utilitydesk.db, or a server, "
                          "as in postgresql://user@host:5432/utilitydesk?sslmode=require."));
    m_test->setText(tr("&Test connection"));
    m_readOnlyNote->setText(tr("Only an administrator or a supervisor may change the database."));
    m_languageGroup->setTitle(tr("Language"));
    m_languageLabel->setText(tr("&Language:"));
    m_language->setItemText(0, LanguageManager::choices().constFirst().displayName);
    m_meterSyncGroup->setTitle(tr("Meter sync"));
    m_watchLabel->setText(tr("Drop &folders:"));
    m_watchList->setAccessibleName(tr("Drop folders"));
    m_removeFolder->setText(tr("&Remove"));
    m_newFolderLabel->setText(tr("&New folder:"));
    m_newFolder->setPlaceholderText(tr("A folder a head-end system writes meter-data files into"));
    m_browseFolder->setText(tr("&Browse…"));
    m_addFolder->setText(tr("&Add"));
    m_pollLabel->setText(tr("Scan e&very:"));
    m_pollSeconds->setSuffix(tr(" seconds"));
    m_meterSyncHint->setText(tr("While someone who may import meter data is signed in, files arriving in these "
                                "folders are imported and moved to processed/ (or quarantine/ with the reason). "
                                "Changes apply at the next sign-in."));
    m_save->setText(m_mode == Mode::StartUp ? tr("&Save and connect") : tr("&Save"));
    m_cancel->setText(m_restartNeeded ? tr("&Close") : tr("Cancel"));
}

} // namespace Ud::App
