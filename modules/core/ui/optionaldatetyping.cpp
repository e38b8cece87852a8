#include "optionaldatetyping.h"

#include <QDateEdit>
#include <QKeyEvent>
#include <QLocale>
#include <QRegularExpression>

namespace Ud::Ui {

QString typableDateFormat()
{
    QString format = QLocale().dateFormat(QLocale::ShortFormat);
    format.replace(QRegularExpression(QStringLiteral("M{3,4}")), QStringLiteral("MM"));
    if (!format.contains(QLatin1String("yyyy")))
        format.replace(QLatin1String("yy"), QLatin1String("yyyy"));
    return format;
}

OptionalDateTyping::OptionalDateTyping(QDateEdit *edit, const QDate &typingStart)
    : QObject(edit), m_edit(edit), m_typingStart(typingStart)
{
}

void OptionalDateTyping::install(QDateEdit *edit, const QDate &typingStart)
{
    edit->installEventFilter(new OptionalDateTyping(edit, typingStart));
}

bool OptionalDateTyping::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_edit && event->type() == QEvent::KeyPress && !m_edit->isReadOnly()
        && m_edit->date() == m_edit->minimumDate() && !m_edit->specialValueText().isEmpty()) {
        const QString text = static_cast<QKeyEvent *>(event)->text();
        if (!text.isEmpty() && text.at(0).isDigit()) {
            m_edit->setDate(qBound(m_edit->minimumDate(), m_typingStart, m_edit->maximumDate()));
            m_edit->setCurrentSectionIndex(0);
            m_edit->setSelectedSection(m_edit->sectionAt(0));
        }
    }
    return QObject::eventFilter(watched, event);
}

} // namespace Ud::Ui
