package io.latchkey.core.enrollment;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Storage port: secrets a device hands the server to keep for later (Apple's UnlockToken), as
 * ciphertext only; {@link Escrow} seals and opens them.
 */
public interface EscrowedSecrets {

    /** Stores the sealed secret of this kind for the device, replacing an older one. */
    void put(UUID deviceId, String kind, byte[] ciphertext, Instant at);

    Optional<byte[]> get(UUID deviceId, String kind);

    /** Forgets the device's secret of this kind (a new enrollment makes the old one worthless). */
    void remove(UUID deviceId, String kind);
}
