package io.latchkey.core.testing;

import io.latchkey.core.admin.PasswordHasher;

/**
 * A deliberately weak hasher for tests of sign-in logic: "new$" + reversed password is current,
 * "old$" + reversed is a legacy format that verifies but asks for a rehash. Counts verifications.
 */
public final class PrefixHasher implements PasswordHasher {
    public int verifications;

    @Override
    public String hash(String password) {
        return "new$" + new StringBuilder(password).reverse();
    }

    @Override
    public boolean verify(String password, String stored) {
        verifications++;
        if (password == null || stored == null || stored.length() < 4) {
            return false;
        }
        return stored.substring(4).contentEquals(new StringBuilder(password).reverse());
    }

    @Override
    public boolean needsRehash(String stored) {
        return !stored.startsWith("new$");
    }

    public static String legacy(String password) {
        return "old$" + new StringBuilder(password).reverse();
    }
}
