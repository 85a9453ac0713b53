package io.latchkey.simulator.android;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * What the stand-in holds: signup URLs, enterprises, policies, enrollment tokens, devices and
 * their operations, with AMAPI's semantics. The HTTP side is {@link AmapiStandIn}.
 */
final class StandInState {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    /** Command.duration: "The default duration if unspecified is ten minutes." */
    private static final Duration DEFAULT_COMMAND_DURATION = Duration.ofMinutes(10);
    private static final Duration DEFAULT_TOKEN_DURATION = Duration.ofHours(1);
    /** The QR provisioning extras of Android Device Policy (AMAPI's enrollmentTokens qrCode). */
    private static final String DPC_COMPONENT = "com.google.android.apps.work.clouddpc/.receivers.CloudDeviceAdminReceiver";
    private static final String TOKEN_EXTRA = "com.google.android.apps.work.clouddpc.EXTRA_ENROLLMENT_TOKEN";

    private final SecureRandom random = new SecureRandom();
    private final Clock clock;
    private final PubSubPush push;
    private final Map<String, String> signups = new ConcurrentHashMap<>();        // signupUrl name → callback
    private final Map<String, String> enterpriseTokens = new ConcurrentHashMap<>(); // enterpriseToken → signupUrl name
    private final Map<String, ObjectNode> enterprises = new ConcurrentHashMap<>();
    private final Map<String, Integer> policyMinimumLength = new ConcurrentHashMap<>();
    private final Map<String, ObjectNode> tokens = new ConcurrentHashMap<>();      // value → token
    private final Map<String, SimulatedAndroidDevice> devices = new ConcurrentHashMap<>();
    private final Map<String, StandInOperation> operations = new ConcurrentHashMap<>();
    private final Map<String, List<StandInOperation>> waiting = new ConcurrentHashMap<>();
    private final Map<String, PendingDelete> pendingDeletes = new ConcurrentHashMap<>();
    private volatile Duration deviceLatency = Duration.ofMillis(20);

    StandInState(Clock clock, PubSubPush push) {
        this.clock = clock;
        this.push = push;
    }

    void deviceLatency(Duration latency) {
        this.deviceLatency = latency;
    }

    ObjectNode signupUrl(String projectId, String callbackUrl, URI root) {
        if (projectId == null || projectId.isBlank() || callbackUrl == null || callbackUrl.isBlank()) {
            throw ApiError.invalid("projectId and callbackUrl are required");
        }
        String id = "C" + hex(8);
        signups.put("signupUrls/" + id, callbackUrl);
        ObjectNode out = JSON.objectNode();
        out.put("name", "signupUrls/" + id);
        out.put("url", root.resolve("signup/" + id).toString());
        return out;
    }

    /** The administrator finished Google's signup pages: where the browser is sent back, with the enterprise token. */
    String completeSignup(String id) {
        String callback = signups.get("signupUrls/" + id);
        if (callback == null) {
            throw ApiError.notFound("signupUrls/" + id);
        }
        String token = "E" + hex(16);
        enterpriseTokens.put(token, "signupUrls/" + id);
        return callback + (callback.contains("?") ? "&" : "?") + "enterpriseToken="
                + URLEncoder.encode(token, StandardCharsets.UTF_8);
    }

    ObjectNode createEnterprise(String projectId, String signupUrlName, String enterpriseToken, JsonNode body) {
        if (projectId == null || signupUrlName == null || enterpriseToken == null
                || !signupUrlName.equals(enterpriseTokens.remove(enterpriseToken))) {
            throw ApiError.invalid("the enterprise token does not belong to this signup URL, or was used already");
        }
        ObjectNode e = body.isObject() ? ((ObjectNode) body).deepCopy() : JSON.objectNode();
        e.put("name", "enterprises/LC" + hex(5));
        enterprises.put(e.get("name").asText(), e);
        return e;
    }

