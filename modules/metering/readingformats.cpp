#include "readingformats.h"

#include "genericcsvparser.h"
#include "greenbuttonparser.h"
#include "greenbuttoncsvparser.h"
#include "halfhourlycsvparser.h"
#include "nem12parser.h"

namespace Ud::Metering {

ReadingFormats ReadingFormats::standard()
{
    // Most specific first: a probe may look at the first lines only.
    ReadingFormats formats;
    formats.add(std::make_unique<GreenButtonParser>());
    formats.add(std::make_unique<Nem12Parser>());
    formats.add(std::make_unique<GreenButtonCsvParser>());
    formats.add(std::make_unique<HalfHourlyCsvParser>());
    formats.add(std::make_unique<GenericCsvParser>());
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

QStringList ReadingFormats::keys() const
{
    QStringList keys;
    for (const auto &p : m_parsers)
        keys << p->key();
    return keys;
}

QStringList ReadingFormats::displayNames() const
{
    QStringList names;
    for (const auto &p : m_parsers)
        names << p->displayName();
    return names;
}

} // namespace Ud::Metering
