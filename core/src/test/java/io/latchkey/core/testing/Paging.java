package io.latchkey.core.testing;

import io.latchkey.core.Rejected;
import io.latchkey.core.inventory.Page;

import java.util.List;
import java.util.function.Function;

/** Cursor paging over an already ordered list; the cursor is the key of the last item returned. */
final class Paging {
    private Paging() {
    }

    static <T> Page<T> page(List<T> ordered, Function<T, String> key, String cursor, int limit) {
        if (limit < 1) {
            throw Rejected.invalid("limit must be at least 1");
        }
        int start = 0;
        if (cursor != null) {
            start = -1;
            for (int i = 0; i < ordered.size(); i++) {
                if (key.apply(ordered.get(i)).equals(cursor)) {
                    start = i + 1;
                    break;
                }
            }
            if (start < 0) {
                throw Rejected.invalid("unknown cursor");
            }
        }
        int end = Math.min(ordered.size(), start + limit);
        List<T> items = ordered.subList(start, end);
        String next = end < ordered.size() ? key.apply(ordered.get(end - 1)) : null;
        return new Page<>(items, next);
    }
}
