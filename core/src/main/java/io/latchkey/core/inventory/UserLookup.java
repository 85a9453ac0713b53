package io.latchkey.core.inventory;

import java.util.Collection;
import java.util.Map;
import java.util.UUID;

/** Storage port: many users by id in one round trip, for lists that show each device's user. */
public interface UserLookup {

    /** The users that exist among {@code ids}, by id. */
    Map<UUID, User> byIds(Collection<UUID> ids);
}
