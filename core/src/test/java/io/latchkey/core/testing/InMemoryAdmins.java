package io.latchkey.core.testing;

import io.latchkey.core.admin.Admin;
import io.latchkey.core.admin.AdminPasswords;
import io.latchkey.core.admin.Admins;
import io.latchkey.core.admin.ApiToken;
import io.latchkey.core.admin.ApiTokens;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Administrator accounts and API tokens in memory; names and token hashes are unique. */
public final class InMemoryAdmins implements Admins, AdminPasswords, ApiTokens {
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
                .filter(t -> t.usableAt(now))
                .findFirst()
                .map(t -> admins.get(t.adminId()));
    }

    @Override
    public synchronized boolean setPasswordHash(UUID adminId, String passwordHash) {
        Admin a = admins.get(adminId);
        if (a == null) {
            return false;
        }
        admins.put(adminId, new Admin(a.id(), a.name(), passwordHash, a.createdAt()));
        return true;
    }

    @Override
    public synchronized List<ApiToken> ofAdmin(UUID adminId) {
        return tokens.stream().filter(t -> t.adminId().equals(adminId)).toList();
    }

    @Override
    public synchronized boolean revoke(UUID adminId, UUID tokenId, Instant at) {
        for (int i = 0; i < tokens.size(); i++) {
            ApiToken t = tokens.get(i);
            if (t.id().equals(tokenId) && t.adminId().equals(adminId) && t.revokedAt() == null) {
                tokens.set(i, new ApiToken(t.id(), t.adminId(), t.name(), t.tokenHash(), t.createdAt(),
                        t.expiresAt(), at));
                return true;
            }
        }
        return false;
    }

    /** The stored tokens, to assert that only hashes are kept. */
    public synchronized List<ApiToken> tokens() {
        return List.copyOf(tokens);
    }
}
