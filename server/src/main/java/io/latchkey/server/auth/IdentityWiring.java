package io.latchkey.server.auth;

import io.latchkey.core.admin.AdminIdentities;
import io.latchkey.core.admin.ApiTokenIssuer;
import io.latchkey.core.admin.PasswordHasher;
import io.latchkey.core.admin.Passwords;
import io.latchkey.core.admin.SignIn;
import io.latchkey.core.admin.SignInThrottle;
import io.latchkey.core.admin.TotpEnrollment;
import io.latchkey.core.secret.SecretSealer;
import io.latchkey.store.jdbc.JdbcStorage;

import java.time.Clock;

/** Builds the administrator-identity use cases over the database; the composition root and the CLI share it. */
public final class IdentityWiring {
    private IdentityWiring() {
    }

    public static AdminIdentities wire(JdbcStorage storage, PasswordHasher hasher, SecretSealer sealer,
                                       SignInThrottle.Limits limits, Clock clock) {
        TotpEnrollment totp = new TotpEnrollment(storage.totpSecrets(), sealer, storage.audit(), clock);
        SignIn signIn = new SignIn(storage.admins(), storage.adminPasswords(), hasher,
                new SignInThrottle(storage.signInAttempts(), limits, clock), totp, storage.audit(), clock);
        return new AdminIdentities(signIn,
                new Passwords(storage.admins(), storage.adminPasswords(), hasher, storage.audit(), clock),
                new ApiTokenIssuer(storage.admins(), storage.apiTokens(), storage.audit(), clock), totp);
    }
}
