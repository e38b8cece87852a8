#pragma once

#include "readingstore.h"

#include <accounts/meter.h>

#include <QString>

namespace Ud::Core {
struct Context;
class UserContext;
}

namespace Ud::Metering {

/// Manual edits of interval values (the E of VEE): the new value is validated like an imported
/// one, stored with quality Edited, the rule "manual" and the value it replaced, and audited
/// with the value before and after and the reason, all in one transaction. Needs
/// ImportMeterData.
class ReadingEditor
{
public:
    struct Edit {
        QString meter;            ///< serial or id
        Accounts::ChannelKind kind = Accounts::ChannelKind::Import;
        qint64 startUtc = 0;      ///< start of the interval
        qint64 value = 0;         ///< base unit
        QString reason;           ///< required: why the value is changed
    };

    explicit ReadingEditor(Core::Context &context);

    /// Returns the stored reading. Throws Error(BadInput) naming the problem (no reason, off the
    /// interval grid, in the future, negative where it cannot be), Error(NotFound) for an
    /// unknown meter or channel.
    ReadingStore::Reading edit(const Core::UserContext &user, const Edit &edit);

private:
    Core::Context &m_context;
};

} // namespace Ud::Metering
