#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <QWidget>

#include <functional>

class QLabel;
class QStandardItemModel;

namespace Ud::Core {
class Database;
}
namespace Ud::Ui {
class CustomerView;
class LoadState;
class TableView;
}

namespace Ud::Accounts {

/// The rows a TableSection shows, formatted for display (in the background, so formatting a
/// long history never holds up the window).
struct SectionRows {
    QList<QStringList> rows;
    QString note;               ///< under the table, e.g. "The last 20 of 57 contacts"
};

/// A customer-page section that is one read-only table: it loads its rows in the background
/// when created and whenever the customer view is refreshed, shows "Loading…", its empty
/// sentence or the error with Try again meanwhile, and is as tall as its rows so the
/// Overview scrolls as one page. Ctrl+C copies the selected rows.
class TableSection : public QWidget
{
    Q_OBJECT
public:
    struct Spec {
        std::function<QStringList()> headers;       ///< on the UI thread, translated
        std::function<SectionRows()> load;          ///< on a worker thread; throws Core::Error
        std::function<QString()> emptyText;         ///< "No contacts yet"
        QList<int> rightAligned;                    ///< columns holding numbers
    };

    TableSection(Core::Database &db, Ui::CustomerView &view, Spec spec, QWidget *parent = nullptr);

    void reload();
    Ui::LoadState *loadState() const { return m_state; }
    Ui::TableView *table() const { return m_table; }

protected:
    void changeEvent(QEvent *event) override;

private:
    void display(const SectionRows &rows);

    Core::Database &m_db;
    Spec m_spec;
    quint64 m_generation = 0;
    Ui::LoadState *m_state;
    Ui::TableView *m_table;
    QStandardItemModel *m_model;
    QLabel *m_note;
};

} // namespace Ud::Accounts
