package io.latchkey.store.jdbc;

import io.latchkey.core.Rejected;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A WHERE clause assembled from optional parts, with its named parameters (JDBI {@code :name}). */
public final class Conditions {
    private final List<String> clauses = new ArrayList<>();
    private final Map<String, Object> params = new HashMap<>();

    public Conditions add(String clause) {
        clauses.add(clause);
        return this;
    }

    public Conditions bind(String name, Object value) {
        params.put(name, value);
        return this;
    }

    /** {@code ""} or {@code " WHERE a AND b"}. */
    public String sql() {
        return clauses.isEmpty() ? "" : " WHERE " + String.join(" AND ", clauses);
    }

    public Map<String, Object> params() {
        return params;
    }

    /**
     * The escape character for LIKE patterns. Not a backslash: JDBI's SQL parser would read
     * {@code '\'} as an escaped quote, and PostgreSQL and H2 treat backslashes differently.
     */
    public static final String LIKE_ESCAPE = " ESCAPE '!'";

    /** A case-insensitive substring pattern for {@code LIKE :p} + {@link #LIKE_ESCAPE}, wildcards taken literally. */
    public static String containsPattern(String search) {
        String escaped = search.toLowerCase(Locale.ROOT).replace("!", "!!").replace("%", "!%").replace("_", "!_");
        return "%" + escaped + "%";
    }

    /** Page sizes are the caller's choice, but a non-positive one is a caller bug worth a clear answer. */
    public static int checkLimit(int limit) {
        if (limit < 1) {
            throw Rejected.invalid("page size must be at least 1");
        }
        return limit;
    }
}
