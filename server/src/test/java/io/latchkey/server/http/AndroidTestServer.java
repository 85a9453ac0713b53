package io.latchkey.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.latchkey.server.App;
import io.latchkey.server.config.Option;
import io.latchkey.server.config.Settings;
import io.latchkey.server.config.SettingsLoader;
import io.latchkey.simulator.android.AmapiStandIn;
import io.latchkey.simulator.android.AndroidProfile;
import io.latchkey.simulator.android.SimulatedAndroidDevice;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Latchkey on port 0 with its Android channel pointed at an AMAPI stand-in, the enterprise bound
 * through the signup flow, and the stand-in pushing notifications to it: with the URL secret, or
 * (an authenticated subscription) with ID tokens the stand-in signs. Helpers enroll simulated
 * devices, submit actions and read their commands through the admin API.
 */
final class AndroidTestServer implements AutoCloseable {
    static final String TOKEN = "lk_android-e2e-token-0123456789";
    static final String PUSH_TOKEN = "push-secret-0123456789abcdef";
    /** The authenticated subscription's audience: the push endpoint's public URL, Pub/Sub's default. */
    static final String AUDIENCE = "https://mdm.example.com/android/pubsub";
    static final ObjectMapper JSON = new ObjectMapper();

    /** How the stand-in's push subscription authenticates. */
    enum Push { URL_TOKEN, ID_TOKEN }

    final AmapiStandIn google;
    final App app;
    final TestClient api;
    final String base;

    private AndroidTestServer(AmapiStandIn google, App app, TestClient api, String base) {
        this.google = google;
        this.app = app;
        this.api = api;
        this.base = base;
    }

    static AndroidTestServer start(Path dir, Push push, Map<Option, String> extra) throws Exception {
        AmapiStandIn google = AmapiStandIn.start();
        App app = null;
        try {
            Map<Option, String> options = new EnumMap<>(Option.class);
            options.put(Option.PORT, "0");
            options.put(Option.BIND, "127.0.0.1");
            options.put(Option.DATA_DIR, dir.resolve("data").toString());
            options.put(Option.BOOTSTRAP_ADMIN_TOKEN, TOKEN);
            // Wipe and retire go straight to the channel here; approval has ApprovalEndToEndTest.
            options.put(Option.APPROVAL_ENABLED, "false");
            options.put(Option.ANDROID_SERVICE_ACCOUNT_KEY,
                    google.writeServiceAccountKey(dir.resolve("service-account.json")).toString());
            options.put(Option.ANDROID_AMAPI_ROOT_URL, google.rootUrl().toString());
            options.put(Option.ANDROID_PUBSUB_TOPIC, "projects/latchkey-sim/topics/amapi");
            if (push == Push.URL_TOKEN) {
                options.put(Option.ANDROID_PUSH_TOKEN, PUSH_TOKEN);
            } else {
                options.put(Option.ANDROID_PUBSUB_AUDIENCE, AUDIENCE);
                options.put(Option.ANDROID_PUBSUB_SERVICE_ACCOUNT, google.pushIdTokens().serviceAccount());
                options.put(Option.ANDROID_PUBSUB_CERTS_URL, google.certsUrl().toString());
            }
            options.put(Option.ANDROID_COMMAND_DURATION, "3s");
            options.put(Option.ANDROID_POLL_EVERY, "1s");
            options.putAll(extra);
            Settings settings = SettingsLoader.load(options, null, Map.of());
            app = App.open(settings);
            app.bootstrap(settings.bootstrapAdminUser(), null, TOKEN);
            int port = app.serve();
            String base = "http://127.0.0.1:" + port;
            if (push == Push.URL_TOKEN) {
                google.pushTo(URI.create(base + AndroidRoutes.PUSH + "?token=" + PUSH_TOKEN));
            } else {
                google.pushWithIdTokenTo(URI.create(base + AndroidRoutes.PUSH), AUDIENCE);
            }
            AndroidTestServer server = new AndroidTestServer(google, app, new TestClient(port, TOKEN), base);
            server.bind();
            return server;
        } catch (Exception | Error e) {
            if (app != null) {
                app.close();
            }
            google.close();
            throw e;
        }
    }

    @Override
    public void close() {
        app.close();
        google.close();
    }

    /** signupUrls.create → the admin completes Google's pages → enterprises.create with the returned token. */
    private void bind() throws Exception {
        JsonNode signup = JSON.readTree(api.ok(api.post("/api/v1/android/signup-urls",
                "{\"callbackUrl\":\"https://mdm.example.com/android/signup-complete\"}")));
        URI back = google.completeSignup(URI.create(signup.get("url").asText()));
        String enterpriseToken = URLDecoder.decode(back.getRawQuery().replaceFirst("^.*enterpriseToken=", ""),
                StandardCharsets.UTF_8);
        JsonNode bound = JSON.readTree(api.ok(api.post("/api/v1/android/enterprise", Map.of("signupUrlName",
                signup.get("name").asText(), "enterpriseToken", enterpriseToken, "displayName", "Acme"))));
        assertThat(bound.get("name").asText()).startsWith("enterprises/LC");
        assertThat(JSON.readTree(api.ok(api.get("/api/v1/android/enterprise"))).get("policyName").asText())
                .endsWith("/policies/latchkey-default");
    }

