package io.latchkey.api.graph;

import io.latchkey.api.graph.odata.Expr;
import io.latchkey.api.graph.odata.FilterException;
import io.latchkey.api.graph.odata.FilterParser;
import io.latchkey.api.graph.odata.Literal;
import io.latchkey.core.inventory.DeviceCondition;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code $filter} parser and its mapping onto devices: a well-formed filter over the
 * documented properties parses back to the tree that printed it and always maps; any text at all,
 * random or a valid filter with a character changed, either maps or is refused as a 400 — never
 * another exception, which the HTTP layer would turn into a 500.
 */
class FilterPropertyTest {
    private static final List<String> TEXT = List.of("deviceName", "model", "serialNumber", "userPrincipalName",
            "osVersion");
    private static final List<String> DATES = List.of("enrolledDateTime", "lastSyncDateTime");

    @Property(tries = 500)
    void printed_filters_parse_back_to_the_same_tree_and_map(@ForAll("filters") Expr e) {
        String text = print(e);
        assertThat(FilterParser.parse(text)).as(text).isEqualTo(e);
        assertThat(ManagedDeviceFilter.of(FilterParser.parse(text))).isNotNull();
    }

    @Property(tries = 2000)
    void any_text_maps_or_is_a_400(@ForAll String text) {
        assertRefusedAs400OrMapped(text);
    }

    @Property(tries = 2000)
    void a_changed_character_in_a_valid_filter_maps_or_is_a_400(@ForAll("filters") Expr e,
                                                               @ForAll @IntRange(max = 10_000) int at,
                                                               @ForAll("noise") String noise, @ForAll boolean delete) {
        String text = print(e);
        int i = at % (text.length() + 1);
        String changed = delete && i < text.length() ? text.substring(0, i) + text.substring(i + 1)
                : text.substring(0, i) + noise + text.substring(i);
        assertRefusedAs400OrMapped(changed);
    }

    @Property(tries = 50)
    void deep_nesting_is_a_400_not_a_stack_overflow(@ForAll @IntRange(min = 65, max = 20_000) int depth) {
        String text = "(".repeat(depth) + "deviceName eq 'x'" + ")".repeat(depth);
        assertRefusedAs400OrMapped(text);
        assertRefusedAs400OrMapped("not ".repeat(depth) + "deviceName eq 'x'");
    }

    private static void assertRefusedAs400OrMapped(String text) {
        try {
            DeviceCondition c = ManagedDeviceFilter.of(FilterParser.parse(text));
            assertThat(c).isNotNull();
        } catch (FilterException refused) {
            assertThat(refused.getMessage()).isNotBlank();
        } catch (GraphError refused) {
            assertThat(refused.status()).as(text).isEqualTo(400);
        }
    }

    @Provide
    Arbitrary<String> noise() {
        return Arbitraries.of("(", ")", "'", ",", " ", "''", "eq", "and", "in", "x", "-", ":", "0", "Z", "\u0000",
                "é", "not", "/", "$");
    }

    @Provide
    Arbitrary<Expr> filters() {
        return filters(32);
    }

    /**
     * Trees at most {@code depth} operators deep, so their printed nesting stays under the parser's
     * limit of 64 (refusing deeper ones is the deep-nesting property's case); unbounded, the
     * recursion once went past it (a CI run on 2026-11-27: "the filter nests deeper than 64 levels").
     */
    private Arbitrary<Expr> filters(int depth) {
        if (depth == 0) {
            return atom();
        }
        return Arbitraries.lazyOf(this::atom, this::atom, this::atom,
                () -> Combinators.combine(filters(depth - 1), filters(depth - 1)).as(Expr.And::new),
                () -> Combinators.combine(filters(depth - 1), filters(depth - 1)).as(Expr.Or::new),
                () -> filters(depth - 1).map(Expr.Not::new));
    }

