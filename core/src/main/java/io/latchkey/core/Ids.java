package io.latchkey.core;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Identifiers for rows created in bulk. Version 7 UUIDs (RFC 9562 section 5.7) start with the
 * Unix time in milliseconds, so the 100,000 commands of one request land next to each other at
 * the right-hand end of the primary-key B-tree instead of on 100,000 random pages; the remaining
 * 74 bits are random, so ids stay unguessable and unique across nodes.
 */
public final class Ids {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    public static UUID timeOrdered() {
        long millis = System.currentTimeMillis();
        long randA = RANDOM.nextLong();
        long randB = RANDOM.nextLong();
        long msb = (millis << 16) | 0x7000L | (randA & 0x0FFFL);
        long lsb = (randB & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(msb, lsb);
    }
}
