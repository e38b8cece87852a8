#pragma once

#include <QDialog>

class QLabel;
class QPushButton;

namespace Ud::App {

/// Shown when the database cannot be opened at start-up (unreachable server, database from a
/// newer version, read-only file, malformed URL): the one-sentence reason and the two ways
/// on, "Change database…" and "Quit". Work must stop here, so it is a dialog.
class StartupErrorDialog : public QDialog
{
    Q_OBJECT
public:
    enum Choice { Quit = QDialog::Rejected, ChangeDatabase = QDialog::Accepted };

    explicit StartupErrorDialog(const QString &message, QWidget *parent = nullptr);

    QString message() const;

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();

    QLabel *m_message;
    QPushButton *m_change;
    QPushButton *m_quit;
};

} // namespace Ud::App
