package io.latchkey.core.admin;

import io.latchkey.core.audit.AuditEvent;
import io.latchkey.core.audit.AuditLog;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Password sign-in, then the second factor when the account has one. Wrong name, wrong password,
 * wrong code and a locked account all give the same {@link Refused} (no account enumeration); the
 * audit log tells them apart. Old password hashes are upgraded on a successful password check.
 */
public final class SignIn {

    /** What the surface does next. */
    public sealed interface Outcome permits SignedIn, CodeRequired, Refused {
    }

    public record SignedIn(Admin admin) implements Outcome {
    }

    /** The password was right; ask for the TOTP code, then call {@link #code}. */
    public record CodeRequired(Admin admin) implements Outcome {
    }

    public record Refused() implements Outcome {
    }

    private final Admins admins;
    private final AdminPasswords passwords;
    private final PasswordHasher hasher;
    private final SignInThrottle throttle;
    private final TotpEnrollment totp;
    private final AuditLog audit;
    private final Clock clock;
    /** Checked when the name is unknown, so that case takes as long as a wrong password. */
    private static final java.time.Duration LOCKED_REFUSAL_AUDIT_EVERY = java.time.Duration.ofMinutes(1);

    private volatile String decoy;
    private final java.util.concurrent.ConcurrentHashMap<String, Instant> lockedRefusalsAudited =
            new java.util.concurrent.ConcurrentHashMap<>();

    public SignIn(Admins admins, AdminPasswords passwords, PasswordHasher hasher, SignInThrottle throttle,
                  TotpEnrollment totp, AuditLog audit, Clock clock) {
        this.admins = admins;
        this.passwords = passwords;
        this.hasher = hasher;
        this.throttle = throttle;
        this.totp = totp;
        this.audit = audit;
        this.clock = clock;
    }

    /** @param surface where the attempt came in ("console", "api"), for the audit detail */
    public Outcome password(String name, String password, String address, String surface) {
        // Names are at most 200 characters; a longer one cannot exist and must not overflow the audit row.
        String who = name == null || name.isBlank() ? "?" : name.length() > 200 ? name.substring(0, 200) : name;
        if (throttle.locked(who, address)) {
            auditLockedRefusal(who, address, surface + ": refused while locked out");
            return new Refused();
        }
        Optional<Admin> admin = admins.findByName(who);
        String stored = admin.map(Admin::passwordHash).orElse(null);
        if (stored == null) {
            hasher.verify(password, decoy()); // same work as a real check; the answer is no either way
            return fail(who, address, surface, admin.isEmpty() ? "no such administrator" : "no password set");
        }
        if (!hasher.verify(password, stored)) {
            return fail(who, address, surface, "wrong name or password");
        }
        if (hasher.needsRehash(stored)) {
            passwords.setPasswordHash(admin.get().id(), hasher.hash(password));
        }
        if (totp.enabled(admin.get().id())) {
            return new CodeRequired(admin.get());
        }
        return succeed(admin.get(), address, surface, "password");
    }

    /** The second step, for an admin {@link #password} answered {@link CodeRequired} for. */
    public Outcome code(Admin admin, String code, String address, String surface) {
        if (throttle.locked(admin.name(), address)) {
            auditLockedRefusal(admin.name(), address, surface + ": refused while locked out");
            return new Refused();
        }
        if (!totp.verify(admin.id(), code)) {
            return fail(admin.name(), address, surface, "wrong or reused second-factor code");
        }
        return succeed(admin, address, surface, "password and TOTP code");
    }

    /**
     * Checks the password of an administrator already signed in, before a sensitive change of
     * their own (a new password). Throttled and counted like a sign-in, so a stolen token cannot
     * be used to guess the password; a success is not a sign-in and is not audited as one.
     */
    public boolean confirmPassword(Admin admin, String password, String address, String surface) {
        if (throttle.locked(admin.name(), address)) {
            auditLockedRefusal(admin.name(), address, surface + ": password check refused while locked out");
            return false;
        }
        String stored = admins.findByName(admin.name()).map(Admin::passwordHash).orElse(null);
        if (stored == null || !hasher.verify(password, stored)) {
            fail(admin.name(), address, surface, "wrong current password");
            return false;
        }
        throttle.succeeded(admin.name());
        return true;
    }

    private Outcome succeed(Admin admin, String address, String surface, String how) {
        throttle.succeeded(admin.name());
        audit(admin.name(), address, "admin.signin", surface + ": " + how);
        return new SignedIn(admin);
    }

    private Outcome fail(String who, String address, String surface, String why) {
        List<String> locked = throttle.failed(who, address);
        audit(who, address, "admin.signin.failed", surface + ": " + why);
        for (String subject : locked) {
            audit(who, address, "admin.lockout", "too many failed sign-ins: " + subject + " locked");
        }
        return new Refused();
    }

    private String decoy() {
        String d = decoy;
        if (d == null) {
            d = hasher.hash(UUID.randomUUID().toString());
            decoy = d;
        }
        return d;
    }

    /**
     * A refusal during a lockout costs the caller nothing (no hashing), and every audit entry takes the
     * chain head's row lock: audited at most once a minute per name, so a script hammering a locked
     * account cannot flood the log or stall every audited write (docs/security.md, weakness 4).
     */
    private void auditLockedRefusal(String who, String address, String detail) {
        Instant now = clock.instant();
        if (lockedRefusalsAudited.size() > 10_000) {
            lockedRefusalsAudited.clear(); // bounded: names are attacker-chosen
        }
        Instant last = lockedRefusalsAudited.get(who);
        if (last != null && now.isBefore(last.plus(LOCKED_REFUSAL_AUDIT_EVERY))) {
            return;
        }
        lockedRefusalsAudited.put(who, now);
        audit(who, address, "admin.signin.locked", detail + " (further refusals within a minute are not audited)");
    }

    private void audit(String actor, String address, String action, String detail) {
        audit.append(new AuditEvent(UUID.randomUUID(), clock.instant(), actor, address, action, "admin", actor,
                detail));
    }
}
