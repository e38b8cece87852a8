#pragma once

#include <QDate>
#include <QObject>
#include <QString>

class QDateEdit;

namespace Ud::Ui {

/// The locale's short date format with a four-digit year (a birth year in two digits is
/// ambiguous) and the month as a number, so that a date can be typed digit by digit.
QString typableDateFormat();

/// Lets the agent type a date into a date edit whose minimum date stands for "no date" (shown
/// as its special value text, such as "Not given"): the first digit typed over that text starts
/// a date at `typingStart` with the first section selected, so the digits fill the sections in
/// turn. Without it QDateEdit appends the digits to the special text and no date can be typed.
class OptionalDateTyping : public QObject
{
    Q_OBJECT
public:
    /// Installs the behaviour on `edit` (owned by it).
    static void install(QDateEdit *edit, const QDate &typingStart = QDate(2000, 1, 1));

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    OptionalDateTyping(QDateEdit *edit, const QDate &typingStart);

    QDateEdit *m_edit;
    QDate m_typingStart;
};

} // namespace Ud::Ui
