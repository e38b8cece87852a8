#include "rowbuilder.h"

#include "appliancemix.h"
#include "demotariffs.h"
#include "formats.h"
#include "locations.h"
#include "personalnumbers.h"
#include "supplies.h"

#include <core/fieldcipher.h>

#include <QString>

#include <algorithm>
#include <array>

namespace Ud::Demo {

namespace {

using Formats::appendNumber;
using Id = std::array<char, 36>;

std::string_view view(const Id &id)
{
    return std::string_view(id.data(), id.size());
}

/// Ids of one customer's rows: the customer ordinal, a running number, then the stream.
class IdMaker
{
public:
    IdMaker(Random &rng, qint64 ordinal) : m_rng(rng), m_prefix(quint32(ordinal)) {}
    Id operator()()
    {
        Id id;
        m_rng.uuid(id.data(), m_prefix, m_sequence++);
        return id;
    }

private:
    Random &m_rng;
    quint32 m_prefix;
    quint16 m_sequence = 0;
};

int yearOfDay(qint64 day)
{
    int y, m, d;
    Formats::civilFromDays(day, y, m, d);
    return y;
}

/// Who a customer is: a person (households) or a business.
struct Person {
    bool female = false;
    const Name *given = nullptr;
    const Name *family = nullptr;
    const Name *family2 = nullptr;  ///< Spanish second surname
    const BusinessKind *business = nullptr;
    int age = 0;
    qint64 birthDay = 0;
    int household = 0;
    int income = -1;  ///< index into incomeBands, households only
    int credit = 0;
};

const char *const incomeBands[] = {"low", "lower_middle", "middle", "upper_middle", "high"};
const char *const creditBands[] = {"excellent", "good", "fair", "poor"};

Person drawPerson(Random &rng, const MarketData &md, CustomerClass cls, qint64 referenceDay)
{
    Person p;
    p.female = rng.chance(0.5);
    p.given = &rng.pick(p.female ? md.femaleGiven : md.maleGiven);
    p.family = &rng.pick(md.family);
    p.family2 = &rng.pick(md.family);
    if (cls != CustomerClass::Residential) {
        double total = 0;
        for (const BusinessKind &b : md.businesses)
            total += b.customerClass == cls ? b.weight : 0;
        double r = rng.unit() * total;
        for (const BusinessKind &b : md.businesses) {
            if (b.customerClass != cls)
                continue;
            p.business = &b;
            if (r < b.weight)
                break;
            r -= b.weight;
        }
    } else {
        static const double ageBands[] = {16, 26, 33, 14, 11};
        static const int bandLow[] = {18, 30, 45, 65, 75};
        static const int bandHigh[] = {29, 44, 64, 74, 95};
        const int band = rng.weighted(ageBands);
        p.age = bandLow[band] + int(rng.below(quint32(bandHigh[band] - bandLow[band] + 1)));
        p.birthDay = referenceDay - qint64(p.age) * 365 - p.age / 4 - qint64(rng.below(365));
        static const double elderlySize[] = {55, 40, 5};
        static const double size[] = {28, 34, 16, 14, 6, 2};
        p.household = 1 + (p.age >= 75 ? rng.weighted(elderlySize) : rng.weighted(size));
        static const double incomeWeights[] = {18, 22, 28, 20, 12};
        p.income = rng.weighted(incomeWeights);
    }
    static const double creditWeights[] = {30, 40, 20, 10};
    p.credit = rng.weighted(creditWeights);
    return p;
}

/// Business name from a pattern: {F}/{F2} family names, {G} given name, {C} city, {B} trade name.
void appendBusinessName(std::string &out, Random &rng, const MarketData &market, const char *pattern, const City &city)
{
    for (const char *p = pattern; *p; ++p) {
        if (*p != '{') {
            out.push_back(*p);
            continue;
        }
        const char *end = p;
        while (*end && *end != '}')
            ++end;
        const std::string_view token(p + 1, std::size_t(end - p - 1));
        if (token == "F" || token == "F2")
            out += rng.pick(market.family).text;
        else if (token == "G")
            out += rng.pick(rng.chance(0.5) ? market.maleGiven : market.femaleGiven).text;
        else if (token == "C")
            out += city.shortName;
        else if (token == "B") {
            out += rng.pick(market.tradeNames);
            out += rng.pick(market.tradeNames2);
        }
        p = *end ? end : end - 1;
    }
}

/// "smith-sons" from "Smith & Sons Ltd": the name's Latin words, legal forms left out.
void appendSlug(std::string &out, std::string_view name)
{
    static const std::string_view skipped[] = {"ltd", "llp", "gmbh", "gbr", "sl", "sa", "y", "und", "dr", "the"};
    std::string word;
    std::size_t start = 0;
    while (start <= name.size()) {
        std::size_t end = name.find(' ', start);
        if (end == std::string_view::npos)
            end = name.size();
        word.clear();
        Formats::appendAsciiLower(word, name.substr(start, end - start));
        if (!word.empty() && std::find(std::begin(skipped), std::end(skipped), word) == std::end(skipped)) {
            if (!out.empty() && out.back() != '@')
                out.push_back('-');
            out += word;
        }
        start = end + 1;
    }
}

/// One of the market's summaries written for `reason`.
const ContactNote &pickNote(Random &rng, const MarketData &market, std::string_view reason)
{
    const ContactNote *found[8];
    int count = 0;
    for (const ContactNote &note : market.notes) {
        if (reason == note.reason && count < 8)
            found[count++] = &note;
    }
    return count ? *found[rng.below(quint32(count))] : market.notes.front();
}

} // namespace

/// What the parts of one customer's rows share while they are built.
struct RowBuilder::Customer {
    qint64 index;
    qint64 ordinal;
    Random rng;
    IdMaker makeId;
    Skeleton skeleton;
    const MarketData &market;
    AnomalyKind anomaly;
    const RunPlan::Anomaly *planted;
    bool residential;
    Id id;
    Person person;
    // Filled while the accounts are built.
    int supplies = 0;
    Id firstAccountId{};
    bool firstAccountPrepaid = false;
    bool anyClosed = false;
    qint64 firstOpenedDay = 0;
    qint64 createdAt = 0;  ///< set with the customers row
    const City *homeCity = nullptr;
    const District *homeDistrict = nullptr;

