package io.latchkey.server.http;

import io.latchkey.server.App;
import io.latchkey.server.config.Option;
import io.latchkey.server.config.Settings;
import io.latchkey.server.config.SettingsLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class EnrollmentRateLimitTest {
    @TempDir
    Path dir;

    @Test
    void aWindowAllowsTheLimitThenAsksToWaitUntilItEnds() {
        AtomicLong now = new AtomicLong(0);
        EnrollmentRateLimit limit = new EnrollmentRateLimit(3, now::get);

        assertThat(limit.secondsToWait("10.0.0.1")).isZero();
        assertThat(limit.secondsToWait("10.0.0.1")).isZero();
        assertThat(limit.secondsToWait("10.0.0.1")).isZero();
        now.set(20_000_000_000L);
        assertThat(limit.secondsToWait("10.0.0.1")).isEqualTo(40);
        assertThat(limit.secondsToWait("10.0.0.2")).as("another address has its own window").isZero();
        now.set(EnrollmentRateLimit.WINDOW_NANOS);
        assertThat(limit.secondsToWait("10.0.0.1")).isZero();
    }

    @Test
    void theEnrollmentEndpointsAnswer429WithRetryAfterAndTheRestOfTheServerDoesNot() throws Exception {
        Settings settings = SettingsLoader.load(Map.of(Option.PORT, "0", Option.BIND, "127.0.0.1",
                Option.DATA_DIR, dir.toString(), Option.ENROLLMENT_RATE_LIMIT, "4"), null, Map.of());
        try (App app = App.open(settings)) {
            URI base = URI.create("http://127.0.0.1:" + app.serve() + "/");
            HttpClient http = HttpClient.newHttpClient();
            int[] statuses = new int[6];
            HttpResponse<String> last = null;
            for (int i = 0; i < statuses.length; i++) {
                last = http.send(HttpRequest.newBuilder(base.resolve(i % 2 == 0 ? "/scep?operation=GetCACaps"
                        : "/EnrollmentServer/Discovery.svc")).build(), HttpResponse.BodyHandlers.ofString());
                statuses[i] = last.statusCode();
            }

            assertThat(statuses).containsExactly(200, 200, 200, 200, 429, 429);
            assertThat(last.headers().firstValue("Retry-After")).hasValueSatisfying(
                    v -> assertThat(Integer.parseInt(v)).isBetween(1, 60));
            assertThat(http.send(HttpRequest.newBuilder(base.resolve("/healthz")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(200);
        }
    }
}
