package io.latchkey.bench;

import io.latchkey.server.config.Option;

import java.util.Map;

/** The database every bench takes from its command line: {@code h2} (embedded), or {@code postgresql URL USER PASSWORD KEY}. */
final class BenchDatabase {
    private BenchDatabase() {
    }

    /** For {@code postgresql}, the URL, user, password and secret key from {@code args[from]} on. */
    static void put(Map<Option, String> options, String vendor, String[] args, int from) {
        if (vendor.equals("postgresql")) {
            options.put(Option.DATABASE_URL, args[from]);
            options.put(Option.DATABASE_USER, args[from + 1]);
            options.put(Option.DATABASE_PASSWORD, args[from + 2]);
            options.put(Option.SECRET_KEY, args[from + 3]);
        }
    }
}