    ObjectNode enterprise(String name) {
        ObjectNode e = enterprises.get(name);
        if (e == null) {
            throw ApiError.notFound(name);
        }
        return e;
    }

    ObjectNode patchPolicy(String enterprise, String policyName, JsonNode body) {
        enterprise(enterprise);
        ObjectNode p = body.isObject() ? ((ObjectNode) body).deepCopy() : JSON.objectNode();
        p.put("name", policyName);
        p.put("version", Long.toString(1 + policyMinimumLength.size())); // int64: a JSON string, as proto3 JSON has it
        int min = 0;
        for (JsonNode r : p.path("passwordPolicies")) {
            min = Math.max(min, r.path("passwordMinimumLength").asInt(0));
        }
        min = Math.max(min, p.path("passwordRequirements").path("passwordMinimumLength").asInt(0));
        policyMinimumLength.put(policyName, min);
        int applied = min;
        devices.values().forEach(d -> {
            if (d.name().startsWith(enterprise + "/")) {
                d.policy(policyName, applied);
            }
        });
        return p;
    }

    ObjectNode createToken(String enterprise, JsonNode body) {
        enterprise(enterprise);
        ObjectNode t = body.isObject() ? ((ObjectNode) body).deepCopy() : JSON.objectNode();
        String policy = t.path("policyName").asText(enterprise + "/policies/default");
        if (!policy.startsWith("enterprises/")) {
            policy = enterprise + "/policies/" + policy;
        }
        t.put("policyName", policy);
        String value = hex(10).toUpperCase(java.util.Locale.ROOT);
        t.put("name", enterprise + "/enrollmentTokens/" + hex(16));
        t.put("value", value);
        Duration d = parseDuration(t.path("duration").asText(null), DEFAULT_TOKEN_DURATION);
        t.put("duration", d.toSeconds() + "s");
        t.put("expirationTimestamp", clock.instant().plus(d).toString());
        ObjectNode qr = JSON.objectNode();
        qr.put("android.app.extra.PROVISIONING_DEVICE_ADMIN_COMPONENT_NAME", DPC_COMPONENT);
        qr.put("android.app.extra.PROVISIONING_DEVICE_ADMIN_SIGNATURE_CHECKSUM",
                "I5YvS0O5hXY46mb01BlRjq4oJJGs2kuUcHvVkAPEXlg");
        qr.put("android.app.extra.PROVISIONING_DEVICE_ADMIN_PACKAGE_DOWNLOAD_LOCATION",
                "https://play.google.com/managed/downloadManagingApp?identifier=setup");
        qr.putObject("android.app.extra.PROVISIONING_ADMIN_EXTRAS_BUNDLE").put(TOKEN_EXTRA, value);
        t.put("qrCode", qr.toString());
        tokens.put(value, t);
        return t;
    }

    /** A device set up with the token's value enrolls; ENROLLMENT is pushed. */
    SimulatedAndroidDevice enroll(String tokenValue, AndroidProfile profile, int apiLevel, String model) {
        ObjectNode t = tokens.get(tokenValue);
        Instant now = clock.instant();
        if (t == null || !now.isBefore(Instant.parse(t.get("expirationTimestamp").asText()))) {
            throw new IllegalArgumentException("the enrollment token is unknown or expired");
        }
        if (!profile.acceptsToken(t.path("allowPersonalUsage").asText(null))) {
            throw new IllegalArgumentException("this token cannot enroll a " + profile + " device");
        }
        if (t.path("oneTimeOnly").asBoolean(false) && tokens.remove(tokenValue) == null) {
            throw new IllegalArgumentException("the one-time enrollment token was used already");
        }
        String tokenName = t.get("name").asText();
        String enterprise = tokenName.substring(0, tokenName.indexOf("/enrollmentTokens/"));
        String policy = t.get("policyName").asText();
        SimulatedAndroidDevice d = new SimulatedAndroidDevice(enterprise + "/devices/" + hex(8), profile, apiLevel,
                model, "SIM" + hex(6).toUpperCase(java.util.Locale.ROOT), tokenName,
                t.path("additionalData").asText(null), policy, policyMinimumLength.getOrDefault(policy, 0), now);
        devices.put(d.name(), d);
        notifyIfEnabled(enterprise, "ENROLLMENT", d.resource(now));
        return d;
    }

