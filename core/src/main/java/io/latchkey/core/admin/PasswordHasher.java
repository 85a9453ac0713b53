package io.latchkey.core.admin;

/**
 * Port: one-way password hashing. The core stays JDK-only; the composition root plugs in the
 * current scheme (Argon2id), which also verifies older stored formats so they can be upgraded.
 */
public interface PasswordHasher {

    /** A self-describing string (scheme, parameters, salt, hash) safe to store. */
    String hash(String password);

    /** False for a wrong password and for a missing, malformed or unknown stored value: never an error. */
    boolean verify(String password, String stored);

    /** True when the stored value uses an older scheme or weaker parameters than {@link #hash} now would. */
    boolean needsRehash(String stored);
}
