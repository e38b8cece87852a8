#include "contactcodes.h"

#include "searchtext.h"
#include "sqlvalues.h"

#include <core/auditlog.h>
#include <core/database.h>
#include <core/error.h>
#include <core/eventbus.h>
#include <core/ids.h>
#include <core/module.h>
#include <core/transaction.h>
#include <core/usercontext.h>

#include <QCoreApplication>
#include <QJsonObject>

namespace Ud::Accounts {

using Core::Error;
using Core::Permission;
using Core::Transaction;

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Ud::Accounts::ContactCodeService)
};

constexpr int MaxLabelLength = 60;
constexpr int MaxCodeLength = 40;

[[noreturn]] void badInput(const QString &message)
{
    throw Error(Error::Kind::BadInput, message);
}

QJsonObject auditJson(const ContactCode &c)
{
    return {{QStringLiteral("kind"), contactCodeKindKey(c.kind)},
            {QStringLiteral("code"), c.code},
            {QStringLiteral("label"), c.label},
            {QStringLiteral("active"), c.active},
            {QStringLiteral("sort_order"), c.sortOrder}};
}

// "Smart-meter fault!" -> "smart_meter_fault": letters and digits of the folded label, runs of
// anything else as one underscore. Labels without Latin letters or digits give "custom".
QString codeFromLabel(const QString &label)
{
    QString code;
    bool gap = false;
    for (QChar c : SearchText::fold(label)) {
        if ((c >= QLatin1Char('a') && c <= QLatin1Char('z')) || (c >= QLatin1Char('0') && c <= QLatin1Char('9'))) {
            if (gap && !code.isEmpty())
                code.append(QLatin1Char('_'));
            code.append(c);
            gap = false;
        } else {
            gap = true;
        }
    }
    code.truncate(MaxCodeLength);
    while (code.endsWith(QLatin1Char('_')))
        code.chop(1);
    return code.isEmpty() ? QStringLiteral("custom") : code;
}
} // namespace

QString contactCodeKindKey(ContactCodeKind kind)
{
    return kind == ContactCodeKind::WrapUp ? QStringLiteral("wrap_up") : QStringLiteral("reason");
}

std::optional<ContactCodeKind> contactCodeKindFromKey(const QString &key)
{
    if (key == QLatin1String("reason"))
        return ContactCodeKind::Reason;
    if (key == QLatin1String("wrap_up"))
        return ContactCodeKind::WrapUp;
    return std::nullopt;
}

QString contactCodeKindName(ContactCodeKind kind)
{
    return kind == ContactCodeKind::WrapUp ? Tr::tr("Wrap-up code") : Tr::tr("Reason");
}

QStringList shippedContactCodes(ContactCodeKind kind)
{
    if (kind == ContactCodeKind::WrapUp)
        return {QStringLiteral("resolved"), QStringLiteral("follow_up"), QStringLiteral("escalated"),
                QStringLiteral("callback_booked"), QStringLiteral("no_action")};
    return {QStringLiteral("bill"),    QStringLiteral("payment"), QStringLiteral("usage"),
            QStringLiteral("outage"),  QStringLiteral("move"),    QStringLiteral("program"),
            QStringLiteral("complaint"), QStringLiteral("other")};
}

QString shippedContactCodeName(ContactCodeKind kind, const QString &code)
{
    if (kind == ContactCodeKind::Reason) {
        if (code == QLatin1String("bill")) return Tr::tr("Bill");
        if (code == QLatin1String("payment")) return Tr::tr("Payment");
        if (code == QLatin1String("usage")) return Tr::tr("Usage");
        if (code == QLatin1String("outage")) return Tr::tr("Outage");
        if (code == QLatin1String("move")) return Tr::tr("Moving home");
        if (code == QLatin1String("program")) return Tr::tr("Program");
        if (code == QLatin1String("complaint")) return Tr::tr("Complaint");
        if (code == QLatin1String("other")) return Tr::tr("Other");
        return {};
    }
    if (code == QLatin1String("resolved")) return Tr::tr("Resolved");
    if (code == QLatin1String("follow_up")) return Tr::tr("Follow-up needed");
    if (code == QLatin1String("escalated")) return Tr::tr("Escalated");
    if (code == QLatin1String("callback_booked")) return Tr::tr("Callback booked");
    if (code == QLatin1String("no_action")) return Tr::tr("No action needed");
    return {};
}

QString ContactCode::displayName() const
{
    if (!label.isEmpty())
        return label;
    const QString shipped = shippedContactCodeName(kind, code);
    return shipped.isEmpty() ? code : shipped;
}

bool ContactCode::isShipped() const
{
    return shippedContactCodes(kind).contains(code);
}

ContactCodeService::ContactCodeService(Core::Context &context) : m_context(context), m_codes(context.database) {}

QList<ContactCode> ContactCodeService::list(const Core::UserContext &user, ContactCodeKind kind, bool includeInactive)
{
    user.require(Permission::ViewCustomers);
    return Core::readOnly(m_context.database, [&] { return m_codes.list(kind, includeInactive); });
}

ContactCode ContactCodeService::require(const QString &id)
{
    const auto code = SqlValues::isId(id) ? m_codes.get(id) : std::nullopt;
    if (!code)
        throw Error(Error::Kind::NotFound, Tr::tr("The contact code does not exist (any more); it may have been removed."));
    return *code;
}

