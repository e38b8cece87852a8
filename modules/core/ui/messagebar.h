#pragma once

#include <QFrame>
#include <QString>

#include <functional>

class QLabel;
class QPushButton;
class QToolButton;

namespace Ud::Ui {

/// An inline, dismissible message shown at the top of a form or page instead of a pop-up:
/// the outcome of an action ("anna is disabled" with Undo), a failed save, a sign-in error.
/// Its tint comes from the style's own information/warning/critical icon blended into the
/// palette's base colour, so it follows light and dark themes without a hard-coded colour,
/// and the icon and text (never the colour alone) carry the meaning.
class MessageBar : public QFrame
{
    Q_OBJECT
public:
    enum class Type { Information, Warning, Error };

    explicit MessageBar(QWidget *parent = nullptr);

    /// Replaces any message shown. With `actionText`, a button runs `action` and closes the bar.
    void showMessage(Type type, const QString &text, const QString &actionText = {},
                     std::function<void()> action = {});
    void showInformation(const QString &text) { showMessage(Type::Information, text); }
    void showError(const QString &text) { showMessage(Type::Error, text); }
    /// Hides the bar and forgets its action.
    void dismiss();

    Type type() const { return m_type; }
    QString text() const;
    /// The action button (hidden when the message has no action); for keyboard users and tests.
    QPushButton *actionButton() const { return m_action; }

signals:
    void dismissed();

protected:
    void changeEvent(QEvent *event) override;

private:
    void applyStyle();
    void retranslateUi();

    Type m_type = Type::Information;
    QLabel *m_icon;
    QLabel *m_text;
    QPushButton *m_action;
    QToolButton *m_close;
    std::function<void()> m_callback;
};

/// The inline message under one form field ("Enter at least 10 characters."): shown after the
/// user leaves the field or presses the form's primary button, hidden when the field is fine.
/// It also becomes the field's accessible description so screen readers announce it.
class FieldMessage : public QWidget
{
    Q_OBJECT
public:
    FieldMessage(QWidget *field, QWidget *parent = nullptr);

    /// Empty hides the message.
    void setMessage(const QString &message);
    QString message() const;

protected:
    void changeEvent(QEvent *event) override;

private:
    void growDialog();

    QWidget *m_field;
    QLabel *m_icon;
    QLabel *m_text;
};

} // namespace Ud::Ui
