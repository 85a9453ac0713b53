package io.latchkey.store.jdbc;

import org.sqlite.Function;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteDataSource;

import java.sql.SQLException;
import java.util.Locale;
import java.util.Properties;

/**
 * SQLite connections for the pool, each with a {@code lower()} that
 * folds case as H2 and PostgreSQL do. SQLite's own folds ASCII only, so the searches that compare
 * {@code LOWER(model)} and the like with a pattern lower-cased in Java missed "ÉCRAN" for "écran".
 * The pragmas come from the URL's query, as with the driver manager.
 */
final class SqliteConnections extends SQLiteDataSource {
    SqliteConnections(String jdbcUrl) {
        super(config(jdbcUrl));
        int query = jdbcUrl.indexOf('?');
        setUrl(query < 0 ? jdbcUrl : jdbcUrl.substring(0, query));
    }

    /** The URL's {@code ?name=value&…} pragmas: a data source does not read them from its URL. */
    private static SQLiteConfig config(String jdbcUrl) {
        Properties pragmas = new Properties();
        int query = jdbcUrl.indexOf('?');
        if (query >= 0) {
            for (String pair : jdbcUrl.substring(query + 1).split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    pragmas.setProperty(pair.substring(0, eq), pair.substring(eq + 1));
                }
            }
        }
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
