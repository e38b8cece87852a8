#include "customer.h"

#include <QCoreApplication>

namespace Ud::Accounts {

namespace {
struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Ud::Accounts::Customer)
};
} // namespace

QString customerClassKey(CustomerClass value)
{
    switch (value) {
    case CustomerClass::Residential: return QStringLiteral("residential");
    case CustomerClass::Commercial: return QStringLiteral("commercial");
    case CustomerClass::Industrial: return QStringLiteral("industrial");
    case CustomerClass::Agricultural: return QStringLiteral("agricultural");
    }
    return {};
}

std::optional<CustomerClass> customerClassFromKey(const QString &key)
{
    for (CustomerClass value : allCustomerClasses()) {
        if (customerClassKey(value) == key)
            return value;
    }
    return std::nullopt;
}

QString customerClassName(CustomerClass value)
{
    switch (value) {
    case CustomerClass::Residential: return Tr::tr("Residential");
    case CustomerClass::Commercial: return Tr::tr("Commercial");
    case CustomerClass::Industrial: return Tr::tr("Industrial");
    case CustomerClass::Agricultural: return Tr::tr("Agricultural");
    }
    return {};
}

QList<CustomerClass> allCustomerClasses()
{
    return {CustomerClass::Residential, CustomerClass::Commercial, CustomerClass::Industrial,
            CustomerClass::Agricultural};
}

QString vulnerabilityKindKey(VulnerabilityKind value)
{
    switch (value) {
    case VulnerabilityKind::LifeSupport: return QStringLiteral("life_support");
    case VulnerabilityKind::ElderlyAlone: return QStringLiteral("elderly_alone");
    case VulnerabilityKind::MedicalEquipment: return QStringLiteral("medical_equipment");
    case VulnerabilityKind::Disability: return QStringLiteral("disability");
    case VulnerabilityKind::YoungChildren: return QStringLiteral("young_children");
    case VulnerabilityKind::FinancialHardship: return QStringLiteral("financial_hardship");
    case VulnerabilityKind::LanguageSupport: return QStringLiteral("language_support");
    }
    return {};
}

std::optional<VulnerabilityKind> vulnerabilityKindFromKey(const QString &key)
{
    for (VulnerabilityKind value : allVulnerabilityKinds()) {
        if (vulnerabilityKindKey(value) == key)
            return value;
    }
    return std::nullopt;
}

QString vulnerabilityKindName(VulnerabilityKind value)
{
    switch (value) {
    case VulnerabilityKind::LifeSupport: return Tr::tr("Life support");
    case VulnerabilityKind::ElderlyAlone: return Tr::tr("Elderly, living alone");
    case VulnerabilityKind::MedicalEquipment: return Tr::tr("Medical equipment");
    case VulnerabilityKind::Disability: return Tr::tr("Disability");
    case VulnerabilityKind::YoungChildren: return Tr::tr("Young children");
    case VulnerabilityKind::FinancialHardship: return Tr::tr("Financial hardship");
    case VulnerabilityKind::LanguageSupport: return Tr::tr("Language support");
    }
    return {};
}

QList<VulnerabilityKind> allVulnerabilityKinds()
{
    return {VulnerabilityKind::LifeSupport,   VulnerabilityKind::ElderlyAlone,
            VulnerabilityKind::MedicalEquipment, VulnerabilityKind::Disability,
            VulnerabilityKind::YoungChildren, VulnerabilityKind::FinancialHardship,
            VulnerabilityKind::LanguageSupport};
}

QStringList incomeBandKeys()
{
    return {QStringLiteral("low"), QStringLiteral("lower_middle"), QStringLiteral("middle"),
            QStringLiteral("upper_middle"), QStringLiteral("high")};
}

QString incomeBandName(const QString &key)
{
    if (key == QLatin1String("low")) return Tr::tr("Low income");
    if (key == QLatin1String("lower_middle")) return Tr::tr("Lower-middle income");
    if (key == QLatin1String("middle")) return Tr::tr("Middle income");
    if (key == QLatin1String("upper_middle")) return Tr::tr("Upper-middle income");
    if (key == QLatin1String("high")) return Tr::tr("High income");
    return key;
}

QStringList creditBandKeys()
{
    return {QStringLiteral("excellent"), QStringLiteral("good"), QStringLiteral("fair"), QStringLiteral("poor")};
}

QString creditBandName(const QString &key)
{
    if (key == QLatin1String("excellent")) return Tr::tr("Excellent credit");
    if (key == QLatin1String("good")) return Tr::tr("Good credit");
    if (key == QLatin1String("fair")) return Tr::tr("Fair credit");
    if (key == QLatin1String("poor")) return Tr::tr("Poor credit");
    return key;
}

QStringList customerLanguageCodes()
{
    return {QStringLiteral("en"), QStringLiteral("zh_CN"), QStringLiteral("es")};
}

QString customerLanguageName(const QString &code)
{
    if (code == QLatin1String("en")) return Tr::tr("English");
    if (code == QLatin1String("zh_CN")) return Tr::tr("Chinese (simplified)");
    if (code == QLatin1String("es")) return Tr::tr("Spanish");
    return code;
}

QString sensitiveFieldKey(SensitiveField field)
{
    switch (field) {
    case SensitiveField::NationalId: return QStringLiteral("national_id");
    case SensitiveField::BankAccount: return QStringLiteral("bank_account");
    }
    return {};
}

QString sensitiveFieldName(SensitiveField field)
{
    switch (field) {
    case SensitiveField::NationalId: return Tr::tr("national id");
    case SensitiveField::BankAccount: return Tr::tr("bank account");
    }
    return {};
}

QString SensitiveValue::masked() const
{
    static const QString dots = QStringLiteral("\u2022\u2022\u2022\u2022");
    if (plaintext && !plaintext->isEmpty()) {
        QString compact;
        for (QChar c : *plaintext) {
            if (c.isLetterOrNumber())
                compact.append(c);
        }
        return dots + QLatin1Char(' ') + compact.right(4);
    }
    return stored ? dots : QString();
}

} // namespace Ud::Accounts
