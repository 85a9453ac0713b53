package io.latchkey.core.inventory;

import java.util.Optional;
import java.util.UUID;

/** Storage port: the people who use devices. */
public interface Users {

    /** Inserts or replaces the user with this id; the user principal name is unique. */
    void save(User user);

    Optional<User> find(UUID id);

    Optional<User> findByPrincipalName(String userPrincipalName);

    /** Users ordered by principal name; {@code search} matches name or display name, may be null. */
    Page<User> page(String search, String cursor, int limit);
}
