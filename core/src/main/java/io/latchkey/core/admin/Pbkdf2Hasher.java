package io.latchkey.core.admin;

/**
 * The JDK-only {@link PasswordHash} (PBKDF2) behind the port: what a build without the Argon2id
 * adapter, and tests of other concerns, use. It never asks for a rehash of its own hashes.
 */
public final class Pbkdf2Hasher implements PasswordHasher {

    @Override
    public String hash(String password) {
        return PasswordHash.hash(password);
    }

    @Override
    public boolean verify(String password, String stored) {
        return PasswordHash.verify(password, stored);
    }

    @Override
    public boolean needsRehash(String stored) {
        return stored == null || !stored.startsWith("pbkdf2-sha256$");
    }
}
