package io.latchkey.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.latchkey.channel.android.AmapiClient;
import io.latchkey.core.action.CommandState;
import io.latchkey.server.App;
import io.latchkey.server.config.Option;
import io.latchkey.server.config.Settings;
import io.latchkey.server.config.SettingsLoader;
import io.latchkey.simulator.android.AmapiStandIn;
import io.latchkey.simulator.android.AndroidProfile;
import io.latchkey.simulator.android.SimulatedAndroidDevice;

import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Issue 5's benchmark: N simulated Android devices (fully managed and company-owned work profiles in
 * turn, Android 14) enrolled in the AMAPI stand-in with tokens Latchkey issued, then ONE
 * action gives them all a temporary passcode; timed from the request to every command succeeded
 * (issueCommand through the official client, the device applying it, the COMMAND push, operations.get).
 * Reported with the Google API calls Latchkey made and their rate, and the busiest second the stand-in
 * saw against the configured {@code android.rate}. Server, stand-in and devices share this JVM.
 *
 * <p>Usage: {@code AndroidFleetBench <devices> <rate> <sqlite|h2|postgresql> [jdbcUrl user password secretKeyBase64]}
 */
public final class AndroidFleetBench {
    private static final String TOKEN = "lk_bench-android-token-0123456789";
    private static final String PUSH = "bench-push-token-0123456789abcdef";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CONCURRENCY = 32;
    private static final Duration DEADLINE = Duration.ofMinutes(20);
    /** The modes whose passcode AMAPI resets (the stand-in refuses RESET_PASSWORD on a personal work profile). */
    private static final AndroidProfile[] PROFILES = {AndroidProfile.FULLY_MANAGED,
            AndroidProfile.WORK_PROFILE_COMPANY_OWNED};

    private final HttpClient http = HttpClient.newHttpClient();
    private String base;

    public static void main(String[] args) throws Exception {
        new AndroidFleetBench().run(args);
    }

    private void run(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        int rate = Integer.parseInt(args[1]);
        String setup = switch (args[2]) {
            case "postgresql" -> "PostgreSQL";
            case "h2" -> "H2";
            default -> "SQLite";
        };
        Path dir = BenchDirectory.create("latchkey-android-bench");
        try (AmapiStandIn google = AmapiStandIn.start()) {
            Map<Option, String> options = new EnumMap<>(Option.class);
            options.put(Option.PORT, "0");
            options.put(Option.BIND, "127.0.0.1");
            options.put(Option.DATA_DIR, dir.resolve("data").toString());
            options.put(Option.BOOTSTRAP_ADMIN_TOKEN, TOKEN);
            options.put(Option.DATABASE_POOL_SIZE, "20");
            options.put(Option.ANDROID_SERVICE_ACCOUNT_KEY, google.writeServiceAccountKey(dir.resolve("key.json")).toString());
            options.put(Option.ANDROID_AMAPI_ROOT_URL, google.rootUrl().toString());
            options.put(Option.ANDROID_PUBSUB_TOPIC, "projects/latchkey-sim/topics/amapi");
            options.put(Option.ANDROID_PUSH_TOKEN, PUSH);
            options.put(Option.ANDROID_RATE, Integer.toString(rate));
            BenchDatabase.put(options, args[2], args, 3);
            Settings settings = SettingsLoader.load(options, null, Map.of());
            try (App app = App.open(settings)) {
                app.bootstrap(settings.bootstrapAdminUser(), null, TOKEN);
                base = "http://127.0.0.1:" + app.serve();
                google.pushTo(URI.create(base + "/android/pubsub?token=" + PUSH));
                measure(app, google, n, rate, setup);
            }
        }
    }

    private void measure(App app, AmapiStandIn google, int n, int rate, String setup) throws Exception {
        bind(google);
        StringBuilder users = new StringBuilder("{\"users\":[");
        for (int i = 0; i < n; i++) {
            users.append(i == 0 ? "" : ",").append("{\"userPrincipalName\":\"a").append(i)
                    .append("@bench.example\",\"displayName\":\"A").append(i).append("\"}");
        }
        post("/api/v1/import", users.append("]}").toString());
        List<String> userIds = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = JSON.readTree(get("/api/v1/users?limit=1000" + (cursor == null ? "" : "&cursor=" + cursor)));
            page.get("items").forEach(u -> userIds.add(u.get("id").asText()));
            cursor = page.path("nextCursor").isTextual() ? page.get("nextCursor").asText() : null;
        } while (cursor != null);

