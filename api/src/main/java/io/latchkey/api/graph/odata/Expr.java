package io.latchkey.api.graph.odata;

import java.util.List;

/**
 * The syntax tree of a {@code $filter} expression: what was written, with no meaning attached
 * yet (which properties exist and which operators they take is the caller's business).
 */
public sealed interface Expr {

    record And(Expr left, Expr right) implements Expr {
    }

    record Or(Expr left, Expr right) implements Expr {
    }

    record Not(Expr operand) implements Expr {
    }

    enum Op { EQ, NE, GT, GE, LT, LE }

    /** {@code property op literal}. */
    record Comparison(String property, Op op, Literal value) implements Expr {
    }

    /** {@code property in (literal, …)}. */
    record In(String property, List<Literal> values) implements Expr {
        public In {
            values = List.copyOf(values);
        }
    }

    /** {@code startswith(property, literal)}. */
    record StartsWith(String property, Literal prefix) implements Expr {
    }
}