    Customer(const RunPlan &plan, qint64 i)
        : index(i), ordinal(plan.ordinal(i)), rng(RunPlan::customerStream(plan.seed(), ordinal)), makeId(rng, ordinal),
          skeleton(plan.skeleton(i)), market(marketData(skeleton.market)), planted(plan.anomalyAt(i)),
          residential(skeleton.customerClass == CustomerClass::Residential)
    {
        anomaly = planted ? planted->kind : AnomalyKind(-1);
    }
    bool plants(AnomalyKind kind, int account) const { return account == 0 && anomaly == kind; }
};

RowBuilder::RowBuilder(const RunPlan &plan, const Core::FieldCipher &cipher, const DemoTariffs *tariffs)
    : m_plan(plan), m_cipher(cipher), m_tariffs(tariffs)
{
}

void RowBuilder::build(qint64 first, qint64 count, RowBatch &batch) const
{
    batch.clear();
    for (qint64 i = first; i < first + count; ++i)
        buildCustomer(i, batch);
    batch.customers = count;
}

void RowBuilder::buildCustomer(qint64 index, RowBatch &batch) const
{
    Customer c(m_plan, index);
    drawSkeleton(c.rng);  // advances the stream exactly as the plan's pass did
    c.id = c.makeId();
    c.person = drawPerson(c.rng, c.market, c.skeleton.customerClass, m_plan.referenceDay());
    for (int a = 0; a < c.skeleton.accounts; ++a)
        buildSite(c, a, batch);
    appendCustomer(c, batch[Table::Customers]);
    if (c.residential)
        appendVulnerabilities(c, batch[Table::Vulnerabilities]);
    appendInteractions(c, batch[Table::Interactions]);
}

void RowBuilder::buildSite(Customer &c, int a, RowBatch &batch) const
{
    Random &rng = c.rng;
    const Market market = c.skeleton.market;
    const qint64 refDay = m_plan.referenceDay();
    const qint64 historyStart = m_plan.historyStartDay();

    const Location loc = drawLocation(rng, c.market, c.skeleton.customerClass);
    if (a == 0) {
        c.homeCity = loc.city;
        c.homeDistrict = loc.district;
    }
    const Id premiseId = c.makeId();
    const Id accountId = c.makeId();
    appendPremise(batch[Table::Premises], rng, c.market, c.skeleton.customerClass, loc, view(premiseId),
                  c.plants(AnomalyKind::SwappedCoordinates, a));

    // The account: opened before the history span (households at 18 or later, the youngest a
    // little before); closures fall inside the span.
    const qint64 earliest = c.residential ? std::min(std::max(refDay - 15 * 365, c.person.birthDay + 18 * 365 + 5),
                                                     historyStart - 31)
                                          : refDay - 25 * 365;
    qint64 openedDay = earliest + qint64(rng.below(quint32(std::max<qint64>(1, historyStart - 30 - earliest))));
    static const double statusWeights[] = {92, 2, 2, 4};
    static const char *const statuses[] = {"active", "pending", "suspended", "closed"};
    int status = rng.weighted(statusWeights);
    if (c.plants(AnomalyKind::MeterOnClosedAccount, a))
        status = 3;
    // Interval anomalies need a meter that reports through the whole history.
    if (c.plants(AnomalyKind::LifeSupportOnPrepaid, a) || (a == 0 && c.planted && int(c.anomaly) >= RecordAnomalyKindCount))
        status = 0;
    if (status == 1)
        openedDay = historyStart - 1 - qint64(rng.below(20));
    const qint64 closedDay = historyStart + qint64(rng.below(quint32(m_plan.days())));
    // Prepayment: common for British households in debt and for Chinese homes, rare elsewhere.
    double prepaidShare = 0.0;
    const bool poorCredit = c.person.credit == 3;
    switch (market) {
    case Market::GB: prepaidShare = c.residential ? (poorCredit ? 0.35 : 0.12) : 0.01; break;
    case Market::DE: prepaidShare = c.residential ? (poorCredit ? 0.05 : 0.01) : 0.0; break;
    case Market::CN: prepaidShare = c.residential ? 0.55 : 0.2; break;
    case Market::ES: prepaidShare = c.residential ? 0.02 : 0.0; break;
    }
    const bool prepaid = rng.chance(prepaidShare) || c.plants(AnomalyKind::LifeSupportOnPrepaid, a);
    const bool closed = status == 3;
    c.anyClosed = c.anyClosed || closed;
    if (a == 0) {
        c.firstAccountId = accountId;
        c.firstAccountPrepaid = prepaid;
        c.firstOpenedDay = openedDay;
    }

    TableRows &accounts = batch[Table::Accounts];
    accounts.text(view(accountId));
    {
        // Market, nine digits from the customer ordinal, account number, Luhn digit.
        std::string &s = accounts.beginText();
        s += c.market.code;
        const std::size_t digits = s.size();
        appendNumber(s, AccountNumberBase + quint64(c.ordinal), 9);
        appendNumber(s, quint64(a));
        s.push_back(char('0' + Formats::luhnDigit(std::string_view(s).substr(digits))));
        accounts.endText();
    }
    accounts.text(view(c.id));
    accounts.text(view(premiseId));
    accounts.text(c.market.code);
    accounts.text(prepaid ? "prepaid" : "postpaid");
    accounts.text(statuses[status]);
    Formats::appendDate(accounts.beginText(), openedDay);
    accounts.endText();
    if (closed) {
        Formats::appendDate(accounts.beginText(), closedDay);
        accounts.endText();
    } else {
        accounts.null();
    }

    if (m_tariffs) {
        const std::string_view tariffId = m_tariffs->pick(market, c.skeleton.customerClass, prepaid,
                                                          quint64(c.ordinal) * 16 + quint64(a));
        if (!tariffId.empty()) {
            // The assignment's id is the account's with another UUID version digit: unique,
            // and no draw from the random stream, so every other value of the seed stays.
            Id assignmentId = accountId;
            assignmentId[14] = '5';
            const qint64 from = std::max(openedDay, DemoTariffs::startDay());
            TableRows &assigned = batch[Table::AccountTariffs];
            assigned.text(view(assignmentId));
            assigned.text(view(accountId));
            assigned.text(tariffId);
            Formats::appendDate(assigned.beginText(), from);
            assigned.endText();
            if (closed) {
                Formats::appendDate(assigned.beginText(), std::max(closedDay, from));
                assigned.endText();
            } else {
                assigned.null();
            }
            assigned.integer(openedDay * 86400);
        }
    }

    // What is supplied here: electricity always; the extra meters go to the first premise,
    // gas or water first, then the other, then separately metered electricity supplies.
    Commodity supplies[16];
    int supplyCount = 0;
    supplies[supplyCount++] = Commodity::Electricity;
    if (a == 0) {
        double gasShare = market == Market::CN ? 0.45 : market == Market::ES ? 0.55 : 0.78;
        if (c.skeleton.customerClass == CustomerClass::Agricultural)
            gasShare = 0.2;
        const bool gasFirst = rng.chance(gasShare);
        const int extras = std::min(m_plan.extraMeters(c.index), 15);
        for (int x = 0; x < extras; ++x) {
            if (x == 0)
                supplies[supplyCount++] = gasFirst ? Commodity::Gas : Commodity::Water;
            else if (x == 1)
                supplies[supplyCount++] = gasFirst ? Commodity::Water : Commodity::Gas;
            else
                supplies[supplyCount++] = Commodity::Electricity;
        }
    }
    const bool hasGas = std::find(supplies, supplies + supplyCount, Commodity::Gas) != supplies + supplyCount;

    // Appliances; solar decides the export channel below.
    const ApplianceMix mix = ApplianceMix::draw(rng, market, c.skeleton.customerClass, hasGas,
                                                c.plants(AnomalyKind::SolarWithoutExport, a));
    TableRows &appliances = batch[Table::Appliances];
    for (int x = 0; x < mix.count; ++x) {
        const Id applianceId = c.makeId();
        appliances.text(view(applianceId));
        appliances.text(view(premiseId));
        appliances.text(mix.items[x].kind);
        appliances.integer(mix.items[x].capacityW);
        if (rng.chance(0.9)) {
            Formats::appendDate(appliances.beginText(),
                                openedDay + qint64(rng.below(quint32(std::max<qint64>(1, historyStart - openedDay)))));
            appliances.endText();
        } else {
            appliances.null();  // installed before the customer moved in; date unknown
        }
    }

    // Service points, meters (installed after the account opened, from the smart-meter
    // roll-out on) and their channels.
    TableRows &points = batch[Table::ServicePoints];
    TableRows &meters = batch[Table::Meters];
    TableRows &channels = batch[Table::Channels];
    const bool accountMetered = m_plan.accountHasMeter(c.index, a);
    const qint64 rollout = Formats::daysFromCivil(2012, 1, 1);
    for (int x = 0; x < supplyCount; ++x) {
        const Commodity commodity = supplies[x];
        const quint64 key = supplyKey(c.ordinal, c.supplies++);
        const Id pointId = c.makeId();
        points.text(view(pointId));
        points.text(view(premiseId));
        points.text(view(accountId));
        points.text(commodityKey(commodity));
        appendSupplyIdentifier(points.beginText(), market, commodity, loc, key);
        points.endText();
        if (x == 0 && !accountMetered)
            continue;  // fewer meters than accounts were asked for: awaiting its meter

        const Id meterId = c.makeId();
        const qint64 installFrom = std::max(openedDay, std::min(rollout, historyStart - 60));
        const qint64 installedDay = installFrom + qint64(rng.below(quint32(std::max<qint64>(1, historyStart - installFrom))));
        meters.text(view(meterId));
        meters.text(view(pointId));
        appendMeterSerial(meters.beginText(), rng, market, commodity, yearOfDay(installedDay), key);
        meters.endText();
        meters.text(commodityKey(commodity));
        // The market's interval is drawn even when the run sets one, so the stream (and every
        // later value of the customer) stays the same.
        int interval = commodity == Commodity::Electricity ? electricityInterval(rng, market) : 60;
        if (commodity == Commodity::Electricity && m_plan.electricityInterval() > 0)
            interval = m_plan.electricityInterval();
        meters.integer(interval);
        Formats::appendDate(meters.beginText(), installedDay);
        meters.endText();
        const bool removed = closed && !c.plants(AnomalyKind::MeterOnClosedAccount, a);
        if (removed) {
            Formats::appendDate(meters.beginText(), closedDay);
            meters.endText();
        } else {
            meters.null();
        }

        MeterProfile profile;
        auto channel = [&](const char *name, const char *unit, MeterProfile::Flow flow) {
            const Id channelId = c.makeId();
            channels.text(view(channelId));
            channels.text(view(meterId));
            channels.text(name);
            channels.text(unit);
            profile.channels[std::size_t(profile.channelCount++)] = {channelId, flow};
        };
        channel("import", commodity == Commodity::Electricity ? "Wh" : "L", MeterProfile::Flow::Import);
        if (x == 0) {
            if (mix.solar && !c.plants(AnomalyKind::SolarWithoutExport, a))
                channel("export", "Wh", MeterProfile::Flow::Export);
            const CustomerClass cls = c.skeleton.customerClass;
            if (cls == CustomerClass::Industrial || (cls == CustomerClass::Commercial && rng.chance(0.5)))
                channel("reactive", "varh", MeterProfile::Flow::Reactive);
        }
        if (m_plan.intervalData())
            addProfile(profile, c, a, commodity, x, interval, loc, mix, installedDay, closed ? closedDay : refDay, removed,
                       key, batch);
    }
}

void RowBuilder::addProfile(MeterProfile &p, const Customer &c, int account, Commodity commodity, int supply,
                            int interval, const Location &loc, const ApplianceMix &mix, qint64 installedDay,
                            qint64 closedDay, bool removed, quint64 key, RowBatch &batch) const
{
    p.customer = c.index;
    p.key = key;
    p.commodity = commodity;
    p.market = c.skeleton.market;
    p.customerClass = c.skeleton.customerClass;
    p.secondary = commodity == Commodity::Electricity && supply > 0;
    p.intervalMinutes = interval;
    p.timeZone = loc.city->timeZone;
    p.standardOffsetHours = loc.city->utcOffsetHours;
    p.latitude = loc.latitude;
    p.longitude = loc.longitude;
    p.firstDay = std::max(installedDay, m_plan.historyStartDay());
    p.endDay = removed ? closedDay : m_plan.referenceDay();
    p.vacantFrom = removed ? p.endDay : closedDay;
    p.residents = c.residential ? c.person.household : 0;
    for (int i = 0; i < mix.count; ++i) {
        const std::string_view kind(mix.items[i].kind);
        const int w = mix.items[i].capacityW;
        if (kind == "solar_pv")
            p.solarW = w;
        else if (kind == "battery")
            p.batteryW = w;
        else if (kind == "ev_charger")
            p.evW = w;
        else if (kind == "heat_pump")
            p.heatPumpW = w;
        else if (kind == "electric_heating")
            p.electricHeatingW = w;
        else if (kind == "air_conditioning")
            p.airConditioningW = w;
        else if (kind == "water_heater")
            p.waterHeaterW = w;
        else if (kind == "pool_pump")
            p.poolPumpW = w;
        else if (kind == "agricultural_pump")
            p.pumpW = w;
        else if (kind == "gas_boiler")
            p.gasBoiler = true;
    }
    if (account == 0 && supply == 0 && c.planted && int(c.anomaly) >= RecordAnomalyKindCount) {
        p.anomaly = int(c.anomaly);
        p.anomalyDay = c.planted->day;
    }
    batch.meters.push_back(p);
}

void RowBuilder::appendCustomer(Customer &c, TableRows &customers) const
{
    Random &rng = c.rng;
    const Market market = c.skeleton.market;
    const Person &p = c.person;
    const qint64 createdAt = c.firstOpenedDay * 86400 + qint64(rng.below(86400));
    const quint64 block = Formats::scramble9(quint64(c.ordinal));

    customers.text(view(c.id));
    {
        std::string &s = customers.beginText();
        s += "DC";
        appendNumber(s, quint64(c.ordinal), 9);
        customers.endText();
    }
    customers.text(customerClassKey(c.skeleton.customerClass));
    std::string &fullName = customers.beginText();
    const std::size_t nameStart = fullName.size();
    if (!c.residential) {
        appendBusinessName(fullName, rng, c.market, p.business->pattern, *c.homeCity);
    } else if (market == Market::CN) {
        fullName += p.family->text;  // family name first, no space: 王芳
        fullName += p.given->text;
    } else {
        fullName += p.given->text;
        fullName += ' ';
        fullName += p.family->text;
        if (market == Market::ES) {
            fullName += ' ';
            fullName += p.family2->text;
        }
    }
    const std::string businessName = c.residential ? std::string() : fullName.substr(nameStart);
    customers.endText();
    customers.text(c.residential ? p.given->text : "");
    {
        std::string &s = customers.beginText();
        if (c.residential) {
            s += p.family->text;
            if (market == Market::ES) {
                s += ' ';
                s += p.family2->text;
            }
        }
        customers.endText();
    }
    customers.text(c.market.language);
    {
        // Addresses under example.com/.net/.org and .example, which can never reach anyone.
        static const char *const domains[] = {"example.com", "example.net", "example.org"};
        std::string &s = customers.beginText();
        if (rng.chance(c.residential ? (market == Market::CN ? 0.7 : 0.82) : 0.9)) {
            if (!c.residential) {
                const std::size_t start = s.size();
                s += "accounts@";
                appendSlug(s, businessName);
                if (s.size() == start + 9) {  // no Latin letters in the name (Chinese firms)
                    s.resize(start);
                    s += "service";
                    appendNumber(s, block % 1000000, 6);
                    s += "@example.com";
                } else {
                    s += ".example";
                }
            } else {
                const char *givenAscii = p.given->ascii ? p.given->ascii : p.given->text;
                const char *familyAscii = p.family->ascii ? p.family->ascii : p.family->text;
                if (market == Market::CN) {
                    Formats::appendAsciiLower(s, familyAscii);
                    Formats::appendAsciiLower(s, givenAscii);
                } else if (rng.chance(0.5)) {
                    Formats::appendAsciiLower(s, givenAscii);
                    s += '.';
                    Formats::appendAsciiLower(s, familyAscii);
                } else {
                    Formats::appendAsciiLower(s, std::string_view(givenAscii, 1));
                    Formats::appendAsciiLower(s, familyAscii);
                }
                if (rng.chance(0.5))
                    appendNumber(s, quint64(yearOfDay(p.birthDay)));
                else
                    appendNumber(s, block % 100, 2);
                s += '@';
                s += rng.pick(domains);
            }
        }
        customers.endText();
    }
    {
        // E.164. Households have mobiles, businesses landlines in their city; both are built
        // around a per-customer unique block, so only the planted duplicate repeats a number.
        std::string &s = customers.beginText();
        s += c.market.countryCallingCode;
        if (c.residential) {
            const qint64 owner = c.anomaly == AnomalyKind::DuplicatePhone ? m_plan.ordinal(c.planted->partner) : c.ordinal;
            s += c.market.mobilePrefix;
            appendNumber(s, Formats::scramble8(quint64(owner)), 8);
        } else {
            const std::string_view area(c.homeCity->areaCode);
            s += area;
            int digits = 8;
            quint64 mod = 100000000;
            if (c.market.landlineDigits > 0) {
                digits = c.market.landlineDigits - int(area.size());
                mod = 1;
                for (int d = 0; d < digits; ++d)
                    mod *= 10;
            }
            appendNumber(s, Formats::scramble8(quint64(c.ordinal)) % mod, digits);
        }
        customers.endText();
    }
    customers.text(c.residential ? incomeBands[p.income] : "");
    customers.text(creditBands[p.credit]);
    customers.text(p.business ? p.business->type : "");
    if (c.residential) {
        customers.integer(p.household);
        Formats::appendDate(customers.beginText(), p.birthDay);
        customers.endText();
    } else {
        customers.null();
        customers.null();
    }

    // Sensitive values: the share of households that gave a national id, and a bank account
    // for direct debit where the first account is postpaid.
    static const double nationalIdShare[] = {0.30, 0.20, 0.70, 0.60};
    static const double bankShare[] = {0.60, 0.70, 0.40, 0.70};
    const QString rowId = QString::fromLatin1(c.id.data(), qsizetype(c.id.size()));
    std::string plain;
    if (c.residential && rng.chance(nationalIdShare[int(market)])) {
        appendNationalId(plain, rng, market, block, c.homeDistrict, p.birthDay, p.female);
        appendSensitive(customers, plain, QStringLiteral("national_id"), rowId);
    } else {
        customers.null();
        customers.null();
    }
    if (!c.firstAccountPrepaid && rng.chance(bankShare[int(market)])) {
        plain.clear();
        appendBankAccount(plain, rng, market, block);
        appendSensitive(customers, plain, QStringLiteral("bank_account"), rowId);
    } else {
        customers.null();
        customers.null();
    }
    customers.integer(createdAt);
    customers.integer(createdAt);
    c.createdAt = createdAt;
}

void RowBuilder::appendSensitive(TableRows &customers, const std::string &plain, const QString &column,
                                 const QString &rowId) const
{
    const QString table = QStringLiteral("customers");
    const QString text = QString::fromLatin1(plain.data(), qsizetype(plain.size()));
    const QByteArray stored = m_cipher.encrypt(text, table, column, rowId);
    customers.blob(stored.constData(), stored.size());
    customers.text(m_cipher.blindIndex(text, table, column).toStdString());
}

void RowBuilder::appendVulnerabilities(Customer &c, TableRows &flags) const
{
    // Flags, mostly with the customer's consent to record them (special category data).
    Random &rng = c.rng;
    const qint64 createdAt = c.createdAt;
    const qint64 end = m_plan.referenceDay() * 86400;
    const bool lifeSupportPlanted = c.anomaly == AnomalyKind::LifeSupportOnPrepaid;
    auto flag = [&](const char *kind, const char *notes) {
        const Id flagId = c.makeId();
        const qint64 recordedAt = createdAt + qint64(rng.below(quint32(std::max<qint64>(1, end - createdAt))));
        const bool consent = rng.chance(0.92) || lifeSupportPlanted;
        flags.text(view(flagId));
        flags.text(view(c.id));
        flags.text(kind);
        flags.integer(consent ? 1 : 0);
        if (consent)
            flags.integer(recordedAt);
        else
            flags.null();
        flags.text(notes);
        flags.integer(recordedAt);
    };
    const Person &p = c.person;
    // About one household in twelve carries a flag.
    if (rng.chance(0.003) || lifeSupportPlanted)
        flag("life_support", c.market.lifeSupportNote);
    if (p.age >= 75 && p.household == 1 && rng.chance(0.5))
        flag("elderly_alone", "");
    if (rng.chance(0.008))
        flag("medical_equipment", "");
    if (rng.chance(0.015))
        flag("disability", "");
    if (p.household >= 3 && p.age < 45 && rng.chance(0.1))
        flag("young_children", "");
    if (rng.chance(p.income == 0 ? 0.06 : 0.005))
        flag("financial_hardship", "");
    if (c.skeleton.market != Market::CN && rng.chance(0.012))
        flag("language_support", "");
}

void RowBuilder::appendInteractions(Customer &c, TableRows &interactions) const
{
    // A few contacts inside the span, in office hours local time, on the first account.
    Random &rng = c.rng;
    static const double contactCounts[] = {24, 30, 22, 13, 7, 4};
    static const double reasonWeights[] = {24, 18, 14, 8, 7, 10, 12, 7};
    static const double channelWeights[] = {52, 20, 12, 2, 6, 8};
    static const double chinaChannelWeights[] = {40, 5, 40, 8, 1, 6};  // chat: WeChat
    static const char *const channelKeys[] = {"phone", "email", "chat", "visit", "letter", "sms"};
    // What the wrap-up records as the reason, the same words in every market so that contacts
    // can be counted by reason; the summary is in the agent's language.
    static const char *const reasons[] = {"Bill query", "Payment",  "Usage question", "Outage",
                                          "Moving home", "Program question", "Meter reading", "Complaint"};
    static const char *const reasonKeys[] = {"bill", "payment", "usage", "outage", "move", "program", "meter", "complaint"};
    // The shipped contact reason codes (migration 0007) these fall under; a meter reading is "other".
    static const char *const reasonCodes[] = {"bill", "payment", "usage", "outage", "move", "program", "other", "complaint"};
    static const double wrapUpWeights[] = {70, 12, 5, 6, 7};
    static const char *const wrapUpCodes[] = {"resolved", "follow_up", "escalated", "callback_booked", "no_action"};
    constexpr int Move = 4;
    const int contacts = rng.weighted(contactCounts);
    const qint64 historyStart = m_plan.historyStartDay();
    for (int n = 0; n < contacts; ++n) {
        const Id interactionId = c.makeId();
        int reason = rng.weighted(reasonWeights);
        if (c.anyClosed && rng.chance(0.6))
            reason = Move;
        const ContactNote &note = pickNote(rng, c.market, reasonKeys[reason]);
        const qint64 day = historyStart + qint64(rng.below(quint32(m_plan.days())));
        const qint64 at = day * 86400 + qint64(8 + rng.below(12)) * 3600 + qint64(rng.below(3600))
                          - qint64(c.homeCity->utcOffsetHours) * 3600;
        const int channel = c.skeleton.market == Market::CN ? rng.weighted(chinaChannelWeights)
                                                            : rng.weighted(channelWeights);
        interactions.text(view(interactionId));
        interactions.text(view(c.id));
        interactions.text(view(c.firstAccountId));
        interactions.integer(at);
        interactions.text(channelKeys[channel]);
        interactions.text(rng.chance(0.82) ? "inbound" : "outbound");
        interactions.text(reasons[reason]);
        interactions.text(note.summary);
        interactions.text("");
        interactions.text(rng.pick(c.market.agents));
        interactions.text(reasonCodes[reason]);
        interactions.text(wrapUpCodes[rng.weighted(wrapUpWeights)]);
        // Calls, chats and visits take the agent's time; a letter or message is logged at once.
        const bool live = channel == 0 || channel == 2 || channel == 3;
        interactions.integer(live ? qint64(90 + rng.below(900)) : 0);
    }
}

} // namespace Ud::Demo
