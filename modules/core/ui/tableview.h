#pragma once

#include <QTableView>

namespace Ud::Ui {

/// The table every list in the application uses: whole-row selection, a fixed header,
/// alternating rows, and Ctrl+C copying the selected rows as tab-separated text (with the
/// header line) so they paste straight into a spreadsheet or an e-mail.
class TableView : public QTableView
{
    Q_OBJECT
public:
    explicit TableView(QWidget *parent = nullptr);

    /// The selected rows as tab-separated text, in view order, header first.
    QString selectedRowsAsText() const;
    void copySelectedRows() const;

protected:
    void keyPressEvent(QKeyEvent *event) override;
};

} // namespace Ud::Ui
