#pragma once

#include <QDateTime>
#include <QString>
#include <QStringList>
#include <QWidget>

namespace Ud::Ui {

/// One open customer record as the sections and actions modules contribute see it: the tab of
/// the customer workspace that shows the customer's header, sections and sub-pages. The
/// accounts module implements it; other modules only talk to this interface, so the customer
/// page never needs to know who contributed what.
///
/// The view also holds the state of the contact in progress with this customer (the call):
/// when it started and whether the caller's identity was verified in it. The contact ends
/// when it is logged (wrap-up) or the tab is closed.
class CustomerView : public QWidget
{
    Q_OBJECT
public:
    using QWidget::QWidget;

    virtual QString customerId() const = 0;
    /// The customer's name as the header shows it.
    virtual QString customerName() const = 0;

    /// When this contact started (the tab was opened or the last contact was logged), UTC.
    virtual QDateTime contactStartedAt() const = 0;
    /// Whether the caller's identity was verified in this contact.
    virtual bool identityVerified() const = 0;
    /// What verified it, in words for the contact log ("date of birth, security answer"), or
    /// empty while unverified.
    virtual QString identityVerification() const = 0;
    /// Marks the identity verified (non-empty `how`) or not (empty) for this contact.
    virtual void setIdentityVerification(const QString &how) = 0;
    /// Starts a new contact: clears the verification and restarts the clock (after wrap-up).
    virtual void startNewContact() = 0;

    /// Shows `page` as a sub-tab of this customer (related records, an edit form), taking
    /// ownership; a sub-page already open with the same `id` is brought forward instead and
    /// `page` deleted. Returns the sub-page shown.
    virtual QWidget *openSubPage(const QString &id, const QString &title, QWidget *page) = 0;
    /// Closes the sub-page with this id, if open.
    virtual void closeSubPage(const QString &id) = 0;
    /// Shows `panel` beside the record (the wrap-up, a call script) so the record stays
    /// readable while the agent works in it; same ownership and id rules as openSubPage.
    virtual QWidget *openSidePanel(const QString &id, const QString &title, QWidget *panel) = 0;
    virtual void closeSidePanel(const QString &id) = 0;

    /// Records what the agent did in this contact ("Email changed", "Moved to 5 High St") so
    /// the wrap-up can pre-fill its summary. Cleared by startNewContact().
    virtual void noteActivity(const QString &text) = 0;
    virtual QStringList activities() const = 0;
    /// Shows a message in the bar at the top of the customer page (never a pop-up).
    virtual void showMessage(const QString &text, bool error = false) = 0;
    /// Reloads the header and every section (after a change).
    virtual void refresh() = 0;

signals:
    /// The verification state of the contact changed (verified, or a new contact began).
    void identityChanged();
    /// The customer's data changed and was reloaded.
    void refreshed();
};

} // namespace Ud::Ui
