package io.latchkey.core.action;

import java.time.Instant;

/** A secret result as stored: ciphertext only, with the time after which it is deleted. */
public record SealedSecret(String kind, byte[] ciphertext, Instant expiresAt) {
}
