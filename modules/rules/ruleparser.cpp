#include "ruleparser.h"

#include "rulechecker.h"
#include "ruleprinter.h"

#include <core/error.h>

#include <QCoreApplication>
#include <QRegularExpression>

namespace Ud::Rules {

namespace {

struct Tr {
    Q_DECLARE_TR_FUNCTIONS(Ud::Rules::RuleParser)
};

struct Token
{
    enum class Type { Word, String, Number, Symbol, End };
    Type type = Type::End;
    QString text;   ///< the word, the unquoted string, the number or the symbol
    qsizetype position = 0; ///< 0-based start in the rule text
    Value value;    ///< for String and Number
};

/// A parse failure at a UTF-16 index; RuleParser::parse turns the index into the character
/// position people count (an emoji is one character, not two).
struct ParseFailure
{
    qsizetype index;
    QString sentence;
};

[[noreturn]] void fail(qsizetype index, const QString &sentence)
{
    throw ParseFailure{index, sentence};
}

bool isWordStart(QChar c) { return c.isLetter() || c == QLatin1Char('_'); }
bool isWordChar(QChar c) { return c.isLetterOrNumber() || c == QLatin1Char('_') || c == QLatin1Char('.'); }

QList<Token> tokenize(const QString &text)
{
    QList<Token> tokens;
    qsizetype i = 0;
    while (i < text.size()) {
        const QChar c = text.at(i);
        if (c.isSpace()) {
            ++i;
            continue;
        }
        Token t;
        t.position = i;
        if (isWordStart(c)) {
            qsizetype end = i;
            while (end < text.size() && isWordChar(text.at(end)))
                ++end;
            t.type = Token::Type::Word;
            t.text = text.mid(i, end - i);
            i = end;
        } else if (c == QLatin1Char('"')) {
            QString value;
            qsizetype j = i + 1;
            bool closed = false;
            while (j < text.size()) {
                const QChar d = text.at(j);
                if (d == QLatin1Char('\\') && j + 1 < text.size()) {
                    value.append(text.at(j + 1));
                    j += 2;
                } else if (d == QLatin1Char('"')) {
                    closed = true;
                    ++j;
                    break;
                } else {
                    value.append(d);
                    ++j;
                }
            }
            if (!closed)
                fail(i, Tr::tr("the text in quotes is not closed; add the closing \"."));
            t.type = Token::Type::String;
            t.text = value;
            t.value = Value::string(value);
            i = j;
        } else if (c.isDigit() || (c == QLatin1Char('-') && i + 1 < text.size() && text.at(i + 1).isDigit())) {
            qsizetype end = i + 1;
            while (end < text.size() && (text.at(end).isLetterOrNumber() || text.at(end) == QLatin1Char('.')
                                         || text.at(end) == QLatin1Char('-') || text.at(end) == QLatin1Char('_')))
                ++end;
            t.type = Token::Type::Number;
            t.text = text.mid(i, end - i);
            static const QRegularExpression integer(QStringLiteral("^-?\\d{1,15}$"));
            static const QRegularExpression date(QStringLiteral("^\\d{4}-\\d{2}-\\d{2}$"));
            if (integer.match(t.text).hasMatch()) {
                t.value = Value::integer(t.text.toLongLong());
            } else if (date.match(t.text).hasMatch()) {
                const QDate day = QDate::fromString(t.text, Qt::ISODate);
                if (!day.isValid())
                    fail(i, Tr::tr("\"%1\" is not a date; write dates as YYYY-MM-DD, such as 2024-01-31.").arg(t.text));
                t.value = Value::date(day);
            } else if (const auto d = Decimal::fromText(t.text)) {
                t.value = Value::decimal(*d);
            } else {
                fail(i, Tr::tr("\"%1\" is not a number; write numbers such as 500 or 0.25 (at most 6 decimals), "
                               "and dates as YYYY-MM-DD.").arg(t.text));
            }
            i = end;
        } else {
            static const QStringList symbols{QStringLiteral("!="), QStringLiteral("<="), QStringLiteral(">="),
                                             QStringLiteral("="), QStringLiteral("<"), QStringLiteral(">"),
                                             QStringLiteral("("), QStringLiteral(")"), QStringLiteral(",")};
            for (const QString &s : symbols) {
                if (QStringView(text).mid(i).startsWith(s)) {
                    t.type = Token::Type::Symbol;
                    t.text = s;
                    break;
                }
            }
            if (t.type != Token::Type::Symbol)
                fail(i, Tr::tr("\"%1\" is not part of the rule language; put text in quotes.").arg(c));
            i += t.text.size();
        }
        tokens.append(t);
    }
    Token end;
    end.position = text.size();
    tokens.append(end);
    return tokens;
}

class Parser
{
public:
    Parser(const QString &text, const AttributeRegistry &registry)
        : m_text(text), m_tokens(tokenize(text)), m_registry(registry) {}

