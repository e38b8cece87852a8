#pragma once

#include "bill.h"
#include "billingdata.h"

#include <QCoreApplication>
#include <QLocale>
#include <QString>

namespace Ud::Billing {

/// The bill document: the customer, account, supply address, period, every line (estimated
/// readings marked), VAT and totals, as HTML from the template in the resource
/// ":/billing/bill.html", ready to print to PDF (BillPdf in billing_ui). It is written in the
/// language stored with the bill (the customer's), whatever language the program runs in: its
/// words come from that language's embedded translation (":/i18n/utilitydesk_<lang>.qm", used
/// directly, never installed on the application) and amounts, quantities and dates are
/// formatted by that language's QLocale. Pure text work: QtCore only, no database.
class BillDocument
{
public:
    /// The translation context of the document's phrases (QT_TRANSLATE_NOOP in billdocument.cpp).
    static constexpr const char *Context = "Ud::Billing::BillDocument";

    /// `account` gives the customer, account number and premise; `tariffName` the tariff's name.
    static QString html(const Bill &bill, const BillingAccount &account, const QString &tariffName);

    /// The locale a bill in `language` ("en", "es", "zh_CN") is formatted in: the language
    /// as spoken in the market's country when there is such a locale, else the language alone.
    static QLocale localeFor(const QString &language, const QString &marketCode);
    /// One of the document's phrases in `language`, as its translation has it (the English
    /// text when the translation lacks it). For tests and the preview.
    static QString translate(const QString &language, const char *sourceText, int n = -1);

    /// Decimal text of `value` / 10^`scale` in `locale` from integers only, with at least
    /// `minDecimals` and at most `scale` decimals (trailing zeros dropped down to the minimum).
    static QString decimalText(qint64 value, int scale, int minDecimals, const QLocale &locale);
};

} // namespace Ud::Billing