    /**
     * A device enrolled in {@code enterprise} without a token or a push, for load tests that seed the
     * server's inventory themselves (a one-time token and an ENROLLMENT push per device cost minutes at 100,000).
     */
    SimulatedAndroidDevice seed(String enterprise, AndroidProfile profile, int apiLevel, String model) {
        if (!enterprises.containsKey(enterprise)) {
            throw new IllegalArgumentException("no enterprise " + enterprise);
        }
        String policy = enterprise + "/policies/default";
        SimulatedAndroidDevice d = new SimulatedAndroidDevice(enterprise + "/devices/" + hex(8), profile, apiLevel,
                model, "SIM" + hex(6).toUpperCase(java.util.Locale.ROOT), null, null, policy,
                policyMinimumLength.getOrDefault(policy, 0), clock.instant());
        devices.put(d.name(), d);
        return d;
    }

    /** The enterprises signed up so far, by name. */
    java.util.Set<String> enterpriseNames() {
        return java.util.Set.copyOf(enterprises.keySet());
    }

    SimulatedAndroidDevice device(String name) {
        SimulatedAndroidDevice d = devices.get(name);
        if (d == null) {
            throw ApiError.notFound(name);
        }
        return d;
    }

    /** A device by name for the simulation's own use, including one deleted while offline. */
    SimulatedAndroidDevice simulated(String name) {
        SimulatedAndroidDevice d = devices.get(name);
        return d != null ? d : parked.get(name);
    }

    ObjectNode listDevices(String enterprise, int pageSize, String pageToken) {
        enterprise(enterprise);
        TreeMap<String, SimulatedAndroidDevice> sorted = new TreeMap<>();
        devices.forEach((k, v) -> {
            if (k.startsWith(enterprise + "/devices/")) {
                sorted.put(k, v);
            }
        });
        int size = pageSize <= 0 ? 100 : Math.min(pageSize, 100);
        ObjectNode out = JSON.objectNode();
        ArrayNode list = out.putArray("devices");
        Instant now = clock.instant();
        var tail = pageToken == null || pageToken.isEmpty() ? sorted : sorted.tailMap(pageToken, false);
        String last = null;
        for (SimulatedAndroidDevice d : tail.values()) {
            if (list.size() == size) {
                out.put("nextPageToken", last);
                break;
            }
            list.add(d.resource(now));
            last = d.name();
        }
        if (list.isEmpty()) {
            out.remove("devices");
        }
        return out;
    }

    /**
     * devices.delete: the device leaves the enterprise at once (404 from now on); it wipes, or a
     * personal device removes its work profile, when it next reaches Google.
     */
    void delete(String name, List<String> wipeFlags, String reasonMessage) {
        SimulatedAndroidDevice d = devices.remove(name);
        if (d == null) {
            throw ApiError.notFound(name);
        }
        List<StandInOperation> open = waiting.remove(name);
        if (open != null) {
            open.forEach(op -> op.finish("UNKNOWN"));
        }
        if (d.online()) {
            d.deleted(wipeFlags, reasonMessage);
        } else {
            pendingDeletes.put(name, new PendingDelete(wipeFlags, reasonMessage));
            parked.put(name, d);
        }
    }

    private final Map<String, SimulatedAndroidDevice> parked = new ConcurrentHashMap<>();

    /** A devices.delete waiting for its device to come online. */
    private record PendingDelete(List<String> wipeFlags, String reasonMessage) {
    }

