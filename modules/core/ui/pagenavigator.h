#pragma once

#include <QString>

#include <functional>

class QWidget;

namespace Ud::Ui {

/// Lets one page bring up another without knowing the main window (the saved segments list
/// opens a segment in the segment builder): the session owns it, hands it to the UI modules
/// that need it, and the main window becomes its handler once it exists.
class PageNavigator
{
public:
    using Handler = std::function<QWidget *(const QString &pageId)>;

    void setHandler(Handler handler) { m_handler = std::move(handler); }

    /// Shows the page (creating it on the first visit) and returns its widget; nullptr when
    /// there is no window yet, no such page, or the user may not see it.
    QWidget *show(const QString &pageId) const { return m_handler ? m_handler(pageId) : nullptr; }

private:
    Handler m_handler;
};

} // namespace Ud::Ui
