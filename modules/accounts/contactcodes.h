#pragma once

#include "contactcoderepository.h"

#include <QList>
#include <QString>

#include <optional>

namespace Ud::Core {
struct Context;
class UserContext;
}

namespace Ud::Accounts {

enum class ContactCodeKind { Reason, WrapUp };
QString contactCodeKindKey(ContactCodeKind kind);                  ///< "reason", "wrap_up"
std::optional<ContactCodeKind> contactCodeKindFromKey(const QString &key);
QString contactCodeKindName(ContactCodeKind kind);                 ///< translated: "Reason", "Wrap-up code"

/// The codes UtilityDesk ships with, in their shipped order (bill, payment, ... / resolved, ...).
QStringList shippedContactCodes(ContactCodeKind kind);
/// The translated name of a shipped code ("Moving home" for "move"), empty for any other key.
QString shippedContactCodeName(ContactCodeKind kind, const QString &code);

/// One entry of a configurable list of contact codes: why the customer got in touch (reason)
/// or how the contact ended (wrap-up). `code` is the stable key contacts store; `label` is the
/// name an administrator gave it, empty for a shipped code that keeps its translated name.
struct ContactCode {
    QString id;
    ContactCodeKind kind = ContactCodeKind::Reason;
    QString code;
    QString label;
    bool active = true;
    int sortOrder = 0;

    /// The label, else the translated shipped name, else the key.
    QString displayName() const;
    bool isShipped() const;

    friend bool operator==(const ContactCode &, const ContactCode &) = default;
};

/// The lists of reason and wrap-up codes agents choose from when they log a contact.
/// Reading needs ViewCustomers; every change needs ChangeSettings, runs in one transaction with
/// its audit entry ("contact_code.create", ".rename", ".activate", ".deactivate", ".move",
/// ".delete") and, once committed, is announced as "contact_code.changed" {"kind": ...}.
/// Codes are deactivated rather than deleted, so contacts logged with them stay valid; only a
/// code added by mistake and never used can be removed (the Undo of add).
class ContactCodeService
{
public:
    enum class Direction { Up, Down };

    explicit ContactCodeService(Core::Context &context);

    /// In list order; inactive codes only with `includeInactive`.
    QList<ContactCode> list(const Core::UserContext &user, ContactCodeKind kind, bool includeInactive = false);
    /// Adds an active code at the end of the list. The key is derived from the label
    /// ("Smart meter fault" -> "smart_meter_fault", numbered if taken). The label is required,
    /// at most 60 characters, and no other code of the kind may be shown with the same name.
    ContactCode add(const Core::UserContext &user, ContactCodeKind kind, const QString &label);
    /// A new label; empty gives a shipped code back its translated name (other codes need one).
    ContactCode rename(const Core::UserContext &user, const QString &id, const QString &label);
    ContactCode setActive(const Core::UserContext &user, const QString &id, bool active);
    /// Swaps the code with its neighbour in the list (inactive codes included); at either end
    /// of the list nothing changes. Returns the code as stored.
    ContactCode move(const Core::UserContext &user, const QString &id, Direction direction);
    /// Removes a code that no contact uses and that UtilityDesk did not ship; Conflict otherwise.
    void remove(const Core::UserContext &user, const QString &id);

private:
    ContactCode require(const QString &id);
    QString checkedLabel(const ContactCode &code, ContactCodeKind kind, const QString &label);
    void announce(ContactCodeKind kind);

    Core::Context &m_context;
    ContactCodeRepository m_codes;
};

} // namespace Ud::Accounts
