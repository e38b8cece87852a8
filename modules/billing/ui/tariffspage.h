#pragma once

#include <billing/tariff.h>
#include <billing/tarifftrial.h>
#include <core/usercontext.h>

#include <QJsonObject>
#include <QWidget>

class QAction;
class QDateEdit;
class QLabel;
class QLineEdit;
class QPushButton;
class QScrollArea;
class QSortFilterProxyModel;
class QStandardItemModel;
class QTableView;
class QTableWidget;

namespace Ud::Core {
class Database;
}
namespace Ud::Ui {
class MessageBar;
}

namespace Ud::Billing {

class TariffForm;
class TariffService;

/// The "Tariffs" page (ManageCatalog): the tariffs of every market on the left; on the right
/// the selected tariff's stored versions and a draft in TariffForm. "New tariff" starts an
/// empty draft, "New version" one copied from the tariff's latest version starting tomorrow;
/// "Open file…" loads a JSON tariff file into the draft and "Save as file…" writes the draft
/// as one (drafts live in the form and in files, never half in the database). "Test" bills
/// the draft against an account's real interval data beside the tariff the account is on;
/// "Publish" (Ctrl+S) stores it through TariffService in one audited transaction. Stored
/// versions are never edited: prices that bills were made with stay as they were.
class TariffsPage : public QWidget
{
    Q_OBJECT
public:
    TariffsPage(TariffService &tariffs, TariffTrialService &trials, Core::Database &db, Core::UserContext user,
                QWidget *parent = nullptr);
    ~TariffsPage() override;

    TariffForm *form() const { return m_form; }
    Ui::MessageBar *messageBar() const { return m_messages; }
    QTableView *tariffList() const { return m_list; }
    QLineEdit *trialAccountEdit() const { return m_trialAccount; }
    QDateEdit *trialFromEdit() const { return m_trialFrom; }
    QDateEdit *trialToEdit() const { return m_trialTo; }
    QTableWidget *trialLines() const { return m_trialLines; }
    QLabel *trialSummary() const { return m_trialSummary; }
    QLabel *storedVersions() const { return m_stored; }
    QPushButton *publishButton() const { return m_publish; }

    void newTariff();
    void newVersion();
    /// Validates the draft and stores it; reports in the message bar.
    void publish();
    /// Bills the draft for the account and period in the trial fields.
    void testCalculate();
    /// Loads a tariff file into the draft (not stored until published).
    bool openFile(const QString &path);
    bool saveFile(const QString &path);

signals:
    /// The list (re)loaded.
    void reloaded();
    /// The selected tariff's stored versions are shown.
    void tariffShown();
    /// A publish or test calculation finished; `ok` false when it failed (the bar says why).
    void published(bool ok);
    void tested(bool ok);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void reload(const QString &selectMarket = {}, const QString &selectCode = {});
    void showSelected();
    void showTariff(const Tariff &tariff);
    /// The draft as a Tariff, or nullopt with the reason in the message bar.
    std::optional<Tariff> validDraft();
    void setDraftActive(bool active, bool identityEditable);
    void suggestTrialPeriod();
    void updateActions();

    TariffService &m_tariffs;
    TariffTrialService &m_trials;
    Core::Database &m_db;
    Core::UserContext m_user;
    std::optional<Tariff> m_selected;
    bool m_draftActive = false;
    bool m_busy = false;

    Ui::MessageBar *m_messages = nullptr;
    QLineEdit *m_filter = nullptr;
    QStandardItemModel *m_model = nullptr;
    QSortFilterProxyModel *m_proxy = nullptr;
    QTableView *m_list = nullptr;
    QPushButton *m_new = nullptr;
    QPushButton *m_newVersion = nullptr;
    QPushButton *m_open = nullptr;
    QPushButton *m_save = nullptr;
    QScrollArea *m_scroll = nullptr;
    QLabel *m_storedTitle = nullptr;
    QLabel *m_stored = nullptr;
    QLabel *m_draftTitle = nullptr;
    TariffForm *m_form = nullptr;
    QLabel *m_trialTitle = nullptr;
    QLabel *m_trialAccountLabel = nullptr;
    QLineEdit *m_trialAccount = nullptr;
    QLabel *m_trialPeriodLabel = nullptr;
    QDateEdit *m_trialFrom = nullptr;
    QDateEdit *m_trialTo = nullptr;
    QPushButton *m_test = nullptr;
    QTableWidget *m_trialLines = nullptr;
    QLabel *m_trialSummary = nullptr;
    QPushButton *m_publish = nullptr;
    QAction *m_undo = nullptr;
    QAction *m_redo = nullptr;
    QAction *m_publishAction = nullptr;
};

} // namespace Ud::Billing
