package io.latchkey.core.inventory;

import java.util.List;
import java.util.Objects;

/**
 * A boolean condition on devices, richer than {@link DeviceFilter}: and, or, not, comparisons,
 * membership and prefixes over {@link DeviceField}s. Surfaces build it from their own query
 * languages (the Graph API's {@code $filter}); the store turns it into SQL. A comparison with a
 * property the device does not have (null) is false, except {@code ne}, which is true, so
 * {@code not} always means the complement.
 */
public sealed interface DeviceCondition {

    DeviceCondition ALL = new All();

    /** Every device. */
    record All() implements DeviceCondition {
    }

    record And(List<DeviceCondition> parts) implements DeviceCondition {
        public And {
            parts = List.copyOf(parts);
        }
    }

    record Or(List<DeviceCondition> parts) implements DeviceCondition {
        public Or {
            parts = List.copyOf(parts);
        }
    }

    record Not(DeviceCondition part) implements DeviceCondition {
        public Not {
            Objects.requireNonNull(part, "part");
        }
    }

    enum Op { EQ, NE, GT, GE, LT, LE }

    /** {@code value} is of the field's {@link DeviceField.Kind#type()}, or null (eq/ne only: "has none"). */
    record Compare(DeviceField field, Op op, Object value) implements DeviceCondition {
        public Compare {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(op, "op");
            check(field, value);
            if (value == null && op != Op.EQ && op != Op.NE) {
                throw new IllegalArgumentException("only eq and ne compare with null");
            }
            if (op != Op.EQ && op != Op.NE && !field.ordered()) {
                throw new IllegalArgumentException(field + " has no order to compare with " + op);
            }
        }
    }

    /** The field equals one of the values (none null). */
    record In(DeviceField field, List<Object> values) implements DeviceCondition {
        public In {
            Objects.requireNonNull(field, "field");
            values = List.copyOf(values);
            if (values.isEmpty()) {
                throw new IllegalArgumentException("in needs at least one value");
            }
            values.forEach(v -> check(field, Objects.requireNonNull(v, "value")));
        }
    }

    /**
     * The device is a member of one of these static groups (a role assignment's scope, issue 8
     * item 2). No groups: no device. The store answers it from the (device, group) membership
     * index, so a scope narrows a page or a count without loading the fleet.
     */
    record InGroups(java.util.Set<java.util.UUID> groupIds) implements DeviceCondition {
        public InGroups {
            groupIds = java.util.Set.copyOf(groupIds);
        }
    }

    /** A text field starts with the prefix (case-insensitively for names and principal names). */
    record StartsWith(DeviceField field, String prefix) implements DeviceCondition {
        public StartsWith {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(prefix, "prefix");
            if (field.kind() != DeviceField.Kind.TEXT && field.kind() != DeviceField.Kind.VERSION) {
                throw new IllegalArgumentException(field + " is not text");
            }
        }
    }

    private static void check(DeviceField field, Object value) {
        if (value != null && !field.kind().type().isInstance(value)) {
            throw new IllegalArgumentException(field + " compares with " + field.kind().type().getSimpleName()
                    + ", not " + value.getClass().getSimpleName());
        }
    }
}
