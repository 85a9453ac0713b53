package io.latchkey.core.secret;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A key-encryption key: it never seals a secret itself, only wraps the data keys that do. It
 * comes from a key file or the environment, never from the database, so a copy of the database
 * alone opens nothing. Its id is a fingerprint, stored next to each data key it wraps, so a node
 * knows which of its master keys opens which data key without trying them all.
 */
public final class MasterKey {
    private final byte[] key;
    private final String id;

    public MasterKey(byte[] key) {
        if (key == null || key.length != 32) {
            throw new IllegalArgumentException("a master key must be 32 bytes (AES-256)");
        }
        this.key = key.clone();
        this.id = fingerprint(key);
    }

    public String id() {
        return id;
    }

    byte[] bytes() {
        return key.clone();
    }

    /** The first 8 bytes of SHA-256 over a label and the key: enough to tell keys apart, useless to guess one. */
    private static String fingerprint(byte[] key) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update("latchkey master key id\0".getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(Arrays.copyOf(sha.digest(key), 8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    @Override
    public String toString() {
        return "MasterKey[" + id + "]"; // never the key
    }
}
