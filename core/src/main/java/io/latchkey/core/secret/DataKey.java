package io.latchkey.core.secret;

import java.time.Instant;

/**
 * A data key as stored: its bytes wrapped (AES-256-GCM) under the master key {@code masterKeyId}.
 * Id 0 is the legacy key: the master key that sealed secrets directly before envelope encryption,
 * kept as a data key so those secrets still open after the master key is rotated away.
 */
public record DataKey(int id, String masterKeyId, byte[] wrapped, Instant createdAt) {
    public DataKey {
        wrapped = wrapped.clone();
    }

    @Override
    public byte[] wrapped() {
        return wrapped.clone();
    }
}
