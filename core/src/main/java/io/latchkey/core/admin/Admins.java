package io.latchkey.core.admin;

import java.util.Optional;

/** Storage port: administrator accounts and their API tokens. */
public interface Admins {

    long count();

    void create(Admin admin);

    Optional<Admin> findByName(String name);

    void addToken(ApiToken token);

    /** The admin a token hash belongs to, if the token exists and has not expired at the given time. */
    Optional<Admin> findByTokenHash(String tokenHash, java.time.Instant now);
}
