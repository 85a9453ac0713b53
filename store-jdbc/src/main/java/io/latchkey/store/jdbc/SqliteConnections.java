package io.latchkey.store.jdbc;

import org.sqlite.Function;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteDataSource;

import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * SQLite connections for the pool, each with a {@code lower()} that
 * folds case as H2 and PostgreSQL do. SQLite's own folds ASCII only, so the searches that compare
 * {@code LOWER(model)} and the like with a pattern lower-cased in Java missed "ÉCRAN" for "écran".
 * The pragmas: {@link #REQUIRED} always, {@link #DEFAULTS} unless the URL's query sets them.
 */
final class SqliteConnections extends SQLiteDataSource {
    SqliteConnections(String jdbcUrl) {
        super(config(jdbcUrl));
        int query = jdbcUrl.indexOf('?');
        setUrl(query < 0 ? jdbcUrl : jdbcUrl.substring(0, query));
    }

    /**
     * What the store relies on, whatever the URL says: WAL (readers beside the writer), foreign keys
     * (SQLite's default is off; the schema's cascades need them), IMMEDIATE transactions (the write
     * lock at BEGIN stands in for FOR UPDATE and avoids lock-upgrade failures) and a case-sensitive
     * LIKE (as on H2 and PostgreSQL). A URL asking for something else is refused, not obeyed.
     */
    static final Map<String, String> REQUIRED = Map.of("journal_mode", "WAL", "foreign_keys", "true",
            "transaction_mode", "IMMEDIATE", "case_sensitive_like", "true");
    /**
     * Tunable from the URL: {@code synchronous=FULL} syncs every commit, a longer busy_timeout waits longer.
     * journal_size_limit: SQLite keeps a WAL file at its largest size and reuses it; one action for a million
     * devices left 269 MiB behind for good (BENCHMARKS.md). With a limit the file is cut back to 64 MiB
     * when the log next restarts after a checkpoint (https://sqlite.org/pragma.html#pragma_journal_size_limit).
     */
    static final Map<String, String> DEFAULTS = Map.of("synchronous", "NORMAL", "busy_timeout", "20000",
            "journal_size_limit", String.valueOf(64L << 20));

    /** The URL's {@code ?name=value&…} pragmas over the defaults: a data source does not read them from its URL. */
    static SQLiteConfig config(String jdbcUrl) {
        Properties pragmas = new Properties();
        pragmas.putAll(DEFAULTS);
        int query = jdbcUrl.indexOf('?');
        if (query >= 0) {
            for (String pair : jdbcUrl.substring(query + 1).split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    String name = pair.substring(0, eq);
                    String value = pair.substring(eq + 1);
                    String required = REQUIRED.get(name);
                    if (required != null && !required.equalsIgnoreCase(value)) {
                        throw new IllegalArgumentException("the SQLite URL asks for " + name + "=" + value
                                + "; Latchkey's store needs " + name + "=" + required);
                    }
                    pragmas.setProperty(name, value);
                }
            }
        }
        pragmas.putAll(REQUIRED);
        return new SQLiteConfig(pragmas);
    }

    @Override
    public SQLiteConnection getConnection(String username, String password) throws SQLException {
        SQLiteConnection c = super.getConnection(username, password);
        Function.create(c, "lower", new UnicodeLower(), 1, Function.FLAG_DETERMINISTIC);
        return c;
    }

    private static final class UnicodeLower extends Function {
        @Override
        protected void xFunc() throws SQLException {
            String value = value_text(0);
            if (value == null) {
                result();
            } else {
                result(value.toLowerCase(Locale.ROOT));
            }
        }
    }
}
