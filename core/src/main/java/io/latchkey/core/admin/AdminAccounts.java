package io.latchkey.core.admin;

import io.latchkey.core.Rejected;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;

/**
 * Administrator sign-in: the first administrator created at a start with none yet (from the
 * bootstrap settings) and API bearer tokens checked by hash. Password sign-in is {@link SignIn}.
 */
public final class AdminAccounts {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final Admins admins;
    private final PasswordHasher hasher;
    private final Clock clock;

    /** Token checks only, and bootstrap passwords hashed with the JDK-only {@link Pbkdf2Hasher}. */
    public AdminAccounts(Admins admins, Clock clock) {
        this(admins, new Pbkdf2Hasher(), clock);
    }

    public AdminAccounts(Admins admins, PasswordHasher hasher, Clock clock) {
        this.admins = admins;
        this.hasher = hasher;
        this.clock = clock;
    }

    /**
     * Creates the first administrator if there is none. Returns it, or empty when one already
     * existed (the bootstrap settings are then ignored, so a restart never resets a password).
     */
    public Optional<Admin> bootstrap(String name, String password, String token) {
        if (admins.count() > 0) {
            return Optional.empty();
        }
        if (password != null) {
            PasswordPolicy.standard().check(name, password);
        }
        Instant now = clock.instant();
        Admin admin = new Admin(UUID.randomUUID(), name, password == null ? null : hasher.hash(password), now);
        List<ApiToken> tokens = token == null ? List.of()
                : List.of(new ApiToken(UUID.randomUUID(), admin.id(), "bootstrap", hashToken(token), now, null));
        try {
            admins.create(admin, tokens);
        } catch (Rejected taken) {
            if (taken.kind() == Rejected.Kind.CONFLICT) {
                return Optional.empty(); // another node bootstrapped at the same moment
            }
            throw taken;
        }
        return Optional.of(admin);
    }

    public boolean hasAdmin() {
        return admins.count() > 0;
    }

    public Optional<Admin> byToken(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        return admins.findByTokenHash(hashToken(token), clock.instant());
    }

    /** The admin a token speaks for, with the roles the token is limited to. */
    public Optional<Admins.TokenBearer> bearer(String token) {
        return admins.findBearer(hashToken(token), clock.instant());
    }

    /** A new random token: 32 bytes, URL-safe, prefixed so leaked tokens are recognisable by scanners. */
    public static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "lk_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Tokens are long and random, so one SHA-256 is enough to store them safely (no salt needed). */
    public static String hashToken(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
