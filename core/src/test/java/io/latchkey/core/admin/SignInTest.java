package io.latchkey.core.admin;

import io.latchkey.core.audit.Actor;
import io.latchkey.core.audit.AuditEvent;
import io.latchkey.core.secret.AesGcmSealer;
import io.latchkey.core.testing.InMemoryAdmins;
import io.latchkey.core.testing.InMemoryAuditLog;
import io.latchkey.core.testing.InMemorySignInAttempts;
import io.latchkey.core.testing.InMemoryTotpSecrets;
import io.latchkey.core.testing.MutableClock;
import io.latchkey.core.testing.PrefixHasher;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class SignInTest {
    private static final String PASSWORD = "violet-harbour-crane";
    private final MutableClock clock = new MutableClock();
    private final InMemoryAdmins admins = new InMemoryAdmins();
    private final InMemoryAuditLog audit = new InMemoryAuditLog();
    private final InMemorySignInAttempts attempts = new InMemorySignInAttempts();
    private final InMemoryTotpSecrets totpSecrets = new InMemoryTotpSecrets();
    private final PrefixHasher hasher = new PrefixHasher();
    private final TotpEnrollment totp = new TotpEnrollment(totpSecrets, new AesGcmSealer(new byte[32]), audit, clock);
    private final SignIn signIn = new SignIn(admins, admins, hasher,
            new SignInThrottle(attempts, SignInThrottle.Limits.DEFAULT, clock), totp, audit, clock);
    private final Admin alice = new Admin(UUID.randomUUID(), "alice", hasher.hash(PASSWORD), MutableClock.START);

    SignInTest() {
        admins.create(alice, List.of());
    }

    @Test
    void rightPasswordSignsInAndIsAudited() {
        assertThat(signIn.password("alice", PASSWORD, "10.0.0.1", "console")).isEqualTo(new SignIn.SignedIn(alice));
        assertThat(audit.withAction("admin.signin")).singleElement().satisfies(e -> {
            assertThat(e.actor()).isEqualTo("alice");
            assertThat(e.source()).isEqualTo("10.0.0.1");
        });
    }

    @Test
    void wrongPasswordUnknownNameAndLockedAccountAllLookTheSame() {
        SignIn.Outcome wrong = signIn.password("alice", "not-the-password", "10.0.0.1", "console");
        SignIn.Outcome unknown = signIn.password("mallory", PASSWORD, "10.0.0.2", "console");
        assertThat(wrong).isEqualTo(unknown).isEqualTo(new SignIn.Refused());
        assertThat(hasher.verifications).isEqualTo(2); // the unknown name cost a hash check too
        assertThat(audit.withAction("admin.signin.failed")).hasSize(2);
    }

    @Test
    void confirmingThePasswordIsThrottledLikeASignInButIsNotOne() {
        assertThat(signIn.confirmPassword(alice, PASSWORD, "10.0.0.1", "api")).isTrue();
        assertThat(audit.withAction("admin.signin")).isEmpty();
        for (int i = 0; i < 5; i++) {
            assertThat(signIn.confirmPassword(alice, "guess-" + i, "10.0.0.1", "api")).isFalse();
        }
        assertThat(audit.withAction("admin.lockout")).hasSize(1);
        assertThat(signIn.confirmPassword(alice, PASSWORD, "10.0.0.1", "api")).isFalse();
        assertThat(signIn.password("alice", PASSWORD, "10.0.0.2", "console")).isInstanceOf(SignIn.Refused.class);
    }

    @Test
    void anOverlongNameIsRefusedAndAuditedCut() {
        assertThat(signIn.password("x".repeat(5000), PASSWORD, "10.0.0.1", "console")).isInstanceOf(SignIn.Refused.class);
        assertThat(audit.withAction("admin.signin.failed")).singleElement()
                .satisfies(e -> assertThat(e.actor()).hasSize(200));
    }

    @Test
    void fiveFailuresLockTheAccountForFifteenMinutesEvenWithTheRightPassword() {
        for (int i = 0; i < 5; i++) {
            signIn.password("alice", "guess-" + i, "10.0.0." + i, "console");
            clock.advance(Duration.ofMinutes(1));
        }
        assertThat(audit.withAction("admin.lockout")).singleElement()
                .extracting(AuditEvent::detail).asString().contains("account:alice");

        int verificationsBefore = hasher.verifications;
        assertThat(signIn.password("alice", PASSWORD, "10.9.9.9", "console")).isInstanceOf(SignIn.Refused.class);
        assertThat(hasher.verifications).isEqualTo(verificationsBefore); // not even checked while locked
        assertThat(audit.withAction("admin.signin.locked")).hasSize(1);

        clock.advance(Duration.ofMinutes(15));
        assertThat(signIn.password("alice", PASSWORD, "10.9.9.9", "console")).isInstanceOf(SignIn.SignedIn.class);
    }

    @Test
    void hammeringALockedAccountIsAuditedOnceAMinuteNotOncePerAttempt() {
        for (int i = 0; i < 5; i++) {
            signIn.password("alice", "guess-" + i, "10.0.0.1", "console");
        }
        for (int i = 0; i < 200; i++) {
            signIn.password("alice", PASSWORD, "10.9.9." + (i % 250), "api");
        }
        assertThat(audit.withAction("admin.signin.locked")).hasSize(1);

        clock.advance(Duration.ofMinutes(1));
        signIn.password("alice", PASSWORD, "10.9.9.9", "api");
        assertThat(audit.withAction("admin.signin.locked")).hasSize(2);
    }

    @Test
    void failuresSpreadBeyondTheWindowDoNotLock() {
        for (int i = 0; i < 8; i++) {
            signIn.password("alice", "guess-" + i, "10.0.0.1", "console");
            clock.advance(Duration.ofMinutes(4));
        }
        assertThat(audit.withAction("admin.lockout")).isEmpty();
        assertThat(signIn.password("alice", PASSWORD, "10.0.0.1", "console")).isInstanceOf(SignIn.SignedIn.class);
    }

    @Test
    void aSuccessResetsTheAccountsCount() {
        for (int i = 0; i < 4; i++) {
            signIn.password("alice", "guess-" + i, "10.0.0.1", "console");
        }
        signIn.password("alice", PASSWORD, "10.0.0.1", "console");
        for (int i = 0; i < 4; i++) {
            signIn.password("alice", "guess-" + i, "10.0.0.1", "console");
        }
        assertThat(signIn.password("alice", PASSWORD, "10.0.0.1", "console")).isInstanceOf(SignIn.SignedIn.class);
    }

    @Test
    void oneAddressSprayingManyAccountsIsThrottled() {
        for (int i = 0; i < 20; i++) {
            signIn.password("user" + i, "guess", "203.0.113.7", "console");
        }
        assertThat(audit.withAction("admin.lockout")).singleElement()
                .extracting(AuditEvent::detail).asString().contains("address:203.0.113.7");
        assertThat(signIn.password("alice", PASSWORD, "203.0.113.7", "console")).isInstanceOf(SignIn.Refused.class);
        assertThat(signIn.password("alice", PASSWORD, "198.51.100.1", "console")).isInstanceOf(SignIn.SignedIn.class);
    }

    @Test
    void aLegacyHashIsUpgradedAtTheNextSuccessfulSignInOnly() {
        Admin bob = new Admin(UUID.randomUUID(), "bob", PrefixHasher.legacy(PASSWORD), MutableClock.START);
        admins.create(bob, List.of());
        signIn.password("bob", "wrong-password", "10.0.0.1", "console");
        assertThat(admins.findByName("bob").orElseThrow().passwordHash()).startsWith("old$");

        assertThat(signIn.password("bob", PASSWORD, "10.0.0.1", "console")).isInstanceOf(SignIn.SignedIn.class);
        assertThat(admins.findByName("bob").orElseThrow().passwordHash()).isEqualTo(hasher.hash(PASSWORD));
        assertThat(signIn.password("bob", PASSWORD, "10.0.0.1", "console")).isInstanceOf(SignIn.SignedIn.class);
    }

    @Test
    void withTotpThePasswordAloneIsNotEnoughAndACodeWorksOnce() {
        String uri = totp.enable(alice, new Actor("cli:root", "cli"));
        byte[] secret = secretOf(uri);

        assertThat(signIn.password("alice", PASSWORD, "10.0.0.1", "console"))
                .isEqualTo(new SignIn.CodeRequired(alice));
        assertThat(audit.withAction("admin.signin")).isEmpty();

        String code = Totp.code(secret, Totp.step(clock.instant()), 6);
        assertThat(signIn.code(alice, code, "10.0.0.1", "console")).isEqualTo(new SignIn.SignedIn(alice));
        assertThat(audit.withAction("admin.signin")).singleElement().extracting(AuditEvent::detail).asString()
                .contains("TOTP");

        // The same code again, even within its 30 seconds: a replay.
        signIn.password("alice", PASSWORD, "10.0.0.1", "console");
        assertThat(signIn.code(alice, code, "10.0.0.1", "console")).isInstanceOf(SignIn.Refused.class);
        // And an older step's code after a newer one was used.
        String previous = Totp.code(secret, Totp.step(clock.instant()) - 1, 6);
        assertThat(signIn.code(alice, previous, "10.0.0.1", "console")).isInstanceOf(SignIn.Refused.class);

        clock.advance(Duration.ofSeconds(30));
        String next = Totp.code(secret, Totp.step(clock.instant()), 6);
        assertThat(signIn.code(alice, next, "10.0.0.1", "console")).isInstanceOf(SignIn.SignedIn.class);
    }

    @Test
    void wrongCodesCountTowardsTheLockout() {
        totp.enable(alice, new Actor("cli:root", "cli"));
        for (int i = 0; i < 5; i++) {
            signIn.password("alice", PASSWORD, "10.0.0.1", "console");
            signIn.code(alice, "000000", "10.0.0.1", "console");
        }
        assertThat(audit.withAction("admin.lockout")).hasSize(1);
        assertThat(signIn.password("alice", PASSWORD, "10.0.0.1", "console")).isInstanceOf(SignIn.Refused.class);
    }

    @Test
    void theAuditNeverHoldsThePasswordOrTheSecret() {
        String uri = totp.enable(alice, new Actor("cli:root", "cli"));
        signIn.password("alice", PASSWORD, "10.0.0.1", "console");
        signIn.password("alice", "a-wrong-one-typed", "10.0.0.1", "console");
        String secret = uri.replaceAll(".*secret=([A-Z2-7]+).*", "$1");
        assertThat(audit.all()).allSatisfy(e -> assertThat(e.toString()).doesNotContain(PASSWORD)
                .doesNotContain("a-wrong-one-typed").doesNotContain(secret));
        assertThat(totpSecrets.find(alice.id()).orElseThrow().sealedSecret()).isNotEqualTo(secretOf(uri));
    }

    /** The secret back from the URI, as an authenticator app would read it. */
    static byte[] secretOf(String uri) {
        String b32 = URI.create(uri).getQuery().replaceAll(".*secret=([A-Z2-7]+).*", "$1");
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        int buffer = 0;
        int bits = 0;
        for (char c : b32.toCharArray()) {
            buffer = (buffer << 5) | "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".indexOf(c);
            bits += 5;
            if (bits >= 8) {
                out.write((buffer >>> (bits - 8)) & 0xff);
                bits -= 8;
            }
        }
        return out.toByteArray();
    }
}
