#include "personalnumbers.h"

#include "formats.h"

#include <utility>

namespace Ud::Demo {

using Formats::appendNumber;

void appendNationalId(std::string &out, Random &rng, Market market, quint64 block, const District *district,
                      qint64 birthDay, bool female)
{
    switch (market) {
    case Market::GB: {
        // Two prefix letters (never D F I Q U V, O not second, some pairs never issued), six digits, A-D.
        static const char first[] = "ABCEGHJKLMNOPRSTWXYZ";
        static const char second[] = "ABCEGHJKLMNPRSTWXYZ";
        static const char *const unused[] = {"BG", "GB", "NK", "KN", "TN", "NT", "ZZ"};
        char prefix[3] = {};
        bool allowed = false;
        while (!allowed) {
            prefix[0] = first[rng.below(20)];
            prefix[1] = second[rng.below(19)];
            allowed = true;
            for (const char *u : unused)
                allowed = allowed && !(u[0] == prefix[0] && u[1] == prefix[1]);
        }
        out.append(prefix, 2);
        appendNumber(out, block % 1000000, 6);
        out.push_back(char('A' + rng.below(4)));
        break;
    }
    case Market::DE: {
        // Ten digits, the first not 0, exactly one digit twice; then the check digit.
        char digits[10];
        for (int d = 0; d < 10; ++d)
            digits[d] = char('0' + d);
        for (int d = 9; d > 0; --d)
            std::swap(digits[d], digits[rng.below(quint32(d + 1))]);
        digits[9] = digits[rng.below(9)];
        for (int d = 9; d > 0; --d)
            std::swap(digits[d], digits[rng.below(quint32(d + 1))]);
        if (digits[0] == '0') {
            for (int d = 1; d < 10; ++d) {
                if (digits[d] != '0') {
                    std::swap(digits[0], digits[d]);
                    break;
                }
            }
        }
        const std::size_t start = out.size();
        out.append(digits, 10);
        out.push_back(char('0' + Formats::germanTaxIdCheck(std::string_view(out).substr(start))));
        break;
    }
    case Market::CN: {
        const std::size_t start = out.size();
        out += district ? district->adminCode : "110105";
        Formats::appendCompactDate(out, birthDay);
        appendNumber(out, rng.below(500) * 2 + (female ? 0 : 1), 3);
        out.push_back(Formats::chineseIdCheck(std::string_view(out).substr(start)));
        break;
    }
    case Market::ES:
        // DNI, or for one resident in twelve a foreigner's NIE (X, Y, Z stand for 0, 1, 2).
        if (rng.chance(1.0 / 12)) {
            const quint32 prefix = rng.below(3);
            const quint64 number = block % 10000000;
            out.push_back("XYZ"[prefix]);
            appendNumber(out, number, 7);
            out.push_back(Formats::dniLetter(quint64(prefix) * 10000000 + number));
        } else {
            const quint64 number = block % 100000000;
            appendNumber(out, number, 8);
            out.push_back(Formats::dniLetter(number));
        }
        break;
    }
}

void appendBankAccount(std::string &out, Random &rng, Market market, quint64 block)
{
    std::string bban;
    switch (market) {
    case Market::GB: {
        // Bank code, sort code, eight-digit account number.
        static const char *const banks[] = {"NWBK60", "BARC20", "LOYD30", "HBUK40", "NAIA07"};
        bban += rng.pick(banks);
        appendNumber(bban, rng.below(10000), 4);
        appendNumber(bban, block % 100000000, 8);
        break;
    }
    case Market::DE: {
        // Bankleitzahl, ten-digit account number.
        static const char *const banks[] = {"10050000", "20050550", "70150000", "37050198", "50010517", "12030000"};
        bban += rng.pick(banks);
        appendNumber(bban, block, 10);
        break;
    }
    case Market::ES: {
        // Bank, branch, two control digits, ten-digit account number.
        static const char *const banks[] = {"2100", "0049", "0182", "0081", "0128"};
        std::string bankBranch = "00";
        bankBranch += rng.pick(banks);
        appendNumber(bankBranch, rng.below(10000), 4);
        std::string account;
        appendNumber(account, block, 10);
        bban.append(bankBranch, 2, std::string::npos);
        bban.push_back(char('0' + Formats::spanishControlDigit(bankBranch)));
        bban.push_back(char('0' + Formats::spanishControlDigit(account)));
        bban += account;
        break;
    }
    case Market::CN: {
        static const char *const bins[] = {"622202", "621700", "622848", "621661", "622588"};
        const std::size_t start = out.size();
        out += rng.pick(bins);
        appendNumber(out, block, 12);
        out.push_back(char('0' + Formats::luhnDigit(std::string_view(out).substr(start))));
        return;
    }
    }
    const char *country = marketData(market).code;
    out += country;
    appendNumber(out, quint64(Formats::ibanCheckDigits(country, bban)), 2);
    out += bban;
}

} // namespace Ud::Demo
