package io.latchkey.api.graph;

import io.latchkey.api.graph.odata.Expr;
import io.latchkey.api.graph.odata.Literal;
import io.latchkey.core.inventory.DeviceCondition;
import io.latchkey.core.inventory.DeviceCondition.Op;
import io.latchkey.core.inventory.DeviceField;
import io.latchkey.core.inventory.ManagementChannel;
import io.latchkey.core.inventory.Ownership;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Gives a parsed {@code $filter} its meaning on {@code managedDevice}: which Graph properties can
 * be filtered, with which operators, and what their literals mean, producing a core
 * {@link DeviceCondition} the store evaluates. Enum literals are case-insensitive
 * ({@code 'easmdm'} in Microsoft's samples); an enum value Graph defines but no Latchkey device
 * can have matches nothing; anything else unsupported is a 400 naming the property.
 */
final class ManagedDeviceFilter {
    private static final DeviceCondition NOTHING = new DeviceCondition.Or(List.of());

    /** Graph property → field (property names case-insensitive, as Graph treats them). */
    private static final Map<String, DeviceField> PROPERTIES = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    static {
        PROPERTIES.put("id", DeviceField.ID);
        PROPERTIES.put("deviceName", DeviceField.NAME);
        PROPERTIES.put("managedDeviceName", DeviceField.NAME);
        PROPERTIES.put("operatingSystem", DeviceField.PLATFORM);
        PROPERTIES.put("osVersion", DeviceField.OS_VERSION);
        PROPERTIES.put("managementAgent", DeviceField.CHANNEL);
        PROPERTIES.put("managedDeviceOwnerType", DeviceField.OWNERSHIP);
        PROPERTIES.put("ownerType", DeviceField.OWNERSHIP);
        PROPERTIES.put("enrolledDateTime", DeviceField.ENROLLED_AT);
        PROPERTIES.put("lastSyncDateTime", DeviceField.LAST_CHECK_IN);
        PROPERTIES.put("model", DeviceField.MODEL);
        PROPERTIES.put("serialNumber", DeviceField.SERIAL_NUMBER);
        PROPERTIES.put("userId", DeviceField.USER_ID);
        PROPERTIES.put("userPrincipalName", DeviceField.USER_PRINCIPAL_NAME);
        PROPERTIES.put("emailAddress", DeviceField.USER_PRINCIPAL_NAME);
        PROPERTIES.put("isSupervised", DeviceField.SUPERVISED);
    }

    private ManagedDeviceFilter() {
    }

    static DeviceCondition of(Expr e) {
        return switch (e) {
            case null -> DeviceCondition.ALL;
            case Expr.And a -> new DeviceCondition.And(List.of(of(a.left()), of(a.right())));
            case Expr.Or o -> new DeviceCondition.Or(List.of(of(o.left()), of(o.right())));
            case Expr.Not n -> new DeviceCondition.Not(of(n.operand()));
            case Expr.Comparison c -> comparison(c);
            case Expr.In in -> in(in);
            case Expr.StartsWith s -> startsWith(s);
        };
    }

    private static DeviceField field(String property) {
        DeviceField f = PROPERTIES.get(property);
        if (f == null) {
            throw GraphError.badRequest("filtering on '" + property + "' is not supported (filterable: "
                    + String.join(", ", PROPERTIES.keySet()) + ")");
        }
        return f;
    }

    private static DeviceCondition comparison(Expr.Comparison c) {
        DeviceField f = field(c.property());
        Op op = Op.valueOf(c.op().name());
        if (op != Op.EQ && op != Op.NE && !f.ordered()) {
            throw GraphError.badRequest("operator " + op.name().toLowerCase(Locale.ROOT) + " is not supported on '"
                    + c.property() + "' (only dates and versions are ordered)");
        }
        if (c.value() instanceof Literal.Null) {
            if (op != Op.EQ && op != Op.NE) {
                throw GraphError.badRequest("only eq and ne compare with null");
            }
            return new DeviceCondition.Compare(f, op, null);
        }
        List<Object> values = values(f, c.property(), c.value());
        DeviceCondition match = values.isEmpty() ? NOTHING : values.size() == 1
                ? new DeviceCondition.Compare(f, op == Op.NE ? Op.EQ : op, values.getFirst())
                : new DeviceCondition.In(f, values);
        return op == Op.NE ? new DeviceCondition.Not(match) : match;
    }

    private static DeviceCondition in(Expr.In in) {
        DeviceField f = field(in.property());
        List<Object> values = new ArrayList<>();
        for (Literal l : in.values()) {
            if (l instanceof Literal.Null) {
                throw GraphError.badRequest("null cannot be a member of an 'in' list");
            }
            values.addAll(values(f, in.property(), l));
        }
        return values.isEmpty() ? NOTHING : new DeviceCondition.In(f, values.stream().distinct().toList());
    }

    private static DeviceCondition startsWith(Expr.StartsWith s) {
        DeviceField f = field(s.property());
        if (f.kind() != DeviceField.Kind.TEXT && f.kind() != DeviceField.Kind.VERSION) {
            throw GraphError.badRequest("startswith is supported on text properties only, not on '" + s.property()
                    + "'");
        }
        if (!(s.prefix() instanceof Literal.Text t)) {
            throw GraphError.badRequest("startswith takes a quoted text prefix");
        }
        return new DeviceCondition.StartsWith(f, t.value());
    }

    /**
     * The core values a literal stands for: usually one; several for "Windows" (every Windows
     * edition); none for a Graph enum value no Latchkey device can have.
     */
    private static List<Object> values(DeviceField f, String property, Literal l) {
        return switch (f.kind()) {
            case TEXT, VERSION -> List.of(text(property, l));
            case UUID -> List.of(uuid(property, l));
            case INSTANT -> List.of(instant(property, l));
            case BOOLEAN -> {
                if (!(l instanceof Literal.Bool b)) {
                    throw GraphError.badRequest("'" + property + "' compares with true or false");
                }
                yield List.of(b.value());
            }
            case PLATFORM -> List.copyOf(GraphNames.platforms(text(property, l)));
            case CHANNEL -> {
                Optional<ManagementChannel> c = GraphNames.channel(text(property, l));
                yield c.<List<Object>>map(List::of).orElse(List.of());
            }
            case OWNERSHIP -> {
                String v = text(property, l);
                if (v.equalsIgnoreCase("unknown")) {
                    yield List.of();
                }
                try {
                    yield List.of(Ownership.parse(v));
                } catch (IllegalArgumentException e) {
                    throw GraphError.badRequest("'" + v + "' is not a managedDeviceOwnerType (unknown, company, "
                            + "personal)");
                }
            }
        };
    }

    private static String text(String property, Literal l) {
        if (l instanceof Literal.Text t) {
            return t.value();
        }
        throw GraphError.badRequest("'" + property + "' compares with a quoted text value");
    }

    private static UUID uuid(String property, Literal l) {
        if (l instanceof Literal.Guid g) {
            return g.value();
        }
        if (l instanceof Literal.Text t) {
            try {
                return UUID.fromString(t.value().trim());
            } catch (IllegalArgumentException e) {
                throw GraphError.badRequest("'" + t.value() + "' is not a valid " + property);
            }
        }
        throw GraphError.badRequest("'" + property + "' compares with an id");
    }

    private static Instant instant(String property, Literal l) {
        if (l instanceof Literal.DateTime d) {
            return d.value().toInstant();
        }
        if (l instanceof Literal.Text t) {
            try {
                return java.time.OffsetDateTime.parse(t.value().trim()).toInstant();
            } catch (java.time.format.DateTimeParseException e) {
                throw GraphError.badRequest("'" + t.value() + "' is not a date-time such as 2024-05-01T00:00:00Z");
            }
        }
        throw GraphError.badRequest("'" + property + "' compares with a date-time such as 2024-05-01T00:00:00Z");
    }
}
