package io.latchkey.bench;

import io.latchkey.server.config.Option;
import io.latchkey.store.jdbc.JdbcStorage;

import java.nio.file.Path;
import java.util.Map;

/**
 * The database every bench takes from its command line: {@code sqlite} (the embedded default),
 * {@code h2} (the embedded database of installations from before SQLite), or
 * {@code postgresql URL USER PASSWORD KEY}.
 */
final class BenchDatabase {
    private BenchDatabase() {
    }

    /**
     * For {@code postgresql}, the URL, user, password and secret key from {@code args[from]} on; for
     * {@code h2}, the H2 file in the data directory already in {@code options}.
     */
    static void put(Map<Option, String> options, String vendor, String[] args, int from) {
        switch (vendor) {
            case "sqlite" -> { }
            case "h2" -> options.put(Option.DATABASE_URL, JdbcStorage.h2FileUrl(Path.of(options.get(Option.DATA_DIR))));
            case "postgresql" -> {
                options.put(Option.DATABASE_URL, args[from]);
                options.put(Option.DATABASE_USER, args[from + 1]);
                options.put(Option.DATABASE_PASSWORD, args[from + 2]);
                options.put(Option.SECRET_KEY, args[from + 3]);
            }
            default -> throw new IllegalArgumentException("database must be sqlite, h2 or postgresql, not " + vendor);
        }
    }
}