    private Arbitrary<Expr> atom() {
        Arbitrary<String> text = Arbitraries.strings().ofMaxLength(12).map(s -> s.replace("\u0000", ""));
        Arbitrary<Expr> textCompare = Combinators.combine(Arbitraries.of(TEXT), Arbitraries.of(Expr.Op.EQ, Expr.Op.NE),
                text).as((p, op, v) -> new Expr.Comparison(p, op, new Literal.Text(v)));
        Arbitrary<Expr> dateCompare = Combinators.combine(Arbitraries.of(DATES), Arbitraries.of(Expr.Op.values()),
                Arbitraries.longs().between(0, 4_000_000_000L)).as((p, op, s) -> new Expr.Comparison(p, op,
                new Literal.DateTime(OffsetDateTime.ofInstant(java.time.Instant.ofEpochSecond(s),
                        java.time.ZoneOffset.UTC))));
        Arbitrary<Expr> versionCompare = Combinators.combine(Arbitraries.of(Expr.Op.values()),
                Arbitraries.of("10.0.19045", "9.3", "17.4.1", "6.3")).as((op, v) -> new Expr.Comparison("osVersion",
                op, new Literal.Text(v)));
        Arbitrary<Expr> enums = Combinators.combine(Arbitraries.of("managementAgent", "operatingSystem",
                        "managedDeviceOwnerType"), Arbitraries.of(Expr.Op.EQ, Expr.Op.NE),
                Arbitraries.of("mdm", "easmdm", "EAS", "intuneClient", "jamf", "iOS", "windows", "company",
                        "personal", "unknown")).as((p, op, v) -> p.equals("managementAgent") ? new Expr.Comparison(p, op,
                new Literal.Text(v.equals("company") || v.equals("personal") || v.equals("iOS") || v.equals("windows")
                        ? "mdm" : v))
                : new Expr.Comparison(p, op, new Literal.Text(p.equals("operatingSystem") ? "iOS" : "company")));
        Arbitrary<Expr> in = Arbitraries.of("Windows", "iOS", "macOS", "Android").list().ofMinSize(1).ofMaxSize(4)
                .map(l -> new Expr.In("operatingSystem", l.stream().<Literal>map(Literal.Text::new).toList()));
        Arbitrary<Expr> ids = Arbitraries.create(UUID::randomUUID)
                .map(u -> new Expr.Comparison("id", Expr.Op.EQ, new Literal.Guid(u)));
        Arbitrary<Expr> starts = Combinators.combine(Arbitraries.of(TEXT), text)
                .as((p, v) -> new Expr.StartsWith(p, new Literal.Text(v)));
        Arbitrary<Expr> supervised = Arbitraries.of(true, false)
                .map(b -> new Expr.Comparison("isSupervised", Expr.Op.EQ, new Literal.Bool(b)));
        Arbitrary<Expr> nulls = Arbitraries.of("model", "lastSyncDateTime")
                .map(p -> new Expr.Comparison(p, Expr.Op.NE, new Literal.Null()));
        return Arbitraries.oneOf(textCompare, dateCompare, versionCompare, enums, in, ids, starts, supervised, nulls);
    }

    /** Prints a tree as a client would write it, fully parenthesised. */
    static String print(Expr e) {
        return switch (e) {
            case Expr.And a -> "(" + print(a.left()) + " and " + print(a.right()) + ")";
            case Expr.Or o -> "(" + print(o.left()) + " or " + print(o.right()) + ")";
            case Expr.Not n -> "not (" + print(n.operand()) + ")";
            case Expr.Comparison c -> c.property() + " " + c.op().name().toLowerCase() + " " + print(c.value());
            case Expr.In in -> in.property() + " in (" + String.join(", ", in.values().stream()
                    .map(FilterPropertyTest::print).toList()) + ")";
            case Expr.StartsWith s -> "startswith(" + s.property() + ", " + print(s.prefix()) + ")";
        };
    }

    static String print(Literal l) {
        return switch (l) {
            case Literal.Text t -> "'" + t.value().replace("'", "''") + "'";
            case Literal.Number n -> n.value().toPlainString();
            case Literal.Bool b -> Boolean.toString(b.value());
            case Literal.Null n -> "null";
            case Literal.DateTime d -> d.value().toString();
            case Literal.Guid g -> g.value().toString();
        };
    }
}
