package io.latchkey.core.admin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Slows password guessing: too many failures for one account lock that account for a while, and
 * too many from one address lock that address (an attacker spraying many accounts). A success
 * clears the account's count but not the address's, so one known account cannot reset the latter.
 */
public final class SignInThrottle {

    /** How many failures within which window lock a subject, and for how long. */
    public record Limits(int accountFailures, Duration accountWindow, Duration accountLockout,
                         int addressFailures, Duration addressWindow, Duration addressLockout) {
        /** OWASP Authentication Cheat Sheet style defaults: 5 per account, 20 per address, in 15 minutes. */
        public static final Limits DEFAULT = new Limits(5, Duration.ofMinutes(15), Duration.ofMinutes(15),
                20, Duration.ofMinutes(15), Duration.ofMinutes(15));

        public Limits {
            if (accountFailures < 1 || addressFailures < 1) {
                throw new IllegalArgumentException("the number of failures before a lockout must be at least 1");
            }
            for (Duration d : List.of(accountWindow, accountLockout, addressWindow, addressLockout)) {
                if (d == null || d.isNegative() || d.isZero()) {
                    throw new IllegalArgumentException("sign-in windows and lockouts must be positive durations");
                }
            }
        }
    }

    private final SignInAttempts attempts;
    private final Limits limits;
    private final Clock clock;

    public SignInThrottle(SignInAttempts attempts, Limits limits, Clock clock) {
        this.attempts = attempts;
        this.limits = Objects.requireNonNull(limits, "limits");
        this.clock = clock;
    }

    /** Whether the account or the address is locked now. */
    public boolean locked(String account, String address) {
        Instant now = clock.instant();
        return lockedAt(account(account), now) || (address != null && lockedAt(address(address), now));
    }

    /** Counts a failure; returns the subjects this failure locked (empty most of the time). */
    public List<String> failed(String account, String address) {
        Instant now = clock.instant();
        List<String> locked = new ArrayList<>(2);
        count(account(account), now, limits.accountFailures(), limits.accountWindow(), limits.accountLockout(), locked);
        if (address != null) {
            count(address(address), now, limits.addressFailures(), limits.addressWindow(), limits.addressLockout(),
                    locked);
        }
        return locked;
    }

    public void succeeded(String account) {
        attempts.clear(account(account));
    }

    private void count(String subject, Instant now, int max, Duration window, Duration lockout, List<String> locked) {
        if (attempts.recordFailure(subject, now, now.minus(window)) >= max) {
            attempts.lock(subject, now.plus(lockout));
            locked.add(subject);
        }
    }

    private boolean lockedAt(String subject, Instant now) {
        return attempts.lockedUntil(subject).filter(now::isBefore).isPresent();
    }

    static String account(String name) {
        String n = name == null ? "" : name;
        // Names are at most 200 characters; a longer one typed into the form cannot exist anyway.
        return "account:" + (n.length() > 200 ? n.substring(0, 200) : n);
    }

    static String address(String address) {
        return "address:" + address;
    }
}
