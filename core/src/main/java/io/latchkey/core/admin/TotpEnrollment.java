package io.latchkey.core.admin;

import io.latchkey.core.Rejected;
import io.latchkey.core.audit.Actor;
import io.latchkey.core.audit.AuditEvent;
import io.latchkey.core.audit.AuditLog;
import io.latchkey.core.secret.SecretException;
import io.latchkey.core.secret.SecretSealer;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * The optional second factor: a TOTP secret per administrator, sealed at rest with the server's
 * secret key and bound to the account, so a sealed value copied onto another admin does not open.
 * A code is accepted once: a later code must be of a later time step than the last accepted one.
 */
public final class TotpEnrollment {
    public static final String ISSUER = "Latchkey";

    private final TotpSecrets secrets;
    private final SecretSealer sealer;
    private final AuditLog audit;
    private final Clock clock;

    public TotpEnrollment(TotpSecrets secrets, SecretSealer sealer, AuditLog audit, Clock clock) {
        this.secrets = secrets;
        this.sealer = sealer;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Turns the second factor on at once (an operator with database access, from the CLI); returns
     * the otpauth:// URI to hand to the administrator. Replaces any earlier secret.
     */
    public String enable(Admin admin, Actor actor) {
        String uri = store(admin, true);
        audit(actor, "admin.totp.enable", admin, "enabled");
        return uri;
    }

    /**
     * Starts enrolment for oneself: the secret is kept pending, and sign-in does not ask for codes
     * until {@link #confirm} proves the authenticator app has it (no lock-out by a missed scan).
     */
    public String begin(Admin admin, Actor actor) {
        if (enabled(admin.id())) {
            throw Rejected.conflict("the second factor is already enabled for '" + admin.name() + "'");
        }
        String uri = store(admin, false);
        audit(actor, "admin.totp.begin", admin, "pending confirmation");
        return uri;
    }

    public void confirm(Admin admin, String code, Actor actor) {
        Optional<TotpSecrets.Stored> stored = secrets.find(admin.id());
        if (stored.isEmpty() || stored.get().confirmed()) {
            throw Rejected.conflict("no second-factor enrolment is pending: start one first");
        }
        if (!accept(stored.get(), code)) {
            throw Rejected.invalid("the code is not valid: type the 6 digits your authenticator app shows now");
        }
        secrets.confirm(admin.id());
        audit(actor, "admin.totp.enable", admin, "confirmed with a code");
    }

    public boolean enabled(UUID adminId) {
        return secrets.find(adminId).map(TotpSecrets.Stored::confirmed).orElse(false);
    }

    /** Whether the code is right now and was not used before; only for an enabled second factor. */
    public boolean verify(UUID adminId, String code) {
        return secrets.find(adminId).filter(TotpSecrets.Stored::confirmed).map(s -> accept(s, code)).orElse(false);
    }

    private boolean accept(TotpSecrets.Stored stored, String code) {
        byte[] secret;
        try {
            secret = sealer.open(stored.sealedSecret(), binding(stored.adminId()));
        } catch (SecretException e) {
            return false; // sealed under another key or for another account: no code can match
        }
        try {
            OptionalLong step = Totp.match(secret, code, clock.instant());
            return step.isPresent() && step.getAsLong() > stored.lastStep()
                    && secrets.advance(stored.adminId(), step.getAsLong());
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    private String store(Admin admin, boolean confirmed) {
        byte[] secret = Totp.newSecret();
        try {
            secrets.put(admin.id(), sealer.seal(secret, binding(admin.id())), confirmed);
            return Totp.uri(ISSUER, admin.name(), secret);
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    private static byte[] binding(UUID adminId) {
        return ("latchkey.totp:" + adminId).getBytes(StandardCharsets.UTF_8);
    }

    private void audit(Actor actor, String action, Admin admin, String detail) {
        audit.append(new AuditEvent(UUID.randomUUID(), clock.instant(), actor.name(), actor.address(), action,
                "admin", admin.name(), detail));
    }
}
