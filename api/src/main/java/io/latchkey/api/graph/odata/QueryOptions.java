package io.latchkey.api.graph.odata;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The OData system query options of one request (OData 4.01 URL conventions, section 5.1):
 * {@code $filter}, {@code $select}, {@code $top}, {@code $skip}, {@code $orderby},
 * {@code $count} and the server's own {@code $skiptoken}. Names are matched case-insensitively.
 * An option that is not supported, or given twice, is refused: Intune silently ignores some
 * filters, which makes scripts act on the wrong devices, and Latchkey will not.
 */
public record QueryOptions(Expr filter, String filterText, Set<String> select, Integer top, int skip,
                           List<OrderBy> orderBy, boolean count, String skipToken) {

    public static final int MAX_TOP = 1000;

    public record OrderBy(String property, boolean descending) {
    }

    private static final Set<String> KNOWN = Set.of("$filter", "$select", "$top", "$skip", "$orderby", "$count",
            "$skiptoken", "$format");

    /**
     * Reads the options. {@code allowed} names the ones this resource supports; the others are
     * refused with a message naming them, as is anything malformed.
     */
    public static QueryOptions parse(Map<String, List<String>> query, Set<String> allowed) {
        Expr filter = null;
        String filterText = null;
        Set<String> select = null;
        Integer top = null;
        int skip = 0;
        List<OrderBy> orderBy = List.of();
        boolean count = false;
        String skipToken = null;
        for (Map.Entry<String, List<String>> e : query.entrySet()) {
            String name = e.getKey().toLowerCase(Locale.ROOT);
            if (!name.startsWith("$")) {
                continue; // custom query options are the application's; Graph ignores unknown ones too
            }
            if (e.getValue().size() != 1) {
                throw new FilterException("query option " + e.getKey() + " is given more than once");
            }
            String value = e.getValue().getFirst();
            if (!KNOWN.contains(name)) {
                throw new FilterException("query option " + e.getKey() + " is not supported here");
            }
            if (!allowed.contains(name) && !name.equals("$format")) {
                throw new FilterException("query option " + e.getKey() + " is not supported on this resource");
            }
            switch (name) {
                case "$filter" -> {
                    filterText = value;
                    filter = FilterParser.parse(value);
                }
                case "$select" -> select = names(value, "$select");
                case "$top" -> {
                    top = number(value, "$top");
                    if (top < 1 || top > MAX_TOP) {
                        throw new FilterException("$top must be between 1 and " + MAX_TOP + ", not " + top
                                + " (follow @odata.nextLink for more)");
                    }
                }
                case "$skip" -> skip = number(value, "$skip");
                case "$orderby" -> orderBy = orderBy(value);
                case "$count" -> {
                    if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
                        throw new FilterException("$count must be true or false");
                    }
                    count = value.equalsIgnoreCase("true");
                }
                case "$skiptoken" -> skipToken = value;
                case "$format" -> {
                    if (!value.equalsIgnoreCase("json") && !value.toLowerCase(Locale.ROOT).startsWith("application/json")) {
                        throw new FilterException("$format must be json");
                    }
                }
                default -> throw new IllegalStateException(name);
            }
        }
        return new QueryOptions(filter, filterText, select, top, skip, orderBy, count, skipToken);
    }

    /** The page size: {@code $top}, or the default of {@value #MAX_TOP}. */
    public int pageSize() {
        return top == null ? MAX_TOP : top;
    }

    private static int number(String value, String option) {
        try {
            int n = Integer.parseInt(value.trim());
            if (n < 0) {
                throw new FilterException(option + " must not be negative");
            }
            return n;
        } catch (NumberFormatException e) {
            throw new FilterException(option + " must be a whole number, not '" + value + "'");
        }
    }

    private static Set<String> names(String value, String option) {
        Set<String> out = new LinkedHashSet<>();
        for (String part : value.split(",", -1)) {
            String p = part.trim();
            if (p.isEmpty()) {
                throw new FilterException(option + " has an empty property name");
            }
            out.add(p);
        }
        return out;
    }

    private static List<OrderBy> orderBy(String value) {
        List<OrderBy> out = new ArrayList<>();
        for (String part : value.split(",", -1)) {
            String[] words = part.trim().split("\\s+");
            if (words.length == 0 || words[0].isEmpty() || words.length > 2) {
                throw new FilterException("$orderby takes 'property [asc|desc]', comma-separated, not '" + part.trim()
                        + "'");
            }
            boolean desc = false;
            if (words.length == 2) {
                if (words[1].equalsIgnoreCase("desc")) {
                    desc = true;
                } else if (!words[1].equalsIgnoreCase("asc")) {
                    throw new FilterException("$orderby direction must be asc or desc, not '" + words[1] + "'");
                }
            }
            out.add(new OrderBy(words[0], desc));
        }
        return out;
    }
}