QString ContactCodeService::checkedLabel(const ContactCode &code, ContactCodeKind kind, const QString &label)
{
    const QString name = label.simplified();
    if (name.isEmpty() && !code.isShipped())
        badInput(Tr::tr("Name is required: enter the name agents will see in the %1 list.")
                     .arg(contactCodeKindName(kind).toLower()));
    if (name.size() > MaxLabelLength)
        badInput(Tr::tr("Name must be at most %1 characters.").arg(MaxLabelLength));
    ContactCode shown = code;
    shown.kind = kind;
    shown.label = name;
    const QString newName = shown.displayName();
    for (const ContactCode &other : m_codes.list(kind, true)) {
        if (other.id != code.id && other.displayName().compare(newName, Qt::CaseInsensitive) == 0)
            badInput(Tr::tr("Name: there is already a code named \"%1\"; choose another name.").arg(other.displayName()));
    }
    return name;
}

void ContactCodeService::announce(ContactCodeKind kind)
{
    m_context.events.publish(QStringLiteral("contact_code.changed"), {{QStringLiteral("kind"), contactCodeKindKey(kind)}});
}

ContactCode ContactCodeService::add(const Core::UserContext &user, ContactCodeKind kind, const QString &label)
{
    user.require(Permission::ChangeSettings);
    Transaction tx(m_context.database);
    ContactCode code;
    code.kind = kind;
    code.label = checkedLabel(code, kind, label);
    const QString base = codeFromLabel(code.label);
    code.code = base;
    for (int n = 2; m_codes.byCode(kind, code.code); ++n)
        code.code = base + QLatin1Char('_') + QString::number(n);
    code.id = Core::newId();
    code.sortOrder = m_codes.nextSortOrder(kind);
    m_codes.insert(code);
    m_context.audit.record(user, QStringLiteral("contact_code.create"), QStringLiteral("contact_code"), code.id, {},
                           auditJson(code));
    tx.commit();
    announce(kind);
    return code;
}

ContactCode ContactCodeService::rename(const Core::UserContext &user, const QString &id, const QString &label)
{
    user.require(Permission::ChangeSettings);
    Transaction tx(m_context.database);
    const ContactCode before = require(id);
    ContactCode after = before;
    after.label = checkedLabel(before, before.kind, label);
    if (after == before)
        return before;
    m_codes.update(after);
    m_context.audit.record(user, QStringLiteral("contact_code.rename"), QStringLiteral("contact_code"), id,
                           {{QStringLiteral("label"), before.label}}, {{QStringLiteral("label"), after.label}});
    tx.commit();
    announce(after.kind);
    return after;
}

ContactCode ContactCodeService::setActive(const Core::UserContext &user, const QString &id, bool active)
{
    user.require(Permission::ChangeSettings);
    Transaction tx(m_context.database);
    ContactCode code = require(id);
    if (code.active == active)
        return code;
    code.active = active;
    m_codes.update(code);
    m_context.audit.record(user, active ? QStringLiteral("contact_code.activate") : QStringLiteral("contact_code.deactivate"),
                           QStringLiteral("contact_code"), id, {{QStringLiteral("active"), !active}},
                           {{QStringLiteral("active"), active}});
    tx.commit();
    announce(code.kind);
    return code;
}

ContactCode ContactCodeService::move(const Core::UserContext &user, const QString &id, Direction direction)
{
    user.require(Permission::ChangeSettings);
    Transaction tx(m_context.database);
    ContactCode code = require(id);
    const QList<ContactCode> all = m_codes.list(code.kind, true);
    qsizetype index = -1;
    for (qsizetype i = 0; i < all.size(); ++i) {
        if (all.at(i).id == id)
            index = i;
    }
    const qsizetype neighbourIndex = direction == Direction::Up ? index - 1 : index + 1;
    if (index < 0 || neighbourIndex < 0 || neighbourIndex >= all.size())
        return code;
    ContactCode neighbour = all.at(neighbourIndex);
    const int before = code.sortOrder;
    // Equal orders (never written by this service) would make a swap a no-op: space them.
    code.sortOrder = neighbour.sortOrder;
    neighbour.sortOrder = before;
    if (code.sortOrder == neighbour.sortOrder)
        code.sortOrder += direction == Direction::Up ? -1 : 1;
    m_codes.update(code);
    m_codes.update(neighbour);
    m_context.audit.record(user, QStringLiteral("contact_code.move"), QStringLiteral("contact_code"), id,
                           {{QStringLiteral("sort_order"), before}},
                           {{QStringLiteral("sort_order"), code.sortOrder},
                            {QStringLiteral("swapped_with"), neighbour.code}});
    tx.commit();
    announce(code.kind);
    return code;
}

void ContactCodeService::remove(const Core::UserContext &user, const QString &id)
{
    user.require(Permission::ChangeSettings);
    Transaction tx(m_context.database);
    const ContactCode code = require(id);
    if (code.isShipped())
        throw Error(Error::Kind::Conflict, Tr::tr("\"%1\" comes with UtilityDesk and cannot be removed: deactivate it "
                                                  "instead.").arg(code.displayName()));
    if (m_codes.isUsed(code.kind, code.code))
        throw Error(Error::Kind::Conflict, Tr::tr("\"%1\" is used by logged contacts and cannot be removed: deactivate "
                                                  "it instead.").arg(code.displayName()));
    m_codes.remove(id);
    m_context.audit.record(user, QStringLiteral("contact_code.delete"), QStringLiteral("contact_code"), id,
                           auditJson(code), {});
    tx.commit();
    announce(code.kind);
}

} // namespace Ud::Accounts
