#pragma once

#include "readingparser.h"

#include <QStringList>

#include <memory>
#include <vector>

namespace Ud::Metering {

/// The file formats an import tries, in order. detect() gives the one whose probe claims the
/// file's first bytes; an unknown file is rejected with the list of formats that were tried.
class ReadingFormats
{
public:
    ReadingFormats() = default;
    ReadingFormats(ReadingFormats &&) = default;
    ReadingFormats &operator=(ReadingFormats &&) = default;

    /// Every format UtilityDesk reads.
    static ReadingFormats standard();

    void add(std::unique_ptr<ReadingParser> parser);
    /// The format claiming `head`, or nullptr.
    ReadingParser *detect(const QByteArray &head) const;
    ReadingParser *byKey(const QString &key) const;
    /// The formats' display names, for "tried: ..." messages.
    QStringList displayNames() const;
    QStringList keys() const;
    bool isEmpty() const { return m_parsers.empty(); }

private:
    std::vector<std::unique_ptr<ReadingParser>> m_parsers;
};

} // namespace Ud::Metering
