package io.latchkey.api;

import io.javalin.http.Context;
import io.latchkey.core.inventory.Page;

import java.util.List;
import java.util.function.Function;

/** Keyset paging parameters ({@code cursor}, {@code limit}) and the page shape every list answers. */
public final class Paging {
    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 1000;

    private Paging() {
    }

    public record PageView<T>(List<T> items, String nextCursor) {
    }

    public static int limit(Context ctx) {
        String raw = ctx.queryParam("limit");
        if (raw == null || raw.isBlank()) {
            return DEFAULT_LIMIT;
        }
        int limit;
        try {
            limit = Integer.parseInt(raw.trim());
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("limit must be a whole number between 1 and " + MAX_LIMIT);
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiException.badRequest("limit must be between 1 and " + MAX_LIMIT + ", not " + limit);
        }
        return limit;
    }

    public static String cursor(Context ctx) {
        String cursor = ctx.queryParam("cursor");
        return cursor == null || cursor.isBlank() ? null : cursor;
    }

    public static <T, V> PageView<V> view(Page<T> page, Function<T, V> map) {
        return new PageView<>(page.items().stream().map(map).toList(), page.nextCursor());
    }
}
