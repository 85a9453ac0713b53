package io.latchkey.core.testing;

import io.latchkey.core.admin.Admin;
import io.latchkey.core.admin.Admins;
import io.latchkey.core.admin.ApiToken;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Administrator accounts and API tokens in memory; names and token hashes are unique. */
public final class InMemoryAdmins implements Admins {
    private final Map<UUID, Admin> admins = new LinkedHashMap<>();
    private final List<ApiToken> tokens = new ArrayList<>();

    @Override
    public synchronized long count() {
        return admins.size();
    }

    @Override
    public synchronized void create(Admin admin, java.util.List<ApiToken> tokens) {
        if (admins.containsKey(admin.id()) || findByName(admin.name()).isPresent()) {
            throw io.latchkey.core.Rejected.conflict("an administrator named '" + admin.name() + "' already exists");
        }
        admins.put(admin.id(), admin);
        tokens.forEach(this::addToken);
    }

    @Override
    public synchronized Optional<Admin> findByName(String name) {
        return admins.values().stream().filter(a -> a.name().equals(name)).findFirst();
    }

    @Override
    public synchronized void addToken(ApiToken token) {
        if (!admins.containsKey(token.adminId())) {
            throw new IllegalStateException("no administrator " + token.adminId());
        }
        if (tokens.stream().anyMatch(t -> t.tokenHash().equals(token.tokenHash()))) {
            throw new IllegalStateException("duplicate token hash");
        }
        tokens.add(token);
    }

    @Override
    public synchronized Optional<Admin> findByTokenHash(String tokenHash, Instant now) {
        return tokens.stream()
                .filter(t -> t.tokenHash().equals(tokenHash))
                .filter(t -> t.expiresAt() == null || t.expiresAt().isAfter(now))
                .findFirst()
                .map(t -> admins.get(t.adminId()));
    }

    /** The stored tokens, to assert that only hashes are kept. */
    public synchronized List<ApiToken> tokens() {
        return List.copyOf(tokens);
    }
}
