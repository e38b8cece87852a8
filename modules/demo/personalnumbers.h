#pragma once

#include "localedata.h"
#include "random.h"

#include <string>

namespace Ud::Demo {

/// Personal numbers in each country's real format and with valid check characters, so that
/// validation written for real data accepts them: the UK National Insurance number, the German
/// tax id (Steuer-ID), the Chinese resident identity number (district code, birth date,
/// sequence odd for men, ISO 7064 check) and the Spanish DNI or NIE. `block` is a per-customer
/// unique nine-digit number.
void appendNationalId(std::string &out, Random &rng, Market market, quint64 block, const District *district,
                      qint64 birthDay, bool female);

/// A bank account for direct debit: an IBAN with valid check digits (and, in Spain, valid
/// national control digits), or in China a UnionPay card number with its Luhn digit.
void appendBankAccount(std::string &out, Random &rng, Market market, quint64 block);

} // namespace Ud::Demo
