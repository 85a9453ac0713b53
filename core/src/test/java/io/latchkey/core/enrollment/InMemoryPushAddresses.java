package io.latchkey.core.enrollment;

import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Test double of the port. */
public final class InMemoryPushAddresses implements PushAddresses {
    private final Map<UUID, PushAddress> byDevice = new HashMap<>();

    @Override
    public synchronized void save(PushAddress address) {
        byDevice.put(address.deviceId(), address);
    }

    @Override
    public synchronized Optional<PushAddress> find(UUID deviceId) {
        return Optional.ofNullable(byDevice.get(deviceId));
    }

    @Override
    public synchronized Map<UUID, PushAddress> findAll(Collection<UUID> deviceIds) {
        Map<UUID, PushAddress> out = new HashMap<>();
        deviceIds.forEach(id -> find(id).ifPresent(a -> out.put(id, a)));
        return out;
    }

    @Override
    public synchronized boolean markInvalid(UUID deviceId, String token, Instant since) {
        PushAddress a = byDevice.get(deviceId);
        if (a == null || !a.token().equals(token)) {
            return false;
        }
        byDevice.put(deviceId, new PushAddress(deviceId, a.channel(), a.token(), a.magic(), a.topic(), a.updatedAt(),
                since));
        return true;
    }
}
