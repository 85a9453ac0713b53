package io.latchkey.server.http;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.latchkey.simulator.android.AndroidProfile;
import io.latchkey.simulator.android.PushIdTokens;
import io.latchkey.simulator.android.SimulatedAndroidDevice;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An authenticated Pub/Sub push subscription (https://cloud.google.com/pubsub/docs/authenticate-push-subscriptions):
 * the stand-in signs each push's ID token with its own key and publishes the certificate as Google
 * does; Latchkey checks it with the Google API client's verifier. A forged, misaddressed, foreign
 * or expired token is refused with a log line that never holds the token, and nothing is stored.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AndroidPushAuthenticationTest {
    @TempDir
    static Path dir;
    AndroidTestServer s;
    ListAppender<ILoggingEvent> logs;
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    @BeforeAll
    void start() throws Exception {
        s = AndroidTestServer.start(dir, AndroidTestServer.Push.ID_TOKEN, Map.of());
    }

    @AfterAll
    void stop() {
        if (s != null) {
            s.close();
        }
    }

    @BeforeEach
    void capture() {
        logs = new ListAppender<>();
        logs.start();
        root.addAppender(logs);
    }

    @AfterEach
    void release() {
        root.detachAppender(logs);
    }

    @Test
    void devicesEnrollThroughAuthenticatedPushes() throws Exception {
        SimulatedAndroidDevice phone = s.enrolled("oidc@example.com", AndroidProfile.FULLY_MANAGED, 34);

        assertThat(s.device(phone).at("/state/androidMode").asText()).isEqualTo("fullyManaged");
        String lock = s.submit("remoteLock", phone);
        s.awaitDone(lock, 1);
        assertThat(s.state(lock, phone)).isEqualTo("succeeded");
        assertThat(messages()).noneMatch(m -> m.contains("refused an Android push"));
    }

    @Test
    void aTokenSignedByGoogleForTheAudienceAndServiceAccountIsAccepted() throws Exception {
        SimulatedAndroidDevice quiet = unknownToLatchkey("good@example.com");
        PushIdTokens google = s.google.pushIdTokens();
        Instant now = Instant.now();

        String token = google.sign(AndroidTestServer.AUDIENCE, google.serviceAccount(), now, now.plusSeconds(3600));
        assertThat(pushWith(token, quiet).status()).isEqualTo(204);
        assertThat(s.find(quiet.name())).isNotNull();
    }

    @Test
    void forgedMisaddressedForeignOrExpiredTokensAreRefusedLoggedAndNothingIsStored() throws Exception {
        SimulatedAndroidDevice quiet = unknownToLatchkey("bad@example.com");
        PushIdTokens google = s.google.pushIdTokens();
        String audience = AndroidTestServer.AUDIENCE;
        String account = google.serviceAccount();
        Instant now = Instant.now();
        Instant hour = now.plusSeconds(3600);
        Map<String, String> refusals = Map.of(
                google.forge(audience, account, now, hour), "signature",
                google.sign("https://elsewhere.example.com/push", account, now, hour), "audience",
                google.sign(audience, "intruder@evil-project.iam.gserviceaccount.com", now, hour),
                "not the push service account",
                google.sign(audience, account, now.minus(Duration.ofHours(3)), now.minus(Duration.ofHours(2))),
                "expired",
                "eyJhbGciOiJub25lIn0.e30.", "ID token");

        refusals.forEach((token, reason) -> {
            int before = messages().size();
            assertThat(pushWith(token, quiet).status()).as(reason).isEqualTo(403);
            List<String> lines = messages();
            assertThat(lines.subList(before, lines.size()))
                    .anyMatch(m -> m.contains("refused an Android push notification") && m.contains(reason));
        });
        TestClient anonymous = s.api.withToken(null);
        assertThat(anonymous.post(AndroidRoutes.PUSH, body(quiet)).status()).isEqualTo(401);
        assertThat(anonymous.post(AndroidRoutes.PUSH + "?token=" + AndroidTestServer.PUSH_TOKEN, body(quiet)).status())
                .as("no URL secret is configured: only ID tokens are accepted").isEqualTo(403);

        assertThat(s.find(quiet.name())).as("never stored as truth").isNull();
        assertThat(messages()).as("no token in the logs")
                .noneMatch(m -> refusals.keySet().stream().anyMatch(t -> m.contains(signature(t))));
    }

    /** Google knows the device (it enrolled while Pub/Sub lost its notifications); Latchkey does not. */
    private SimulatedAndroidDevice unknownToLatchkey(String upn) throws Exception {
        s.google.losePushes(true);
        try {
            SimulatedAndroidDevice d = s.enroll(upn, AndroidProfile.FULLY_MANAGED, 34);
            assertThat(s.find(d.name())).isNull();
            return d;
        } finally {
            s.google.losePushes(false);
        }
    }

    private TestClient.Response pushWith(String idToken, SimulatedAndroidDevice about) {
        return s.api.withToken(null).post(AndroidRoutes.PUSH, body(about), Map.of("Authorization", "Bearer " + idToken));
    }

    private static String body(SimulatedAndroidDevice about) {
        return AndroidTestServer.push(about.name(), "STATUS_REPORT");
    }

    /** What identifies a token: its signature, or all of it when it has none. */
    private static String signature(String token) {
        String tail = token.substring(token.lastIndexOf('.') + 1);
        return tail.length() > 20 ? tail : token;
    }

    /** The log so far; the appender adds under its own lock, from the server's threads. */
    private List<String> messages() {
        List<ILoggingEvent> events;
        synchronized (logs) {
            events = List.copyOf(logs.list);
        }
        return events.stream().map(e -> e.getFormattedMessage()
                + (e.getThrowableProxy() == null ? "" : " " + e.getThrowableProxy().getMessage())).toList();
    }
}
