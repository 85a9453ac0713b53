package io.latchkey.core.enrollment;

import io.latchkey.core.Rejected;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Test double of the port: synchronized, so bind is atomic as the real store must be. */
public final class InMemoryDeviceIdentities implements DeviceIdentities {
    private final Map<String, DeviceIdentity> byFingerprint = new LinkedHashMap<>();

    @Override
    public synchronized void record(DeviceIdentity identity) {
        if (byFingerprint.putIfAbsent(identity.fingerprint(), identity) != null) {
            throw Rejected.conflict("this device identity is already recorded");
        }
    }

    @Override
    public synchronized Optional<DeviceIdentity> findByFingerprint(String fingerprint) {
        return Optional.ofNullable(byFingerprint.get(fingerprint));
    }

    @Override
    public synchronized DeviceIdentity bind(String fingerprint, UUID deviceId, String externalId) {
        DeviceIdentity found = byFingerprint.get(fingerprint);
        if (found == null) {
            throw Rejected.notFound("no device identity with fingerprint " + fingerprint);
        }
        if (!found.bound()) {
            DeviceIdentity bound = found.boundTo(deviceId, externalId);
            byFingerprint.put(fingerprint, bound);
            return bound;
        }
        if (found.deviceId().equals(deviceId) && found.externalId().equals(externalId)) {
            return found;
        }
        throw Rejected.conflict("device identity " + fingerprint + " is bound to another device");
    }

    @Override
    public synchronized List<DeviceIdentity> listForUser(UUID userId) {
        return byFingerprint.values().stream().filter(i -> i.userId().equals(userId))
                .sorted(Comparator.comparing(DeviceIdentity::issuedAt)).toList();
    }

    @Override
    public synchronized int revokeOthers(String externalId, String keep, java.time.Instant at) {
        int n = 0;
        for (DeviceIdentity d : List.copyOf(byFingerprint.values())) {
            if (externalId.equals(d.externalId()) && !d.fingerprint().equals(keep) && d.revokedAt() == null) {
                byFingerprint.put(d.fingerprint(), new DeviceIdentity(d.fingerprint(), d.serialNumber(), d.userId(),
                        d.channel(), d.issuedAt(), d.notAfter(), d.deviceId(), d.externalId(), at));
                n++;
            }
        }
        return n;
    }
}