    Rule parseAll()
    {
        Rule rule = parseOr();
        if (peek().type != Token::Type::End)
            fail(peek().position, Tr::tr("expected \"and\", \"or\" or the end of the rule, not %1.").arg(shown(peek())));
        return rule;
    }

private:
    const Token &peek() const { return m_tokens.at(m_index); }
    Token take() { return m_tokens.at(m_index++); }
    bool isKeyword(const Token &t, const char *word) const
    {
        return t.type == Token::Type::Word && t.text.compare(QLatin1String(word), Qt::CaseInsensitive) == 0;
    }
    bool isSymbol(const Token &t, const char *symbol) const
    {
        return t.type == Token::Type::Symbol && t.text == QLatin1String(symbol);
    }
    static QString shown(const Token &t)
    {
        switch (t.type) {
        case Token::Type::String: return RulePrinter::text(t.value);
        case Token::Type::End: return Tr::tr("the end of the rule");
        default: return QLatin1Char('"') + t.text + QLatin1Char('"');
        }
    }
    static bool reserved(const Token &t)
    {
        static const QStringList words{QStringLiteral("and"), QStringLiteral("or"), QStringLiteral("not"),
                                       QStringLiteral("in"), QStringLiteral("between"), QStringLiteral("matches"),
                                       QStringLiteral("has"), QStringLiteral("true"), QStringLiteral("false")};
        return t.type == Token::Type::Word && words.contains(t.text.toLower());
    }

    Rule parseOr()
    {
        std::vector<Rule> parts{parseAnd()};
        while (isKeyword(peek(), "or")) {
            take();
            parts.push_back(parseAnd());
        }
        return parts.size() == 1 ? std::move(parts.front()) : Rule::any(std::move(parts));
    }

    Rule parseAnd()
    {
        std::vector<Rule> parts{parseNot()};
        while (isKeyword(peek(), "and")) {
            take();
            parts.push_back(parseNot());
        }
        return parts.size() == 1 ? std::move(parts.front()) : Rule::all(std::move(parts));
    }

    Rule parseNot()
    {
        if (isKeyword(peek(), "not")) {
            take();
            return Rule::negate(parseNot());
        }
        if (isSymbol(peek(), "(")) {
            const Token open = take();
            Rule inner = parseOr();
            if (!isSymbol(peek(), ")")) {
                fail(peek().position, Tr::tr("expected \")\" to close the \"(\" at position %1, not %2.")
                                          .arg(QStringView(m_text).left(open.position).toUcs4().size() + 1).arg(shown(peek())));
            }
            take();
            return inner;
        }
        if (isKeyword(peek(), "has"))
            return parseHas();
        return parseCondition();
    }

    Rule parseHas()
    {
        take();
        const Token kind = peek();
        if (kind.type != Token::Type::Word || reserved(kind)) {
            QStringList names;
            for (const HasKind &k : m_registry.hasKinds())
                names.append(QLatin1Char('"') + k.name + QLatin1Char('"'));
            fail(kind.position, Tr::tr("expected what the customer has after \"has\" (%1), not %2.")
                                    .arg(names.join(QStringLiteral(", ")), shown(kind)));
        }
        take();
        Condition c;
        c.op = Condition::Op::Has;
        c.attribute = kind.text;
        const Token item = peek();
        if (item.type == Token::Type::String || item.type == Token::Type::Number) {
            take();
            c.values.append(item.value);
        }
        check(c, kind, {}, {item});
        return Rule(c);
    }

    Value parseValue(const Token &after)
    {
        const Token t = peek();
        if (t.type == Token::Type::String || t.type == Token::Type::Number) {
            take();
            return t.value;
        }
        if (isKeyword(t, "true") || isKeyword(t, "false")) {
            take();
            return Value::boolean(isKeyword(t, "true"));
        }
        fail(t.position, Tr::tr("expected a value after \"%1\", such as \"residential\" or 500.").arg(after.text));
    }

