#pragma once

#include <core/usercontext.h>

#include <QString>

namespace Ud::Ui {

class PageRegistry;

/// A module's widget side. The composition root constructs it with the module's services,
/// then calls initialize() once the user has signed in, so the pages it registers can carry
/// that user's context into every service call.
class UiModule
{
public:
    virtual ~UiModule() = default;
    virtual QString name() const = 0;
    virtual void initialize(PageRegistry &pages, const Core::UserContext &user) = 0;
};

} // namespace Ud::Ui
