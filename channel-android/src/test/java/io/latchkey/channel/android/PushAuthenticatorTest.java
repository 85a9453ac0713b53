package io.latchkey.channel.android;

import com.google.api.client.http.LowLevelHttpRequest;
import com.google.api.client.http.LowLevelHttpResponse;
import com.google.api.client.testing.http.MockHttpTransport;
import com.google.api.client.testing.http.MockLowLevelHttpRequest;
import com.google.api.client.util.Clock;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The push authenticator's decisions that need no signed token: the URL secret, the missing or
 * unconfigured cases, and Google's certificates out of reach. Signed tokens are checked end to end
 * against the AMAPI stand-in (server's AndroidPushAuthenticationTest).
 */
class PushAuthenticatorTest {
    private static final String SECRET = "a-long-shared-push-secret-42";
    private static final String AUDIENCE = "https://mdm.example.com/android/pubsub";
    private static final String ACCOUNT = "pubsub-push@acme.iam.gserviceaccount.com";
    private static final long NOW = 1_800_000_000L;

    private final AtomicInteger certFetches = new AtomicInteger();
    /** A transport to a certificates URL that cannot be reached. */
    private final MockHttpTransport unreachable = new MockHttpTransport() {
        @Override
        public LowLevelHttpRequest buildRequest(String method, String url) {
            return new MockLowLevelHttpRequest(url) {
                @Override
                public LowLevelHttpResponse execute() throws IOException {
                    certFetches.incrementAndGet();
                    throw new ConnectException("Connection refused");
                }
            };
        }
    };
    private final Clock clock = () -> NOW * 1000;

    private PushAuthenticator with(PushAuth auth) {
        return new PushAuthenticator(auth, unreachable, clock);
    }

    @Test
    void theUrlSecretIsAcceptedInTheQueryOrAsABearerToken() {
        PushAuthenticator auth = with(PushAuth.sharedToken(SECRET));

        assertThat(auth.check(null, SECRET).accepted()).isTrue();
        assertThat(auth.check("Bearer " + SECRET, null).accepted()).isTrue();
        assertThat(auth.check(null, SECRET + "x").verdict()).isEqualTo(PushAuthenticator.Verdict.REFUSED);
        assertThat(auth.check(null, null).verdict()).isEqualTo(PushAuthenticator.Verdict.NO_CREDENTIALS);
        assertThat(auth.check("Basic " + SECRET, null).verdict()).isEqualTo(PushAuthenticator.Verdict.NO_CREDENTIALS);
    }

    @Test
    void withNothingConfiguredEveryPushIsRefused() {
        PushAuthenticator auth = with(PushAuth.sharedToken(null));

        PushAuthenticator.Result r = auth.check("Bearer " + token(claims(AUDIENCE, ACCOUNT, NOW + 3600)), SECRET);
        assertThat(r.verdict()).isEqualTo(PushAuthenticator.Verdict.REFUSED);
        assertThat(r.reason()).contains("not configured");
    }

    @Test
    void anIdTokenIsNotTakenForTheUrlSecretWhenOnlyIdTokensAreConfigured() {
        PushAuthenticator auth = with(new PushAuth(null, AUDIENCE, ACCOUNT, URI.create("https://certs.example.com/")));

        assertThat(auth.check(null, SECRET).reason()).isEqualTo("not an ID token");
        assertThat(auth.check("Bearer a.b.c", null).reason()).isEqualTo("not a well-formed ID token");
        assertThat(auth.check("Bearer " + token("{\"aud\":\"" + AUDIENCE + "\"}"), null).reason())
                .contains("without exp or iat");
        assertThat(certFetches).as("refused before any certificate was needed").hasValue(0);
    }

    @Test
    void certificatesOutOfReachMakeThePushUnverifiableSoThatPubSubDeliversItAgain() {
        PushAuthenticator auth = with(new PushAuth(null, AUDIENCE, ACCOUNT, URI.create("https://certs.example.com/")));
        String token = token(claims(AUDIENCE, ACCOUNT, NOW + 3600));

        PushAuthenticator.Result r = auth.check("Bearer " + token, null);

        assertThat(r.verdict()).isEqualTo(PushAuthenticator.Verdict.UNVERIFIABLE);
        assertThat(r.reason()).contains("https://certs.example.com/").doesNotContain(token.split("\\.")[2]);
        assertThat(certFetches).hasValue(1);
    }

    private static String claims(String audience, String email, long exp) {
        return "{\"iss\":\"https://accounts.google.com\",\"aud\":\"" + audience + "\",\"email\":\"" + email
                + "\",\"email_verified\":true,\"iat\":" + (NOW - 10) + ",\"exp\":" + exp + "}";
    }

    /** A JWT with these claims and a signature no key made. */
    private static String token(String claims) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"RS256\",\"kid\":\"k1\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString("not-a-real-signature-0123456789".getBytes(StandardCharsets.UTF_8));
    }
}
