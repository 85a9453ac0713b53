package io.latchkey.store.jdbc.inventory;

import io.latchkey.core.inventory.DeviceCondition;
import io.latchkey.core.inventory.DeviceField;
import io.latchkey.core.inventory.OsVersion;
import io.latchkey.store.jdbc.Conditions;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a {@link DeviceCondition} as one SQL predicate over {@code device d}, with named
 * parameters. Every atom is two-valued (a null column makes it false, or true for {@code ne})
 * so that {@code NOT} is the complement, as the condition's contract says, and never SQL's
 * unknown. Values are always bound, never inlined, except enum names.
 */
final class ConditionSql {
    private final Map<String, Object> params;
    private int next;

    private ConditionSql(Map<String, Object> params) {
        this.params = params;
    }

    /** Adds the condition to {@code where} (nothing for {@link DeviceCondition.All}). */
    static void add(DeviceCondition condition, Conditions where) {
        if (condition == null || condition instanceof DeviceCondition.All) {
            return;
        }
        Map<String, Object> params = new java.util.HashMap<>();
        String sql = new ConditionSql(params).sql(condition);
        where.add("(" + sql + ")");
        params.forEach(where::bind);
    }

    private String sql(DeviceCondition c) {
        return switch (c) {
            case DeviceCondition.All all -> "1 = 1";
            case DeviceCondition.And and -> join(and.parts(), " AND ");
            case DeviceCondition.Or or -> join(or.parts(), " OR ");
            case DeviceCondition.Not not -> "NOT (" + sql(not.part()) + ")";
            case DeviceCondition.Compare cmp -> compare(cmp);
            case DeviceCondition.In in -> in(in);
            case DeviceCondition.StartsWith sw -> startsWith(sw);
            case DeviceCondition.InGroups groups -> inGroups(groups.groupIds());
        };
    }

    private String join(List<DeviceCondition> parts, String op) {
        List<String> out = new ArrayList<>();
        for (DeviceCondition p : parts) {
            out.add("(" + sql(p) + ")");
        }
        return out.isEmpty() ? (op.equals(" OR ") ? "1 = 0" : "1 = 1") : String.join(op, out);
    }

    private String compare(DeviceCondition.Compare cmp) {
        DeviceField f = cmp.field();
        if (cmp.value() == null) {
            String isNull = column(f, false) + " IS NULL";
            return cmp.op() == DeviceCondition.Op.EQ ? isNull : "NOT (" + isNull + ")";
        }
        if (f == DeviceField.USER_PRINCIPAL_NAME) {
            String match = userMatch("u.upn_key = " + bind(lower(cmp.value())));
            return cmp.op() == DeviceCondition.Op.NE ? "NOT (" + match + ")" : match;
        }
        boolean ordered = cmp.op() != DeviceCondition.Op.EQ && cmp.op() != DeviceCondition.Op.NE;
        String col = column(f, ordered);
        String value = bind(value(f, cmp.value(), ordered));
        String atom = col + " IS NOT NULL AND " + col + " " + symbol(cmp.op() == DeviceCondition.Op.NE
                ? DeviceCondition.Op.EQ : cmp.op()) + " " + value;
        return cmp.op() == DeviceCondition.Op.NE ? "NOT (" + atom + ")" : atom;
    }

    private String in(DeviceCondition.In in) {
        DeviceField f = in.field();
        List<String> marks = new ArrayList<>();
        for (Object v : in.values()) {
            marks.add(bind(f == DeviceField.USER_PRINCIPAL_NAME ? lower(v) : value(f, v, false)));
        }
        String list = "(" + String.join(", ", marks) + ")";
        if (f == DeviceField.USER_PRINCIPAL_NAME) {
            return userMatch("u.upn_key IN " + list);
        }
        String col = column(f, false);
        return col + " IS NOT NULL AND " + col + " IN " + list;
    }

    private String startsWith(DeviceCondition.StartsWith sw) {
        boolean folded = sw.field() == DeviceField.NAME || sw.field() == DeviceField.USER_PRINCIPAL_NAME;
        String prefix = folded ? sw.prefix().toLowerCase(Locale.ROOT) : sw.prefix();
        String pattern = bind(prefix.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%");
        if (sw.field() == DeviceField.USER_PRINCIPAL_NAME) {
            return userMatch("u.upn_key LIKE " + pattern + Conditions.LIKE_ESCAPE);
        }
        String col = column(sw.field(), false);
        return col + " IS NOT NULL AND " + col + " LIKE " + pattern + Conditions.LIKE_ESCAPE;
    }

    private String inGroups(java.util.Set<java.util.UUID> groups) {
        if (groups.isEmpty()) {
            return "1 = 0";
        }
        List<String> marks = new ArrayList<>();
        groups.stream().sorted().forEach(g -> marks.add(bind(g)));
        return membership(String.join(", ", marks));
    }

    /**
     * A device in one of the groups (bound marks): a probe of the (device) membership index per row,
     * so a scope narrows a keyset walk without a join that could reorder it.
     */
    static String membership(String groupMarks) {
        return "EXISTS (SELECT 1 FROM group_member sm WHERE sm.device_id = d.id AND sm.group_id IN (" + groupMarks
                + "))";
    }

    /** The enrolling user matches: a seek on the principal name's unique key, then on the device's user. */
    private static String userMatch(String userCondition) {
        return "d.enrolling_user_id IS NOT NULL AND d.enrolling_user_id IN (SELECT u.id FROM user_account u WHERE "
                + userCondition + ")";
    }

    /** The column, or for ordered comparisons of versions, the version's sort key. */
    static String column(DeviceField f, boolean ordered) {
        return switch (f) {
            case ID -> "d.id";
            case NAME -> "d.name_key";
            case PLATFORM -> "d.platform";
            case OS_VERSION -> ordered ? "d.os_version_key" : "d.os_version";
            case CHANNEL -> "d.channel";
            case OWNERSHIP -> "d.ownership";
            case ENROLLED_AT -> "d.enrolled_at";
            case LAST_CHECK_IN -> "d.last_check_in_at";
            case MODEL -> "d.model";
            case SERIAL_NUMBER -> "d.serial_number";
            case USER_ID -> "d.enrolling_user_id";
            case USER_PRINCIPAL_NAME -> throw new IllegalStateException("matched through user_account");
            case SUPERVISED -> "d.supervised";
        };
    }

    private static Object value(DeviceField f, Object v, boolean ordered) {
        if (v instanceof Enum<?> e) {
            return e.name();
        }
        if (f == DeviceField.NAME) {
            return DeviceRows.nameKey((String) v);
        }
        if (f == DeviceField.OS_VERSION && ordered) {
            return OsVersion.sortKey((String) v);
        }
        return v;
    }

    private static String lower(Object v) {
        return ((String) v).toLowerCase(Locale.ROOT);
    }

    private String bind(Object value) {
        String name = "c" + next++;
        params.put(name, value);
        return ":" + name;
    }

    private static String symbol(DeviceCondition.Op op) {
        return switch (op) {
            case EQ -> "=";
            case NE -> "<>";
            case GT -> ">";
            case GE -> ">=";
            case LT -> "<";
            case LE -> "<=";
        };
    }
}
