package io.latchkey.core.secret;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;

/**
 * Wrapping a data key under a master key: AES-256-GCM with the key's id as associated data, so a
 * wrapped key copied onto another row does not open.
 */
final class Wrapping {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Wrapping() {
    }

    static DataKey wrap(int id, byte[] dataKey, MasterKey master, Instant at) {
        return new DataKey(id, master.id(), new AesGcmSealer(master.bytes()).seal(dataKey, label(id)), at);
    }

    static byte[] unwrap(DataKey stored, MasterKey master) {
        return new AesGcmSealer(master.bytes()).open(stored.wrapped(), label(stored.id()));
    }

    static byte[] randomKey() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return key;
    }

    private static byte[] label(int id) {
        return ("latchkey data key " + id).getBytes(StandardCharsets.US_ASCII);
    }
}
