package io.latchkey.core.inventory;

import java.util.List;

/**
 * One page of a keyset-paged list. {@code nextCursor} is opaque and null on the last page: a
 * client passes it back as is to get the next page, which costs an index seek whatever the depth.
 */
public record Page<T>(List<T> items, String nextCursor) {
    public Page {
        items = List.copyOf(items);
    }
}
