#pragma once

#include "metersyncpagecontext.h"

#include <QSortFilterProxyModel>
#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QStackedWidget;

namespace Ud::Ui {
class TableView;
}

namespace Ud::Metering {

class EmptyState;
class MeterHealthModel;

/// Sorts the health table on raw values and keeps the rows that match the serial filter and,
/// with "late only", the late ones.
class MeterHealthFilter : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit MeterHealthFilter(QObject *parent = nullptr);
    void setLateOnly(bool lateOnly);
    bool lateOnly() const { return m_lateOnly; }
    void setSerialFilter(const QString &text);
    QString serialFilter() const { return m_serial; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    bool m_lateOnly = false;
    QString m_serial;
};

/// "Meter health" of the Meter Sync page: every meter channel with its first and last reading,
/// readings, gaps, estimated share and whether it is late (in words), sortable, late ones first,
/// with a serial filter and "Late only".
class MeterHealthView : public QWidget
{
    Q_OBJECT
public:
    MeterHealthView(MeterSyncPageContext &context, QWidget *parent = nullptr);

    /// Loads the health rows off the UI thread.
    void reload();
    bool isLoading() const { return m_loading; }

    MeterHealthModel *model() const { return m_model; }
    MeterHealthFilter *filter() const { return m_filter; }
    Ui::TableView *table() const { return m_table; }
    QCheckBox *lateOnlyBox() const { return m_lateOnly; }
    EmptyState *emptyState() const { return m_empty; }
    QString countText() const;

signals:
    void loaded(int lateCount);
    void failed(const QString &message);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();
    void updateState();

    MeterSyncPageContext &m_context;
    MeterHealthModel *m_model;
    MeterHealthFilter *m_filter;
    QLabel *m_searchLabel;
    QLineEdit *m_search;
    QCheckBox *m_lateOnly;
    QLabel *m_count;
    QStackedWidget *m_stack;
    Ui::TableView *m_table;
    EmptyState *m_empty;
    bool m_loading = false;
    bool m_loaded = false;
    bool m_sized = false;
    QString m_error;
};

} // namespace Ud::Metering
