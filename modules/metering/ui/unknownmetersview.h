#pragma once

#include "metersyncpagecontext.h"

#include <QWidget>

class QCompleter;
class QSortFilterProxyModel;
class QLabel;
class QLineEdit;
class QPushButton;
class QStackedWidget;
class QStringListModel;

namespace Ud::Ui {
class FieldMessage;
class TableView;
} // namespace Ud::Ui

namespace Ud::Metering {

class EmptyState;
class UnknownMetersModel;

/// "Unknown meters" of the Meter Sync page: readings whose meter the database did not know,
/// per meter name and channel. Select an entry, pick the meter it is (a completer over every
/// serial) and Assign (or Enter on the row): the readings move into the store off the UI
/// thread and the entry disappears; later files naming it go to that meter directly.
class UnknownMetersView : public QWidget
{
    Q_OBJECT
public:
    UnknownMetersView(MeterSyncPageContext &context, QWidget *parent = nullptr);

    /// Loads the queue and the meter serials off the UI thread.
    void reload();
    bool isLoading() const { return m_loading; }
    bool isAssigning() const { return m_assigning; }
    /// Assigns the selected entry to the meter typed; false (with the reason beside the field)
    /// if nothing is selected, no meter is given or it is not one the database knows.
    bool assignSelected();

    UnknownMetersModel *model() const { return m_model; }
    Ui::TableView *table() const { return m_table; }
    QLineEdit *meterField() const { return m_meter; }
    QPushButton *assignButton() const { return m_assign; }
    EmptyState *emptyState() const { return m_empty; }
    QCompleter *completer() const { return m_completer; }
    QString meterMessage() const;

signals:
    /// The queue was loaded; `count` entries wait.
    void loaded(int count);
    /// Readings moved into the store (the page refreshes health and runs).
    void assigned(const QString &key, const QString &serial, qint64 readings);
    void failed(const QString &message);
    void importRequested();

protected:
    void changeEvent(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void retranslateUi();
    void updateState();
    QString meterProblem() const;

    MeterSyncPageContext &m_context;
    UnknownMetersModel *m_model;
    QSortFilterProxyModel *m_sorted;
    QStringListModel *m_serials;
    QCompleter *m_completer;
    QStackedWidget *m_stack;
    QWidget *m_content;
    QLabel *m_intro;
    Ui::TableView *m_table;
    QLabel *m_meterLabel;
    QLineEdit *m_meter;
    Ui::FieldMessage *m_meterMessage;
    QPushButton *m_assign;
    EmptyState *m_empty;
    bool m_loading = false;
    bool m_assigning = false;
    bool m_loaded = false;
    QString m_error;
};

} // namespace Ud::Metering
