package io.latchkey.core.enrollment;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Test double of the port; {@link #raw} lets a test look at what would be at rest. */
public final class InMemoryEscrowedSecrets implements EscrowedSecrets {
    private final Map<String, byte[]> stored = new HashMap<>();

    @Override
    public synchronized void put(UUID deviceId, String kind, byte[] ciphertext, Instant at) {
        stored.put(deviceId + "/" + kind, ciphertext.clone());
    }

    @Override
    public synchronized Optional<byte[]> get(UUID deviceId, String kind) {
        return Optional.ofNullable(stored.get(deviceId + "/" + kind)).map(byte[]::clone);
    }

    @Override
    public synchronized void remove(UUID deviceId, String kind) {
        stored.remove(deviceId + "/" + kind);
    }

    public synchronized Map<String, byte[]> raw() {
        return Map.copyOf(stored);
    }
}