    ObjectNode issueCommand(String deviceName, JsonNode command) {
        SimulatedAndroidDevice d = device(deviceName);
        if (!command.hasNonNull("type") || command.get("type").asText().isBlank()) {
            throw ApiError.invalid("Command.type is required");
        }
        Instant now = clock.instant();
        Duration duration = parseDuration(command.path("duration").asText(null), DEFAULT_COMMAND_DURATION);
        StandInOperation op = new StandInOperation(deviceName + "/operations/" + Long.toUnsignedString(random.nextLong()),
                deviceName, command, now, now.plus(duration));
        operations.put(op.name(), op);
        ObjectNode answer = op.resource(now);
        if (d.online()) {
            Thread.ofVirtual().name("sim-android-apply").start(() -> applyLater(d, op));
        } else {
            waiting.computeIfAbsent(deviceName, k -> java.util.Collections.synchronizedList(new ArrayList<>())).add(op);
        }
        return answer;
    }

    ObjectNode operation(String name) {
        StandInOperation op = operations.get(name);
        if (op == null) {
            throw ApiError.notFound(name);
        }
        return op.resource(clock.instant());
    }

    /** The device reaches Google again: waiting commands it can still run are applied, a delete is carried out. */
    void online(SimulatedAndroidDevice d, boolean value) {
        d.online(value);
        if (!value) {
            return;
        }
        PendingDelete pending = pendingDeletes.remove(d.name());
        if (pending != null) {
            parked.remove(d.name());
            d.deleted(pending.wipeFlags(), pending.reasonMessage());
            return;
        }
        List<StandInOperation> ops = waiting.remove(d.name());
        if (ops != null) {
            List<StandInOperation> copy;
            synchronized (ops) {
                copy = List.copyOf(ops);
            }
            copy.forEach(op -> apply(d, op));
        }
        notifyIfEnabled(enterpriseOf(d.name()), "STATUS_REPORT", d.resource(clock.instant()));
    }

    private void applyLater(SimulatedAndroidDevice d, StandInOperation op) {
        try {
            Thread.sleep(deviceLatency.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        apply(d, op);
    }

    private void apply(SimulatedAndroidDevice d, StandInOperation op) {
        JsonNode command = op.take(clock.instant());
        if (command == null) {
            return; // expired while the device was away: no notification, operations.get tells
        }
        String failure = d.apply(command);
        op.finish(failure);
        if (failure == null && "RELINQUISH_OWNERSHIP".equals(command.path("type").asText())) {
            // "The device will be deleted from the server after it acknowledges the command."
            devices.remove(d.name());
        }
        notifyIfEnabled(enterpriseOf(d.name()), "COMMAND", op.resource(clock.instant()));
    }

    private void notifyIfEnabled(String enterprise, String type, JsonNode resource) {
        ObjectNode e = enterprises.get(enterprise);
        if (e == null || !e.hasNonNull("pubsubTopic")) {
            return;
        }
        boolean enabled = false;
        for (JsonNode t : e.path("enabledNotificationTypes")) {
            enabled |= type.equals(t.asText());
        }
        if (enabled) {
            push.publish(type, resource);
        }
    }

    private static String enterpriseOf(String deviceName) {
        return deviceName.substring(0, deviceName.indexOf("/devices/"));
    }

    /** Google's Duration JSON: seconds with an "s" suffix ("600s", "3.5s"). */
    static Duration parseDuration(String text, Duration fallback) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        if (!text.endsWith("s")) {
            throw ApiError.invalid("a duration is seconds with an 's' suffix, not '" + text + "'");
        }
        try {
            double seconds = Double.parseDouble(text.substring(0, text.length() - 1));
            if (seconds < 0) {
                throw ApiError.invalid("a duration cannot be negative");
            }
            return Duration.ofMillis((long) (seconds * 1000));
        } catch (NumberFormatException e) {
            throw ApiError.invalid("a duration is seconds with an 's' suffix, not '" + text + "'");
        }
    }

    void forEachDevice(Consumer<SimulatedAndroidDevice> action) {
        devices.values().forEach(action);
    }

    private String hex(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