        long enrollStart = System.nanoTime();
        List<SimulatedAndroidDevice> devices = Collections.synchronizedList(new ArrayList<>());
        try (ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY, Thread.ofVirtual().factory())) {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String user = userIds.get(i);
                AndroidProfile profile = PROFILES[i % PROFILES.length];
                done.add(pool.submit(() -> {
                    JsonNode t = JSON.readTree(post("/api/v1/users/" + user + "/android-enrollment-tokens",
                            "{\"mode\":\"" + mode(profile) + "\"}"));
                    devices.add(profile == AndroidProfile.WORK_PROFILE_PERSONAL
                            ? google.enroll(t.get("value").asText(), profile, 34)
                            : google.enrollWithQr(t.get("qrCode").asText(), profile, 34));
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        }
        awaitInventory(app, n);
        double enrollSeconds = (System.nanoTime() - enrollStart) / 1e9;
        System.err.println("bench: " + n + " Android devices enrolled and in the inventory at " + Instant.now());

        AmapiClient client = app.android().orElseThrow().client();
        long callsBefore = client.calls();
        long retriesBefore = client.retries();
        google.resetPeak();
        long start = System.nanoTime();
        String request = JSON.readTree(post("/api/v1/actions",
                "{\"action\":\"resetPasscode\",\"target\":{\"platform\":\"android\"}}")).get("id").asText();
        UUID requestId = UUID.fromString(request);
        long handed = 0;
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (true) {
            Map<CommandState, Long> states = app.storage().history().countByState(requestId);
            long succeeded = states.getOrDefault(CommandState.SUCCEEDED, 0L);
            if (handed == 0 && states.getOrDefault(CommandState.PENDING, 0L) == 0) {
                handed = System.nanoTime();
            }
            if (succeeded + states.getOrDefault(CommandState.FAILED, 0L) == n) {
                if (succeeded != n) {
                    throw new IllegalStateException("not all succeeded: " + states);
                }
                break;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("stalled: " + states);
            }
            Thread.sleep(20);
        }
        long end = System.nanoTime();
        double seconds = (end - start) / 1e9;
        long calls = client.calls() - callsBefore;
        long applied = devices.stream().filter(d -> d.password().isPresent()).count();
        System.out.printf("| %s | %,d | enroll (token through the API, QR or link, ENROLLMENT push → devices.get → record) "
                + "| %.1f s (%,.0f devices/s) |%n", setup, n, enrollSeconds, n / enrollSeconds);
        System.out.printf("| %s | %,d | temporary passcode: request → all handed to Google (pending → sent) | %.2f s |%n",
                setup, n, (handed - start) / 1e9);
        System.out.printf("| %s | %,d | temporary passcode: request → all succeeded (%,d devices applied it) | **%.2f s** |%n",
                setup, n, applied, seconds);
        System.out.printf("| %s | %,d | Google API calls for the action (issueCommand + operations.get; %,d retried) "
                + "| %,d (%.2f per device), %,.0f calls/s |%n", setup, n, client.retries() - retriesBefore, calls,
                calls / (double) n, calls / seconds);
        System.out.printf("| %s | %,d | busiest second at the stand-in vs android.rate = %,d | %,d calls (%.0f%% of the rate) |%n",
                setup, n, rate, google.peakCallsPerSecond(), 100.0 * google.peakCallsPerSecond() / rate);
    }

    private void bind(AmapiStandIn google) throws Exception {
        JsonNode signup = JSON.readTree(post("/api/v1/android/signup-urls", "{\"callbackUrl\":\"https://b/cb\"}"));
        URI back = google.completeSignup(URI.create(signup.get("url").asText()));
        String token = URLDecoder.decode(back.getRawQuery().replaceFirst("^.*enterpriseToken=", ""), StandardCharsets.UTF_8);
        post("/api/v1/android/enterprise", "{\"signupUrlName\":\"" + signup.get("name").asText()
                + "\",\"enterpriseToken\":\"" + token + "\"}");
    }

    private void awaitInventory(App app, int n) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        var filter = new io.latchkey.core.inventory.DeviceFilter(null, null, null,
                io.latchkey.core.inventory.Platform.ANDROID, null, null);
        while (app.storage().devices().select(filter).size() < n) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("devices missing from the inventory");
            }
            Thread.sleep(200);
        }
    }

    private static String mode(AndroidProfile p) {
        return switch (p) {
            case FULLY_MANAGED -> "fullyManaged";
            case WORK_PROFILE_COMPANY_OWNED -> "workProfileCompanyOwned";
            case WORK_PROFILE_PERSONAL -> "workProfilePersonal";
        };
    }

    private String get(String path) throws Exception {
        return AdminCalls.get(http, base, TOKEN, path);
    }

    private String post(String path, String json) throws Exception {
        return AdminCalls.post(http, base, TOKEN, path, json);
    }
}
