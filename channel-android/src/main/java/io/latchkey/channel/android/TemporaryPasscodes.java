package io.latchkey.channel.android;

import java.security.SecureRandom;

/**
 * Temporary passcodes for RESET_PASSWORD: numeric, from a CSPRNG, at least 6 digits (Android 14
 * refuses a shorter numeric password with INVALID_VALUE, Command.newPassword) or the policy's
 * minimum length if longer, and without a run of 4 repeated or evenly stepped digits (1111, 1234,
 * 2468), which the default policy's NUMERIC_COMPLEX quality forbids
 * (https://developers.google.com/android/management/reference/rest/v1/PasswordRequirements#PasswordQuality).
 */
public final class TemporaryPasscodes {
    public static final int MIN_DIGITS = 6;
    private static final int MAX_RUN = 3;

    private final SecureRandom random;
    private final int digits;

    public TemporaryPasscodes(SecureRandom random, int policyMinimumLength) {
        this.random = random;
        this.digits = Math.max(MIN_DIGITS, policyMinimumLength);
    }

    public String next() {
        while (true) {
            char[] c = new char[digits];
            for (int i = 0; i < digits; i++) {
                c[i] = (char) ('0' + random.nextInt(10));
            }
            if (complex(c)) {
                return new String(c);
            }
        }
    }

    /** No window of MAX_RUN + 1 digits with one constant step (0 = repeated, ±1, ±2… = ordered). */
    static boolean complex(char[] c) {
        int run = 1;
        for (int i = 2; i < c.length; i++) {
            run = c[i] - c[i - 1] == c[i - 1] - c[i - 2] ? run + 1 : 1;
            if (run >= MAX_RUN) {
                return false;
            }
        }
        return true;
    }
}