    Rule parseCondition()
    {
        const Token name = peek();
        if (name.type != Token::Type::Word || reserved(name)) {
            fail(name.position, Tr::tr("expected a condition such as class = \"residential\", \"not\" or \"(\", not %1.")
                                    .arg(shown(name)));
        }
        take();
        Condition c;
        c.attribute = name.text;
        Token periodToken;
        if (isSymbol(peek(), "(")) {
            take();
            periodToken = peek();
            c.period = parsePeriod();
        }
        const Token op = peek();
        static const QList<std::pair<const char *, Condition::Op>> comparisons{
            {"=", Condition::Op::Equal}, {"!=", Condition::Op::NotEqual}, {"<", Condition::Op::Less},
            {"<=", Condition::Op::LessOrEqual}, {">", Condition::Op::Greater}, {">=", Condition::Op::GreaterOrEqual}};
        bool found = false;
        for (const auto &[symbol, kind] : comparisons) {
            if (isSymbol(op, symbol)) {
                c.op = kind;
                found = true;
            }
        }
        QList<Token> valueTokens;
        if (found) {
            take();
            valueTokens.append(peek());
            c.values.append(parseValue(op));
        } else if (isKeyword(op, "in")) {
            take();
            c.op = Condition::Op::In;
            if (!isSymbol(peek(), "("))
                fail(peek().position, Tr::tr("expected \"(\" after \"in\", as in region in (\"north\", \"south\")."));
            Token previous = take();
            for (;;) {
                valueTokens.append(peek());
                c.values.append(parseValue(previous));
                if (isSymbol(peek(), ")")) {
                    take();
                    break;
                }
                if (!isSymbol(peek(), ","))
                    fail(peek().position, Tr::tr("expected \",\" or \")\" in the list after \"in\", not %1.").arg(shown(peek())));
                previous = take();
            }
        } else if (isKeyword(op, "between")) {
            take();
            c.op = Condition::Op::Between;
            valueTokens.append(peek());
            c.values.append(parseValue(op));
            if (!isKeyword(peek(), "and")) {
                fail(peek().position, Tr::tr("expected \"and\" between the two bounds of \"between\", as in "
                                             "household_size between 2 and 4."));
            }
            const Token andToken = take();
            valueTokens.append(peek());
            c.values.append(parseValue(andToken));
        } else if (isKeyword(op, "matches")) {
            take();
            c.op = Condition::Op::Matches;
            if (peek().type != Token::Type::String)
                fail(peek().position, Tr::tr("expected text in quotes after \"matches\", such as \"smith\"."));
            valueTokens.append(peek());
            c.values.append(take().value);
        } else {
            fail(op.position, Tr::tr("expected an operator after \"%1\" (=, !=, <, <=, >, >=, in, between or matches), "
                                     "not %2.").arg(name.text, shown(op)));
        }
        check(c, name, periodToken, valueTokens);
        return Rule(c);
    }

    Period parsePeriod()
    {
        const Token last = peek();
        const QString expected = Tr::tr("a period such as \"last 12 months\"");
        if (!isKeyword(last, "last"))
            fail(last.position, Tr::tr("expected %1 after \"(\", not %2.").arg(expected, shown(last)));
        take();
        const Token count = peek();
        if (count.type != Token::Type::Number || count.value.type() != Value::Type::Integer || count.value.toInteger() < 1
            || count.value.toInteger() > 1000) {
            fail(count.position, Tr::tr("expected a whole number of days, months or years from 1 to 1000 after \"last\", "
                                        "not %1.").arg(shown(count)));
        }
        take();
        const Token unit = peek();
        Period period;
        period.count = int(count.value.toInteger());
        const QString u = unit.text.toLower();
        if (unit.type == Token::Type::Word && (u == QLatin1String("day") || u == QLatin1String("days")))
            period.unit = Period::Unit::Days;
        else if (unit.type == Token::Type::Word && (u == QLatin1String("month") || u == QLatin1String("months")))
            period.unit = Period::Unit::Months;
        else if (unit.type == Token::Type::Word && (u == QLatin1String("year") || u == QLatin1String("years")))
            period.unit = Period::Unit::Years;
        else
            fail(unit.position, Tr::tr("expected \"days\", \"months\" or \"years\" after \"last %1\", not %2.")
                                    .arg(count.text, shown(unit)));
        take();
        if (!isSymbol(peek(), ")"))
            fail(peek().position, Tr::tr("expected \")\" after \"last %1 %2\", not %3.").arg(count.text, unit.text, shown(peek())));
        take();
        return period;
    }

    void check(Condition &c, const Token &name, const Token &period, const QList<Token> &values)
    {
        const auto problem = RuleChecker::resolve(c, m_registry);
        if (!problem)
            return;
        switch (problem->where) {
        case RuleProblem::Where::Attribute: fail(name.position, problem->sentence);
        case RuleProblem::Where::Period: fail(period.position, problem->sentence);
        case RuleProblem::Where::Value: fail(values.value(problem->valueIndex, name).position, problem->sentence);
        }
    }

    QString m_text;
    QList<Token> m_tokens;
    qsizetype m_index = 0;
    const AttributeRegistry &m_registry;
};

} // namespace

Rule RuleParser::parse(const QString &text, const AttributeRegistry &registry)
{
    try {
        return Parser(text, registry).parseAll();
    } catch (const ParseFailure &failure) {
        const qsizetype position = QStringView(text).left(failure.index).toUcs4().size() + 1;
        throw Core::Error(Core::Error::Kind::BadInput, Tr::tr("Position %1: %2").arg(position).arg(failure.sentence));
    }
}

} // namespace Ud::Rules
