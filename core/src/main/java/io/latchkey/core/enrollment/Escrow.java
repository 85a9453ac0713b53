package io.latchkey.core.enrollment;

import io.latchkey.core.secret.SecretSealer;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

/**
 * Keeps secrets devices escrow with the server, sealed with AES-GCM and bound to the device and
 * the kind (the additional data), so a ciphertext copied onto another device's row does not open.
 */
public final class Escrow {
    /** Apple's UnlockToken, sent in TokenUpdate, needed by ClearPasscode (reference apple-mdm.md §1). */
    public static final String UNLOCK_TOKEN = "apple.unlockToken";

    private final EscrowedSecrets store;
    private final SecretSealer sealer;
    private final Clock clock;

    public Escrow(EscrowedSecrets store, SecretSealer sealer, Clock clock) {
        this.store = store;
        this.sealer = sealer;
        this.clock = clock;
    }

    public void keep(UUID deviceId, String kind, byte[] secret) {
        store.put(deviceId, kind, sealer.seal(secret, boundTo(deviceId, kind)), clock.instant());
    }

    public Optional<byte[]> open(UUID deviceId, String kind) {
        return store.get(deviceId, kind).map(c -> sealer.open(c, boundTo(deviceId, kind)));
    }

    public void forget(UUID deviceId, String kind) {
        store.remove(deviceId, kind);
    }

    private static byte[] boundTo(UUID deviceId, String kind) {
        return ("escrow:" + deviceId + ":" + kind).getBytes(StandardCharsets.UTF_8);
    }
}
