#pragma once

#include <QString>
#include <QWidget>

#include <functional>

class QLabel;
class QPushButton;

namespace Ud::Ui {

/// A content widget that loads in the background, with what to show instead of it meanwhile:
/// "Loading…", which empty it is ("No contacts yet") with the next step, or why it could not
/// load with Try again. Only the state's own widget takes space, so a section of the customer
/// page is a line tall while it loads and as tall as its content once there.
class LoadState : public QWidget
{
    Q_OBJECT
public:
    enum class State { Loading, Empty, Error, Content };

    /// Takes ownership of `content`; starts in Loading.
    explicit LoadState(QWidget *content, QWidget *parent = nullptr);

    /// Empty `text`: "Loading…".
    void showLoading(const QString &text = {});
    /// Without `actionText` no button is shown.
    void showEmpty(const QString &text, const QString &actionText = {}, std::function<void()> action = {});
    /// "Could not load: <error>" with a Try again button running `retry`.
    void showError(const QString &error, std::function<void()> retry);
    void showContent();

    State state() const { return m_state; }
    /// The sentence shown instead of the content (empty in Content).
    QString text() const;
    QWidget *content() const { return m_content; }
    QPushButton *actionButton() const { return m_action; }

signals:
    void stateChanged(Ud::Ui::LoadState::State state);

protected:
    void changeEvent(QEvent *event) override;

private:
    void setState(State state, const QString &text);
    void retranslateUi();

    State m_state = State::Loading;
    QString m_error;
    bool m_defaultLoadingText = true;
    QWidget *m_content;
    QWidget *m_message;
    QLabel *m_icon;
    QLabel *m_text;
    QPushButton *m_action;
    std::function<void()> m_callback;
};

} // namespace Ud::Ui
