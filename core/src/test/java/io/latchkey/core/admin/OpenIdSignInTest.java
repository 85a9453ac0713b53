package io.latchkey.core.admin;

import io.latchkey.core.testing.InMemoryAdmins;
import io.latchkey.core.testing.InMemoryAuditLog;
import io.latchkey.core.testing.MutableClock;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The code flow's one-time values and decisions, against a hand-written provider stub. */
class OpenIdSignInTest {
    private static final URI CALLBACK = URI.create("https://mdm.example/console/login/oidc/callback");

    /** Remembers what the flow sent and answers what the test sets. */
    private static final class StubProvider implements OpenIdProvider {
        final List<AuthorizationRequest> asked = new ArrayList<>();
        final List<Redemption> redeemed = new ArrayList<>();
        Set<String> roles = Set.of("Administrator");
        String refusal;

        @Override
        public String displayName() {
            return "Stub IdP";
        }

        @Override
        public URI authorizationUrl(AuthorizationRequest request) {
            asked.add(request);
            return URI.create("https://idp.example/authorize?state=" + request.state());
        }

        @Override
        public Redeemed redeem(Redemption redemption) throws Refused {
            redeemed.add(redemption);
            if (refusal != null) {
                throw new Refused(refusal);
            }
            return new Redeemed(new FederatedIdentity("https://idp.example", "alice", roles), "id.token.jwt");
        }

        @Override
        public Optional<URI> endSessionUrl(String idTokenHint, URI afterSignOut) {
            return Optional.empty();
        }
    }

    private final StubProvider provider = new StubProvider();
    private final InMemoryAdmins admins = new InMemoryAdmins();
    private final InMemoryAuditLog audit = new InMemoryAuditLog();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    private final OpenIdSignIn signIn = new OpenIdSignIn(provider,
            new FederatedAdmins(t -> Optional.empty(), admins, audit, clock), audit, clock);

    private String state() {
        return provider.asked.getLast().state();
    }

