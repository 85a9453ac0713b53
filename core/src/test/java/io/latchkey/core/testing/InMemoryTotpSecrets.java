package io.latchkey.core.testing;

import io.latchkey.core.admin.TotpSecrets;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** TOTP secrets in memory, with the same only-forward step rule as the database. */
public final class InMemoryTotpSecrets implements TotpSecrets {
    private final Map<UUID, Stored> byAdmin = new HashMap<>();

    @Override
    public synchronized void put(UUID adminId, byte[] sealedSecret, boolean confirmed) {
        byAdmin.put(adminId, new Stored(adminId, sealedSecret.clone(), confirmed, -1));
    }

    @Override
    public synchronized Optional<Stored> find(UUID adminId) {
        return Optional.ofNullable(byAdmin.get(adminId));
    }

    @Override
    public synchronized boolean confirm(UUID adminId) {
        Stored s = byAdmin.get(adminId);
        if (s == null) {
            return false;
        }
        byAdmin.put(adminId, new Stored(adminId, s.sealedSecret(), true, s.lastStep()));
        return true;
    }

    @Override
    public synchronized boolean advance(UUID adminId, long step) {
        Stored s = byAdmin.get(adminId);
        if (s == null || s.lastStep() >= step) {
            return false;
        }
        byAdmin.put(adminId, new Stored(adminId, s.sealedSecret(), s.confirmed(), step));
        return true;
    }

    @Override
    public synchronized void remove(UUID adminId) {
        byAdmin.remove(adminId);
    }
}
