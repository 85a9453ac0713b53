package io.latchkey.server.http;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import io.latchkey.channel.android.AmapiClient;
import io.latchkey.channel.android.AndroidSettings;
import io.latchkey.channel.android.PushAuth;
import io.latchkey.server.config.Option;
import io.latchkey.simulator.android.AndroidProfile;
import io.latchkey.simulator.android.SimulatedAndroidDevice;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The fallback and the limits of the Android channel: devices.list reconciliation finds what
 * Pub/Sub lost and notices devices deleted at Google; the client keeps to android.rate; and the
 * service-account key's private key is in no log line from start to stop (io.latchkey at DEBUG).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AndroidReconcileAndLimitsTest {
    private static final int RATE = 10;
    /** TokenBucket's burst: a tenth of a second's worth, at least one. */
    private static final int BURST = Math.max(1, RATE / 10);

    @TempDir
    static Path dir;
    AndroidTestServer s;
    final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    final Logger latchkey = (Logger) LoggerFactory.getLogger("io.latchkey");

    @BeforeAll
    void start() throws Exception {
        logs.start();
        root.addAppender(logs);
        latchkey.setLevel(Level.DEBUG);
        s = AndroidTestServer.start(dir, AndroidTestServer.Push.URL_TOKEN,
                Map.of(Option.ANDROID_RATE, Integer.toString(RATE)));
    }

    @AfterAll
    void stop() {
        if (s != null) {
            s.close();
        }
        root.detachAppender(logs);
        latchkey.setLevel(null);
    }

    @Test
    @Order(1)
    void aDeviceWhoseEnrollmentPushWasLostAppearsAfterReconciliation() throws Exception {
        s.google.losePushes(true);
        SimulatedAndroidDevice lost;
        try {
            lost = s.enroll("lost@example.com", AndroidProfile.WORK_PROFILE_COMPANY_OWNED, 33);
        } finally {
            s.google.losePushes(false);
        }
        assertThat(s.find(lost.name())).isNull();

        int listed = s.app.android().orElseThrow().sync().reconcile();

        assertThat(listed).isGreaterThanOrEqualTo(1);
        JsonNode found = s.device(lost);
        assertThat(found.at("/state/androidMode").asText()).isEqualTo("workProfile");
        assertThat(found.get("enrollingUserId").asText()).isEqualTo(s.userId("lost@example.com"));
        assertThat(found.get("enrolled").asBoolean()).isTrue();
    }

    @Test
    @Order(2)
    void aDeviceDeletedAtGoogleIsMarkedUnenrolledWithAReason() throws Exception {
        SimulatedAndroidDevice gone = s.enrolled("gone@example.com", AndroidProfile.FULLY_MANAGED, 34);
        SimulatedAndroidDevice kept = s.enrolled("kept@example.com", AndroidProfile.FULLY_MANAGED, 34);
        s.google.deleteAtGoogle(gone);

        s.app.android().orElseThrow().sync().reconcile();

        JsonNode record = s.device(gone);
        assertThat(record.get("enrolled").asBoolean()).isFalse();
        assertThat(s.device(kept).get("enrolled").asBoolean()).isTrue();
        JsonNode audit = AndroidTestServer.JSON.readTree(s.api.ok(s.api.get("/api/v1/audit?limit=50"))).get("items");
        assertThat(audit.findParents("action")).anySatisfy(e -> {
            assertThat(e.get("action").asText()).isEqualTo("device.unenroll");
            assertThat(e.get("target").asText()).isEqualTo(record.get("id").asText());
            assertThat(e.get("detail").asText()).contains("deleted from the Android Enterprise outside Latchkey");
        });
    }

    @Test
    @Order(3)
    void theClientStaysWithinTheConfiguredRate() throws Exception {
        List<SimulatedAndroidDevice> fleet = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            fleet.add(s.enrolled("rate" + i + "@example.com", AndroidProfile.FULLY_MANAGED, 34));
        }
        s.google.resetPeak();

        String reset = s.submit("resetPasscode", fleet.toArray(SimulatedAndroidDevice[]::new));
        s.awaitDone(reset, fleet.size());

        assertThat(fleet).allSatisfy(d -> assertThat(s.state(reset, d)).isEqualTo("succeeded"));
        // Every API call counts, the notifications' reads and the polls included.
        assertThat(s.google.peakCallsPerSecond()).as("busiest one-second window").isLessThanOrEqualTo(RATE + BURST)
                .as("the limit was reached, so it was what held the calls back").isGreaterThanOrEqualTo(RATE - 2);
    }

    @Test
    @Order(4)
    void theServiceAccountsPrivateKeyIsInNoLogLine() throws Exception {
        Path key = dir.resolve("service-account.json");
        JsonNode keyFile = AndroidTestServer.JSON.readTree(key.toFile());
        List<String> keyLines = keyFile.get("private_key").asText().lines()
                .filter(l -> !l.startsWith("-----")).toList();
        // A key file the client cannot read: the error names the file, never its content.
        Path broken = Files.writeString(dir.resolve("broken.json"), Files.readString(key).replace("\"type\"", "\"typ\""));
        AndroidSettings settings = new AndroidSettings(s.google.rootUrl(), broken, null, null,
                PushAuth.sharedToken(null), RATE, null, Duration.ofSeconds(1), Duration.ofMinutes(1));
        assertThatThrownBy(() -> AmapiClient.open(settings)).hasMessageContaining("broken.json")
                .satisfies(e -> assertThat(keyLines).noneMatch(l -> e.getMessage().contains(l)));

        List<String> logged = logged();
        assertThat(logged).as("the class's runs logged something to check").isNotEmpty();
        assertThat(logged).noneMatch(m -> m.contains("PRIVATE KEY"))
                .noneMatch(m -> keyLines.stream().anyMatch(m::contains))
                .noneMatch(m -> m.contains(AndroidTestServer.PUSH_TOKEN));
    }

    /** Every message and exception text logged so far. */
    private List<String> logged() {
        List<ILoggingEvent> events;
        synchronized (logs) {
            events = List.copyOf(logs.list);
        }
        List<String> out = new ArrayList<>();
        for (ILoggingEvent e : events) {
            out.add(e.getFormattedMessage());
            for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
                out.add(t.getClassName() + ": " + t.getMessage());
            }
        }
        return out;
    }
}
