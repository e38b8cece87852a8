#include "segment.h"

namespace Ud::Segments {

QString memberGroupKey(MemberGroup group)
{
    switch (group) {
    case MemberGroup::All: return QStringLiteral("all");
    case MemberGroup::Test: return QStringLiteral("test");
    case MemberGroup::Control: return QStringLiteral("control");
    }
    return {};
}

std::optional<MemberGroup> memberGroupFromKey(const QString &key)
{
    for (MemberGroup g : {MemberGroup::All, MemberGroup::Test, MemberGroup::Control}) {
        if (memberGroupKey(g) == key)
            return g;
    }
    return std::nullopt;
}

} // namespace Ud::Segments
