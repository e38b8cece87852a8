#include "readingformats.h"

namespace Ud::Metering {

ReadingFormats ReadingFormats::standard()
{
    ReadingFormats formats;
    return formats;
}

void ReadingFormats::add(std::unique_ptr<ReadingParser> parser)
{
    m_parsers.push_back(std::move(parser));
}

ReadingParser *ReadingFormats::detect(const QByteArray &head) const
{
    for (const auto &p : m_parsers) {
        if (p->probe(head))
            return p.get();
    }
    return nullptr;
}

ReadingParser *ReadingFormats::byKey(const QString &key) const
{
    for (const auto &p : m_parsers) {
        if (p->key() == key)
            return p.get();
    }
    return nullptr;
}

QStringList ReadingFormats::displayNames() const
{
    QStringList names;
    for (const auto &p : m_parsers)
        names << p->displayName();
    return names;
}

} // namespace Ud::Metering
