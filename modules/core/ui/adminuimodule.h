#pragma once

#include "uimodule.h"

#include <core/module.h>

#include <QCoreApplication>

namespace Ud::Ui {

class JobTracker;

/// Core's own pages, for administrators and supervisors: Users (ManageUsers) and the audit
/// log (ViewAuditLog). They need only core services, so they live beside the registry rather
/// than in a feature module.
class AdminUiModule : public UiModule
{
    Q_DECLARE_TR_FUNCTIONS(Ud::Ui::AdminUiModule)
public:
    static constexpr const char *UsersPageId = "users";
    static constexpr const char *AuditPageId = "audit";

    AdminUiModule(Core::Context &context, JobTracker &jobs);

    QString name() const override { return QStringLiteral("admin"); }
    void initialize(PageRegistry &pages, const Core::UserContext &user) override;

private:
    Core::Context &m_context;
    JobTracker &m_jobs;
};

} // namespace Ud::Ui
