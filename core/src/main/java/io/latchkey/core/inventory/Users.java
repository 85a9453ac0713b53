package io.latchkey.core.inventory;

import java.util.Optional;
import java.util.UUID;

/** Storage port: the people who use devices. */
public interface Users {

    /** Inserts or replaces the user with this id; the user principal name is unique. */
    void save(User user);

    Optional<User> find(UUID id);

    Optional<User> findByPrincipalName(String userPrincipalName);

    /**
     * The users with these ids that exist, by id: one read for a page of devices. This default asks
     * one by one; a store answers with one query.
     */
    default java.util.Map<UUID, User> findAll(java.util.Collection<UUID> ids) {
        java.util.Map<UUID, User> found = new java.util.HashMap<>();
        for (UUID id : ids) {
            find(id).ifPresent(u -> found.put(id, u));
        }
        return found;
    }

    /** Users ordered by principal name; {@code search} matches name or display name, may be null. */
    Page<User> page(String search, String cursor, int limit);

    /**
     * Like {@link #page(String, String, int)}, kept to the users who enrolled a device that is a
     * member of one of {@code ownersIn} (a scoped reader's view); null keeps every user. A store
     * answers it in SQL; this default knows no devices and serves only the unscoped case.
     */
    default Page<User> page(String search, java.util.Set<UUID> ownersIn, String cursor, int limit) {
        if (ownersIn != null) {
            throw new UnsupportedOperationException("this store cannot list users by scope");
        }
        return page(search, cursor, limit);
    }
}
