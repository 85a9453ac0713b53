package io.latchkey.core.admin;

import io.latchkey.core.Rejected;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * What a new administrator password must be (NIST SP 800-63B section 3.1.1.2): long enough, not the
 * account's name, not one of the passwords attackers try first. No composition rules: length beats
 * forced symbols. Every refusal says what to change, and never repeats the password.
 */
public final class PasswordPolicy {
    public static final int MIN_LENGTH = 12;
    /** Argon2 hashes any length, but a megabyte "password" is a denial-of-service attempt. */
    public static final int MAX_LENGTH = 256;
    private static final String COMMON = "common-passwords.txt";

    private final Set<String> common;

    private PasswordPolicy(Set<String> common) {
        this.common = common;
    }

    /** The policy with the bundled list of common passwords. */
    public static PasswordPolicy standard() {
        return Holder.STANDARD;
    }

    /** Refuses a password that breaks a rule, with a message fit to show the administrator. */
    public void check(String accountName, String password) {
        if (password == null || password.isEmpty()) {
            throw Rejected.invalid("a password is required");
        }
        int length = password.codePointCount(0, password.length());
        if (length < MIN_LENGTH) {
            throw Rejected.invalid("the password is too short: use at least " + MIN_LENGTH + " characters");
        }
        if (length > MAX_LENGTH) {
            throw Rejected.invalid("the password is too long: use at most " + MAX_LENGTH + " characters");
        }
        String folded = password.toLowerCase(Locale.ROOT);
        if (accountName != null && !accountName.isBlank()
                && folded.contains(accountName.strip().toLowerCase(Locale.ROOT)) && folded.length() - accountName.strip().length() < 4) {
            throw Rejected.invalid("the password must not be the account name");
        }
        if (common.contains(folded) || password.chars().distinct().count() <= 2) {
            throw Rejected.invalid("this password is among the most commonly used ones: choose another");
        }
    }

    private static Set<String> load() {
        Set<String> words = new HashSet<>();
        try (InputStream in = PasswordPolicy.class.getResourceAsStream(COMMON)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + COMMON);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String word = line.strip();
                if (!word.isEmpty() && !word.startsWith("#")) {
                    words.add(word.toLowerCase(Locale.ROOT));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(words);
    }

    private static final class Holder {
        static final PasswordPolicy STANDARD = new PasswordPolicy(load());
    }
}
