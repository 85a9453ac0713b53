package io.latchkey.core.admin;

import java.util.Optional;

/** Storage port: administrator accounts and their API tokens. */
public interface Admins {

    long count();

    /**
     * Stores an administrator together with its first API tokens, in one transaction: an admin
     * never exists without the credential it was created with. A taken name is refused
     * ({@link io.latchkey.core.Rejected.Kind#CONFLICT}).
     */
    void create(Admin admin, java.util.List<ApiToken> tokens);

    Optional<Admin> findByName(String name);

    void addToken(ApiToken token);

    /** The admin a token hash belongs to, if the token exists and has not expired at the given time. */
    Optional<Admin> findByTokenHash(String tokenHash, java.time.Instant now);

    /** The same, with the roles the token is limited to (empty: all of the admin's). */
    default Optional<TokenBearer> findBearer(String tokenHash, java.time.Instant now) {
        return findByTokenHash(tokenHash, now).map(a -> new TokenBearer(a, java.util.Set.of()));
    }

    /** Who a token speaks for and which of their roles it carries (empty: all). */
    record TokenBearer(Admin admin, java.util.Set<String> onlyRoles) {
        public TokenBearer {
            onlyRoles = java.util.Set.copyOf(onlyRoles);
        }
    }
}
