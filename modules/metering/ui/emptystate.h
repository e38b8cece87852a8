#pragma once

#include <QWidget>

#include <functional>

class QLabel;
class QPushButton;

namespace Ud::Metering {

/// What a view shows instead of an empty table: which empty it is (nothing yet, nothing
/// matches, could not load) in a sentence, and a button for the next step.
class EmptyState : public QWidget
{
    Q_OBJECT
public:
    explicit EmptyState(QWidget *parent = nullptr);

    /// Without `actionText` no button is shown.
    void setMessage(const QString &text, const QString &actionText = {}, std::function<void()> action = {});
    QString text() const;
    QPushButton *actionButton() const { return m_action; }

private:
    QLabel *m_text;
    QPushButton *m_action;
    std::function<void()> m_callback;
};

} // namespace Ud::Metering