    @Test
    void theChallengeIsTheS256OfTheVerifier() {
        // RFC 7636 Appendix B: this verifier and its S256 challenge
        assertThat(OpenIdSignIn.challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"))
                .isEqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
    }

    @Test
    void aCallbackWithTheRightStateAndBrowserSignsInAndSendsTheVerifierAndNonce() throws Exception {
        OpenIdSignIn.Started started = signIn.start(CALLBACK);
        OpenIdProvider.AuthorizationRequest sent = provider.asked.getLast();
        OpenIdSignIn.Outcome outcome = signIn.finish(new OpenIdSignIn.Callback(sent.state(), started.browserBinding(),
                "the-code", null), "10.0.0.1");
        assertThat(outcome).isInstanceOf(OpenIdSignIn.SignedIn.class);
        OpenIdProvider.Redemption r = provider.redeemed.getLast();
        assertThat(r.code()).isEqualTo("the-code");
        assertThat(r.nonce()).isEqualTo(sent.nonce());
        assertThat(r.redirectUri()).isEqualTo(CALLBACK);
        assertThat(r.codeVerifier()).hasSizeBetween(43, 128);
        assertThat(OpenIdSignIn.challenge(r.codeVerifier())).isEqualTo(sent.codeChallenge());
        assertThat(((OpenIdSignIn.SignedIn) outcome).identity().admin().name()).isEqualTo("oidc:alice@https://idp.example");
        assertThat(audit.withAction("admin.signin")).singleElement()
                .satisfies(e -> assertThat(e.detail()).contains("OpenID Connect").contains("Administrator"));
    }

    @Test
    void everyFlowHasItsOwnUnguessableValues() throws Exception {
        signIn.start(CALLBACK);
        signIn.start(CALLBACK);
        OpenIdProvider.AuthorizationRequest a = provider.asked.get(0);
        OpenIdProvider.AuthorizationRequest b = provider.asked.get(1);
        assertThat(a.state()).isNotEqualTo(b.state()).hasSize(43);
        assertThat(a.nonce()).isNotEqualTo(b.nonce()).isNotEqualTo(a.state());
        assertThat(a.codeChallenge()).isNotEqualTo(b.codeChallenge());
    }

    @Test
    void aStateIsGoodForOneCallbackOnly() throws Exception {
        OpenIdSignIn.Started started = signIn.start(CALLBACK);
        OpenIdSignIn.Callback cb = new OpenIdSignIn.Callback(state(), started.browserBinding(), "c", null);
        assertThat(signIn.finish(cb, "ip")).isInstanceOf(OpenIdSignIn.SignedIn.class);
        assertThat(signIn.finish(cb, "ip")).isEqualTo(new OpenIdSignIn.Refused(OpenIdSignIn.Reason.STALE));
        assertThat(provider.redeemed).hasSize(1);
    }

    @Test
    void anotherBrowsersCallbackIsRefusedAndBurnsTheState() throws Exception {
        OpenIdSignIn.Started started = signIn.start(CALLBACK);
        String state = state();
        assertThat(signIn.finish(new OpenIdSignIn.Callback(state, "attacker-cookie", "c", null), "ip"))
                .isEqualTo(new OpenIdSignIn.Refused(OpenIdSignIn.Reason.STALE));
        assertThat(signIn.finish(new OpenIdSignIn.Callback(state, null, "c", null), "ip"))
                .isEqualTo(new OpenIdSignIn.Refused(OpenIdSignIn.Reason.STALE));
        assertThat(signIn.finish(new OpenIdSignIn.Callback(state, started.browserBinding(), "c", null), "ip"))
                .isEqualTo(new OpenIdSignIn.Refused(OpenIdSignIn.Reason.STALE));
        assertThat(provider.redeemed).isEmpty();
        assertThat(audit.withAction("admin.signin.failed")).hasSize(3);
    }

    @Test
    void anUnknownOrExpiredStateIsRefused() throws Exception {
        OpenIdSignIn.Started started = signIn.start(CALLBACK);
        assertThat(signIn.finish(new OpenIdSignIn.Callback("made-up", started.browserBinding(), "c", null), "ip"))
                .isEqualTo(new OpenIdSignIn.Refused(OpenIdSignIn.Reason.STALE));
        clock.advance(OpenIdSignIn.FLOW_LIFETIME.plus(Duration.ofSeconds(1)));
        assertThat(signIn.finish(new OpenIdSignIn.Callback(state(), started.browserBinding(), "c", null), "ip"))
                .isEqualTo(new OpenIdSignIn.Refused(OpenIdSignIn.Reason.STALE));
        assertThat(provider.redeemed).isEmpty();
    }

    @Test
    void aProviderErrorARefusedTokenAndNoMappedRoleEachRefuseWithoutAnAdmin() throws Exception {
        OpenIdSignIn.Started s1 = signIn.start(CALLBACK);
        assertThat(signIn.finish(new OpenIdSignIn.Callback(state(), s1.browserBinding(), null, "access_denied"), "ip"))
                .isEqualTo(new OpenIdSignIn.Refused(OpenIdSignIn.Reason.PROVIDER_DECLINED));
        provider.refusal = "ID token audience does not name this client";
        OpenIdSignIn.Started s2 = signIn.start(CALLBACK);
        assertThat(signIn.finish(new OpenIdSignIn.Callback(state(), s2.browserBinding(), "c", null), "ip"))
                .isEqualTo(new OpenIdSignIn.Refused(OpenIdSignIn.Reason.NOT_VERIFIED));
        provider.refusal = null;
        provider.roles = Set.of();
        OpenIdSignIn.Started s3 = signIn.start(CALLBACK);
        assertThat(signIn.finish(new OpenIdSignIn.Callback(state(), s3.browserBinding(), "c", null), "ip"))
                .isEqualTo(new OpenIdSignIn.Refused(OpenIdSignIn.Reason.NO_ROLE));
        assertThat(admins.count()).isZero();
        assertThat(audit.withAction("admin.signin.failed")).extracting(e -> e.detail())
                .anySatisfy(d -> assertThat(d).contains("access_denied"))
                .anySatisfy(d -> assertThat(d).contains("audience"))
                .anySatisfy(d -> assertThat(d).contains("no role"));
    }

    @Test
    void theOldestFlowsGiveWayWhenTooManyAreOpen() throws Exception {
        OpenIdSignIn.Started first = signIn.start(CALLBACK);
        String firstState = state();
        for (int i = 0; i < OpenIdSignIn.MAX_FLOWS; i++) {
            signIn.start(CALLBACK);
        }
        assertThat(signIn.finish(new OpenIdSignIn.Callback(firstState, first.browserBinding(), "c", null), "ip"))
                .isEqualTo(new OpenIdSignIn.Refused(OpenIdSignIn.Reason.STALE));
    }
}