    String enterprise() throws Exception {
        return JSON.readTree(api.ok(api.get("/api/v1/android/enterprise"))).get("name").asText();
    }

    String user(String upn) throws Exception {
        api.ok(api.post("/api/v1/import", "{\"users\":[{\"userPrincipalName\":\"" + upn + "\",\"displayName\":\"A\"}]}"));
        return userId(upn);
    }

    String userId(String upn) throws Exception {
        return JSON.readTree(api.ok(api.get("/api/v1/users?search=" + upn))).at("/items/0/id").asText();
    }

    /** A device enrolls with a token Latchkey issued for a new user; returns once Latchkey has its record. */
    SimulatedAndroidDevice enrolled(String upn, AndroidProfile profile, int apiLevel) throws Exception {
        SimulatedAndroidDevice device = enroll(upn, profile, apiLevel);
        await(() -> find(device.name()) != null);
        return device;
    }

    /** A device enrolls with a token Latchkey issued for a new user; returns at once. */
    SimulatedAndroidDevice enroll(String upn, AndroidProfile profile, int apiLevel) throws Exception {
        String mode = switch (profile) {
            case FULLY_MANAGED -> "fullyManaged";
            case WORK_PROFILE_COMPANY_OWNED -> "workProfileCompanyOwned";
            case WORK_PROFILE_PERSONAL -> "workProfilePersonal";
        };
        JsonNode token = JSON.readTree(api.ok(api.post("/api/v1/users/" + user(upn) + "/android-enrollment-tokens",
                "{\"mode\":\"" + mode + "\"}")));
        return profile == AndroidProfile.WORK_PROFILE_PERSONAL
                ? google.enroll(token.get("enrollmentLink").asText().replaceFirst("^.*et=", ""), profile, apiLevel)
                : google.enrollWithQr(token.get("qrCode").asText(), profile, apiLevel);
    }

    long deviceCount() throws Exception {
        return JSON.readTree(api.ok(api.get("/api/v1/devices?limit=1000"))).get("items").size();
    }

    /** The device record with this AMAPI name, or null. */
    JsonNode find(String externalId) {
        try {
            for (JsonNode d : JSON.readTree(api.ok(api.get("/api/v1/devices?limit=1000"))).get("items")) {
                if (externalId.equals(d.path("externalId").asText())) {
                    return JSON.readTree(api.ok(api.get("/api/v1/devices/" + d.get("id").asText())));
                }
            }
            return null;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    JsonNode device(SimulatedAndroidDevice d) {
        JsonNode found = find(d.name());
        assertThat(found).as("device " + d.name()).isNotNull();
        return found;
    }

    /** Submits the action for these devices; returns the request id. */
    String submit(String action, SimulatedAndroidDevice... devices) throws Exception {
        List<String> ids = java.util.Arrays.stream(devices).map(d -> device(d).get("id").asText()).toList();
        return JSON.readTree(api.ok(api.post("/api/v1/actions", Map.of("action", action, "target",
                Map.of("ids", ids))))).get("id").asText();
    }

    JsonNode command(String request, SimulatedAndroidDevice device) {
        String id = device(device).get("id").asText();
        try {
            for (JsonNode c : JSON.readTree(api.ok(api.get("/api/v1/actions/" + request + "/commands"))).get("items")) {
                if (c.get("deviceId").asText().equals(id)) {
                    return c;
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        throw new AssertionError("no command for " + device.name());
    }

    String state(String request, SimulatedAndroidDevice device) {
        return command(request, device).get("state").asText();
    }

    String secret(String request, SimulatedAndroidDevice device) throws Exception {
        return JSON.readTree(api.ok(api.post("/api/v1/commands/" + command(request, device).get("id").asText()
                + "/secret", ""))).get("value").asText();
    }

    /** Waits until the request's commands have all left pending, sent and acknowledged. */
    void awaitDone(String request, int commands) {
        await(() -> {
            try {
                int done = 0;
                for (JsonNode c : JSON.readTree(api.ok(api.get("/api/v1/actions/" + request + "/commands")))
                        .get("items")) {
                    String s = c.get("state").asText();
                    done += s.equals("pending") || s.equals("sent") || s.equals("acknowledged") ? 0 : 1;
                }
                return done == commands;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** A Pub/Sub push body for a resource of this name. */
    static String push(String resourceName, String type) {
        String data = java.util.Base64.getEncoder().encodeToString(("{\"name\":\"" + resourceName + "\"}")
                .getBytes(StandardCharsets.UTF_8));
        return "{\"message\":{\"data\":\"" + data + "\",\"attributes\":{\"notificationType\":\"" + type
                + "\"},\"messageId\":\"1\"},\"subscription\":\"projects/p/subscriptions/s\"}";
    }

    static void await(BooleanSupplier condition) {
        await(condition, Duration.ofSeconds(10));
    }

    static void await(BooleanSupplier condition, Duration max) {
        long end = System.nanoTime() + max.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("condition not met within " + max);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
