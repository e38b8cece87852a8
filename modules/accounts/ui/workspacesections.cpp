#include "workspacesections.h"

#include "tablesection.h"

#include <accounts/accountservice.h>
#include <accounts/accountsmodule.h>
#include <accounts/applianceservice.h>
#include <accounts/interactionservice.h>
#include <core/module.h>
#include <core/ui/customerview.h>
#include <core/ui/pageregistry.h>
#include <core/usercontext.h>

#include <QCoreApplication>
#include <QDateTime>
#include <QHash>
#include <QLocale>

namespace Ud::Accounts {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Ud::Accounts::WorkspaceSections)
};

QString dateText(const QDate &date)
{
    return date.isValid() ? QLocale().toString(date, QLocale::ShortFormat) : QString();
}

QHash<QString, QString> addresses(AccountsModule &module, const Core::UserContext &user, const QString &customerId)
{
    QHash<QString, QString> byId;
    for (const Premise &p : module.accounts().premisesOfCustomer(user, customerId))
        byId.insert(p.id, p.singleLineAddress());
    return byId;
}

QWidget *accountsSection(AccountsModule &module, const Core::UserContext &user, Ui::CustomerView &view, QWidget *parent)
{
    TableSection::Spec spec;
    spec.headers = [] {
        return QStringList{Tr::tr("Account number"), Tr::tr("Status"), Tr::tr("Payment"), Tr::tr("Market"),
                           Tr::tr("Opened on"), Tr::tr("Supply address")};
    };
    spec.emptyText = [] { return Tr::tr("No accounts yet."); };
    const QString id = view.customerId();
    AccountsModule *m = &module;
    spec.load = [m, user, id] {
        const QHash<QString, QString> address = addresses(*m, user, id);
        SectionRows out;
        for (const Account &a : m->accounts().accountsOfCustomer(user, id)) {
            const QString status = a.closedOn.isValid()
                                       ? Tr::tr("%1 on %2").arg(accountStatusName(a.status), dateText(a.closedOn))
                                       : accountStatusName(a.status);
            out.rows << QStringList{a.accountNumber,
                                    status,
                                    paymentTypeName(a.paymentType),
                                    Tr::tr("%1 (%2)").arg(a.marketCode, a.currency),
                                    dateText(a.openedOn),
                                    address.value(a.premiseId, Tr::tr("None"))};
        }
        return out;
    };
    auto *section = new TableSection(module.context().database, view, std::move(spec), parent);
    section->setObjectName(QStringLiteral("accountsSection"));
    return section;
}

QWidget *appliancesSection(AccountsModule &module, const Core::UserContext &user, Ui::CustomerView &view,
                           QWidget *parent)
{
    TableSection::Spec spec;
    spec.headers = [] {
        return QStringList{Tr::tr("Appliance"), Tr::tr("Capacity"), Tr::tr("Installed on"), Tr::tr("Premise")};
    };
    spec.emptyText = [] { return Tr::tr("No appliances recorded."); };
    spec.rightAligned = {1};
    const QString id = view.customerId();
    AccountsModule *m = &module;
    spec.load = [m, user, id] {
        const QHash<QString, QString> address = addresses(*m, user, id);
        const QLocale locale;
        SectionRows out;
        for (const Appliance &a : m->appliances().ofCustomer(user, id)) {
            out.rows << QStringList{applianceKindName(a.kind),
                                    a.capacityW ? Tr::tr("%1 kW").arg(locale.toString(double(*a.capacityW) / 1000.0, 'f', 1))
                                                : QString(),
                                    dateText(a.installedOn), address.value(a.premiseId)};
        }
        return out;
    };
    auto *section = new TableSection(module.context().database, view, std::move(spec), parent);
    section->setObjectName(QStringLiteral("appliancesSection"));
    return section;
}

QWidget *contactHistorySection(AccountsModule &module, const Core::UserContext &user, Ui::CustomerView &view,
                               QWidget *parent)
{
    TableSection::Spec spec;
    spec.headers = [] {
        return QStringList{Tr::tr("When"),   Tr::tr("Channel"), Tr::tr("Direction"),
                           Tr::tr("Reason"), Tr::tr("Summary"), Tr::tr("Agent")};
    };
    spec.emptyText = [] { return Tr::tr("No contacts yet."); };
    const QString id = view.customerId();
    AccountsModule *m = &module;
    spec.load = [m, user, id] {
        const QLocale locale;
        SectionRows out;
        const QList<Interaction> contacts = m->interactions().ofCustomer(user, id, WorkspaceSections::ContactHistoryLimit);
        for (const Interaction &i : contacts) {
            out.rows << QStringList{locale.toString(QDateTime::fromSecsSinceEpoch(i.at).toLocalTime(), QLocale::ShortFormat),
                                    interactionChannelName(i.channel), interactionDirectionName(i.direction),
                                    i.reason, i.summary, i.agent};
        }
        if (contacts.size() >= WorkspaceSections::ContactHistoryLimit) {
            const qint64 total = m->interactions().countOfCustomer(user, id);
            if (total > contacts.size())
                out.note = Tr::tr("The last %1 of %n contacts", nullptr, int(total)).arg(locale.toString(contacts.size()));
        }
        return out;
    };
    auto *section = new TableSection(module.context().database, view, std::move(spec), parent);
    section->setObjectName(QStringLiteral("contactHistorySection"));
    return section;
}
} // namespace

void registerWorkspaceSections(Ui::PageRegistry &pages, AccountsModule &module, const Core::UserContext &user)
{
    AccountsModule *m = &module;
    Ui::CustomerSection accounts;
    accounts.id = QLatin1String(WorkspaceSections::AccountsId);
    accounts.order = WorkspaceSections::AccountsOrder;
    accounts.title = [] { return Tr::tr("Accounts"); };
    accounts.create = [m, user](Ui::CustomerView &view, QWidget *parent) { return accountsSection(*m, user, view, parent); };
    pages.addCustomerSection(std::move(accounts));

    Ui::CustomerSection appliances;
    appliances.id = QLatin1String(WorkspaceSections::AppliancesId);
    appliances.order = WorkspaceSections::AppliancesOrder;
    appliances.title = [] { return Tr::tr("Appliances"); };
    appliances.create = [m, user](Ui::CustomerView &view, QWidget *parent) {
        return appliancesSection(*m, user, view, parent);
    };
    pages.addCustomerSection(std::move(appliances));

    Ui::CustomerSection history;
    history.id = QLatin1String(WorkspaceSections::ContactHistoryId);
    history.order = WorkspaceSections::ContactHistoryOrder;
    history.title = [] { return Tr::tr("Contact history"); };
    history.create = [m, user](Ui::CustomerView &view, QWidget *parent) {
        return contactHistorySection(*m, user, view, parent);
    };
    pages.addCustomerSection(std::move(history));
}

} // namespace Ud::Accounts
