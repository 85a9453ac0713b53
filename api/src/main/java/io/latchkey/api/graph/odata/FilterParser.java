package io.latchkey.api.graph.odata;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A recursive-descent parser for the {@code $filter} subset the Graph surface accepts
 * (OData 4.01 URL conventions, section 5.1.1): {@code or} binds looser than {@code and}, which
 * binds looser than {@code not}; comparisons {@code eq ne gt ge lt le}, {@code in (…)} and
 * {@code startswith(property, 'prefix')}; parentheses. Keywords are case-insensitive, as Graph
 * accepts them. Anything else is a {@link FilterException}, never a guess.
 */
public final class FilterParser {
    /** Deep nesting is never needed by a real query and must not exhaust the stack. */
    static final int MAX_DEPTH = 64;
    static final int MAX_LENGTH = 16_384;
    static final int MAX_LITERALS = 2_000;

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern NUMBER = Pattern.compile("-?[0-9]+(\\.[0-9]+)?([eE][+-]?[0-9]+)?");
    private static final Pattern DATE_TIME = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}T.*");
    private static final Pattern GUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final List<Token> tokens;
    private int pos;
    private int depth;
    private int literals;

    private FilterParser(List<Token> tokens) {
        this.tokens = tokens;
    }

    public static Expr parse(String text) {
        if (text == null || text.isBlank()) {
            throw new FilterException("the filter is empty");
        }
        if (text.length() > MAX_LENGTH) {
            throw new FilterException("the filter is longer than " + MAX_LENGTH + " characters");
        }
        FilterParser p = new FilterParser(Lexer.tokens(text));
        Expr e = p.or();
        Token t = p.peek();
        if (t.kind() != Token.Kind.END) {
            throw p.unexpected(t, "the end of the filter");
        }
        return e;
    }

    private Expr or() {
        Expr left = and();
        while (keyword("or")) {
            left = new Expr.Or(left, and());
        }
        return left;
    }

    private Expr and() {
        Expr left = unary();
        while (keyword("and")) {
            left = new Expr.And(left, unary());
        }
        return left;
    }

    private Expr unary() {
        if (++depth > MAX_DEPTH) {
            throw new FilterException("the filter nests deeper than " + MAX_DEPTH + " levels");
        }
        try {
            if (keyword("not")) {
                return new Expr.Not(unary());
            }
            return primary();
        } finally {
            depth--;
        }
    }

    private Expr primary() {
        Token t = next();
        if (t.kind() == Token.Kind.OPEN) {
            Expr inner = or();
            expect(Token.Kind.CLOSE, "')'");
            return inner;
        }
        if (t.kind() != Token.Kind.WORD || !NAME.matcher(t.text()).matches()) {
            throw unexpected(t, "a property name, 'not', 'startswith(' or '('");
        }
        if (peek().kind() == Token.Kind.OPEN) {
            return function(t);
        }
        String property = t.text();
        Token op = next();
        if (op.kind() != Token.Kind.WORD) {
            throw unexpected(op, "an operator (eq, ne, gt, ge, lt, le, in) after '" + property + "'");
        }
        String word = op.text().toLowerCase(Locale.ROOT);
        if (word.equals("in")) {
            expect(Token.Kind.OPEN, "'(' after 'in'");
            List<Literal> values = new ArrayList<>();
            values.add(literal());
            while (peek().kind() == Token.Kind.COMMA) {
                next();
                values.add(literal());
            }
            expect(Token.Kind.CLOSE, "')' closing the 'in' list");
            return new Expr.In(property, values);
        }
        Expr.Op operator = switch (word) {
            case "eq" -> Expr.Op.EQ;
            case "ne" -> Expr.Op.NE;
            case "gt" -> Expr.Op.GT;
            case "ge" -> Expr.Op.GE;
            case "lt" -> Expr.Op.LT;
            case "le" -> Expr.Op.LE;
            default -> throw new FilterException("operator '" + op.text() + "' at position " + (op.position() + 1)
                    + " is not supported (supported: eq, ne, gt, ge, lt, le, in, and, or, not, startswith)");
        };
        return new Expr.Comparison(property, operator, literal());
    }

    private Expr function(Token name) {
        if (!name.text().equalsIgnoreCase("startswith")) {
            throw new FilterException("function '" + name.text() + "' is not supported (supported: startswith)");
        }
        expect(Token.Kind.OPEN, "'('");
        Token property = next();
        if (property.kind() != Token.Kind.WORD || !NAME.matcher(property.text()).matches()) {
            throw unexpected(property, "a property name as startswith's first argument");
        }
        expect(Token.Kind.COMMA, "','");
        Literal prefix = literal();
        expect(Token.Kind.CLOSE, "')'");
        return new Expr.StartsWith(property.text(), prefix);
    }

    private Literal literal() {
        if (++literals > MAX_LITERALS) {
            throw new FilterException("the filter has more than " + MAX_LITERALS + " values");
        }
        Token t = next();
        if (t.kind() == Token.Kind.STRING) {
            return new Literal.Text(t.text());
        }
        if (t.kind() != Token.Kind.WORD) {
            throw unexpected(t, "a value");
        }
        String w = t.text();
        String lower = w.toLowerCase(Locale.ROOT);
        if (lower.equals("true") || lower.equals("false")) {
            return new Literal.Bool(lower.equals("true"));
        }
        if (lower.equals("null")) {
            return new Literal.Null();
        }
        if (GUID.matcher(w).matches()) {
            return new Literal.Guid(UUID.fromString(w));
        }
        if (DATE_TIME.matcher(w).matches()) {
            try {
                return new Literal.DateTime(OffsetDateTime.parse(w));
            } catch (DateTimeParseException e) {
                throw new FilterException("'" + w + "' at position " + (t.position() + 1)
                        + " is not a date-time such as 2024-05-01T00:00:00Z");
            }
        }
        if (NUMBER.matcher(w).matches() && w.length() <= 40) {
            return new Literal.Number(new BigDecimal(w));
        }
        throw unexpected(t, "a value ('text', a number, true, false, null, a date-time or a GUID)");
    }

    private boolean keyword(String word) {
        Token t = peek();
        if (t.kind() == Token.Kind.WORD && t.text().equalsIgnoreCase(word)) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(Token.Kind kind, String what) {
        Token t = next();
        if (t.kind() != kind) {
            throw unexpected(t, what);
        }
    }

    private Token peek() {
        return tokens.get(pos);
    }

    private Token next() {
        Token t = tokens.get(pos);
        if (t.kind() != Token.Kind.END) {
            pos++;
        }
        return t;
    }

    private FilterException unexpected(Token t, String expected) {
        String found = switch (t.kind()) {
            case END -> "the end of the filter";
            case STRING -> "'" + t.text() + "'";
            default -> "'" + t.text() + "'";
        };
        return new FilterException("expected " + expected + " at position " + (t.position() + 1) + ", found "
                + found);
    }
}
