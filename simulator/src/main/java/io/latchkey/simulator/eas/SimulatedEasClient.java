package io.latchkey.simulator.eas;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * A phone's mail app speaking Exchange ActiveSync to a server URL (Latchkey's gateway or the
 * stand-in directly), with a {@link ClientProfile}'s habits. It negotiates the version (OPTIONS),
 * reports its DeviceInformation (Settings, 14.1+; or inside Provision for 16.x), provisions in two
 * phases (MS-ASPROV §3.1.5.1), re-provisions when told to (HTTP 449, or Status 140/142/143/144),
 * acknowledges RemoteWipe / AccountOnlyRemoteWipe (MS-ASPROV §3.1.5.1.2.2-3) and then stops, and
 * can be told to report a failed wipe first. Each exchange is recorded byte for byte.
 */
public final class SimulatedEasClient {
    /** What came of a wipe directive. */
    public enum Wiped { NO, FULL, ACCOUNT_ONLY }

    /** One request and its answer as this client saw them. */
    public record Exchanged(String command, byte[] request, int status, byte[] response) {
    }

    private final URI url;
    private final ClientProfile profile;
    private final String user;
    private final String authorization;
    private final String deviceId;
    private final String imei;
    private final HttpClient http;
    private final List<Exchanged> log = java.util.Collections.synchronizedList(new ArrayList<>());
    private volatile String version;
    private volatile String policyKey = "0";
    private volatile Wiped wiped = Wiped.NO;
    private volatile int wipeFailuresToReport;
    private volatile int lastStatus;
    private volatile boolean refused;
    private int syncKey;

    public SimulatedEasClient(URI gatewayUrl, ClientProfile profile, String user, String password, String deviceId,
                              String imei) {
        this(gatewayUrl, profile, user, password, deviceId, imei, HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10)).build());
    }

    public SimulatedEasClient(URI gatewayUrl, ClientProfile profile, String user, String password, String deviceId,
                              String imei, HttpClient http) {
        this.url = gatewayUrl;
        this.profile = profile;
        this.user = user;
        this.authorization = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
        this.deviceId = deviceId;
        this.imei = imei;
        this.version = profile.version();
        this.http = http;
    }

    /** The next {@code count} wipe directives are answered with Status 2 (failed) before one succeeds. */
    public SimulatedEasClient failingWipes(int count) {
        this.wipeFailuresToReport = count;
        return this;
    }

    /** OPTIONS, then Settings (14.1+), Provision, FolderSync and a first Sync: a new account's first minute. */
    public SimulatedEasClient setUp() {
        options();
        if (number(version) >= 141 && number(version) < 160) {
            settings();
        }
        provision();
        folderSync();
        sync();
        return this;
    }

    /** OPTIONS: the highest version both sides speak (MS-ASHTTP §2.2.3, MS-ASProtocolVersions). */
    public List<String> options() {
        try {
            HttpResponse<Void> r = http.send(HttpRequest.newBuilder(url).method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                    .header("User-Agent", profile.userAgent()).header("Authorization", authorization).build(),
                    HttpResponse.BodyHandlers.discarding());
            List<String> offered = List.of(r.headers().firstValue("MS-ASProtocolVersions").orElse("").split(","));
            offered.stream().map(String::trim).filter(v -> !v.isEmpty() && number(v) <= number(profile.version()))
                    .max(java.util.Comparator.comparingInt(SimulatedEasClient::number)).ifPresent(v -> version = v);
            return offered;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Node settings() {
        return send("Settings", Node.of("Settings", "Settings", deviceInformation())).body();
    }

    private Node deviceInformation() {
        List<Node> set = new ArrayList<>();
        if (profile.model() != null) {
            set.add(Node.text("Settings", "Model", profile.model()));
        }
        if (imei != null) {
            set.add(Node.text("Settings", "IMEI", imei));
        }
        set.add(Node.text("Settings", "FriendlyName", user + "'s " + profile.deviceType()));
        if (profile.os() != null) {
            set.add(Node.text("Settings", "OS", profile.os()));
        }
        set.add(Node.text("Settings", "UserAgent", profile.userAgent()));
        return Node.of("Settings", "DeviceInformation", new Node("Settings", "Set", set, null));
    }

    /** The two-phase Provision; a wipe directive in the answer is acknowledged instead. */
    public Wiped provision() {
        policyKey = "0";
        List<Node> first = new ArrayList<>();
        if (number(version) >= 160) {
            first.add(deviceInformation()); // MS-ASPROV §2.2.2.53: settings:DeviceInformation in Provision, 14.1+
        }
        first.add(Node.of("Provision", "Policies", Node.of("Provision", "Policy",
                Node.text("Provision", "PolicyType", "MS-EAS-Provisioning-WBXML"))));
        Reply r = exchange("Provision", new Node("Provision", "Provision", first, null));
        while (r.body() != null && wipeDirective(r.body()) != null) {
            String directive = wipeDirective(r.body());
            boolean fail = wipeFailuresToReport > 0;
            if (fail) {
                wipeFailuresToReport--;
            }
            r = exchange("Provision", Node.of("Provision", "Provision", Node.of("Provision", directive,
                    Node.text("Provision", "Status", fail ? "2" : "1"))));
            if (!fail) {
                wiped = directive.equals("RemoteWipe") ? Wiped.FULL : Wiped.ACCOUNT_ONLY;
                return wiped; // MS-ASPROV: the client wipes without waiting for or relying on the answer
            }
        }
        String temp = r.body() == null ? null : r.body().textOf("Policies", "Policy", "PolicyKey").orElse(null);
        if (temp == null) {
            return wiped;
        }
        policyKey = temp;
        Reply ack = exchange("Provision", Node.of("Provision", "Provision", Node.of("Provision", "Policies",
                Node.of("Provision", "Policy", Node.text("Provision", "PolicyType", "MS-EAS-Provisioning-WBXML"),
                        Node.text("Provision", "PolicyKey", temp), Node.text("Provision", "Status", "1")))));
        if (ack.body() != null && wipeDirective(ack.body()) != null) {
            return provision();
        }
        ack.body().textOf("Policies", "Policy", "PolicyKey").ifPresent(k -> policyKey = k);
        return wiped;
    }

    private static String wipeDirective(Node provision) {
        if (provision.get("RemoteWipe").isPresent()) {
            return "RemoteWipe";
        }
        return provision.get("AccountOnlyRemoteWipe").isPresent() ? "AccountOnlyRemoteWipe" : null;
    }

    public Node folderSync() {
        return send("FolderSync", Node.of("FolderHierarchy", "FolderSync", Node.text("FolderHierarchy", "SyncKey", "0")))
                .body();
    }

    /** Syncs the Inbox; returns the answer's raw bytes (what the mail traffic looked like on this side). */
    public Reply sync() {
        Reply r = send("Sync", Node.of("AirSync", "Sync", Node.of("AirSync", "Collections", Node.of("AirSync", "Collection",
                Node.text("AirSync", "SyncKey", Integer.toString(syncKey)), Node.text("AirSync", "CollectionId", "1")))));
        if (r.body() != null) {
            r.body().textOf("Collections", "Collection", "SyncKey").ifPresent(k -> syncKey = Integer.parseInt(k));
        }
        return r;
    }

    /** A Ping over the Inbox with this heartbeat; the answer's Status (1 nothing new, 2 new mail). */
    public Reply ping(int heartbeatSeconds) {
        return send("Ping", Node.of("Ping", "Ping", Node.text("Ping", "HeartbeatInterval", Integer.toString(heartbeatSeconds)),
                Node.of("Ping", "Folders", Node.of("Ping", "Folder", Node.text("Ping", "Id", "1"),
                        Node.text("Ping", "Class", "Email")))));
    }

    /** An answer: HTTP status, decoded body (null when empty) and its raw bytes. */
    public record Reply(int status, Node body, byte[] raw) {
        public int easStatus() {
            return body == null ? 0 : Integer.parseInt(body.textOf("Status")
                    .or(() -> body.textOf("Collections", "Collection", "Status")).orElse("0"));
        }
    }

    /**
     * Sends a command as the app does: on HTTP 449 or Status 140-144 it provisions (which may end in a
     * wipe) and, unless wiped, sends the command again once.
     */
    public Reply send(String command, Node body) {
        if (wiped != Wiped.NO) {
            throw new IllegalStateException("this client was wiped (" + wiped + "): it sends nothing more");
        }
        Reply r = exchange(command, body);
        int s = r.easStatus();
        if (r.status() == 449 || s >= 140 && s <= 144) {
            provision();
            if (wiped != Wiped.NO) {
                return r;
            }
            r = exchange(command, body);
        }
        refused = r.status() == 403 || r.easStatus() == 129;
        lastStatus = r.status();
        return r;
    }

    private Reply exchange(String command, Node body) {
        byte[] request = body == null ? new byte[0] : EasWire.write(body);
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + "?" + query(command)))
                .timeout(Duration.ofMinutes(35))
                .header("User-Agent", profile.userAgent())
                .header("Authorization", authorization)
                .header("Content-Type", "application/vnd.ms-sync.wbxml")
                .POST(HttpRequest.BodyPublishers.ofByteArray(request));
        if (!profile.base64()) {
            b.header("MS-ASProtocolVersion", version).header("X-MS-PolicyKey", policyKey);
        }
        try {
            HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            byte[] raw = r.body() == null ? new byte[0] : r.body();
            log.add(new Exchanged(command, request, r.statusCode(), raw));
            Node decoded = raw.length > 0 && r.statusCode() == 200 ? EasWire.read(raw) : null;
            return new Reply(r.statusCode(), decoded, raw);
        } catch (IOException e) {
            throw new IllegalStateException(command + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String query(String command) {
        if (!profile.base64()) {
            return "Cmd=" + command + "&User=" + enc(user) + "&DeviceId=" + enc(deviceId) + "&DeviceType="
                    + enc(profile.deviceType());
        }
        Map<String, Integer> codes = Map.of("Sync", 0, "SendMail", 1, "FolderSync", 9, "Settings", 17, "Ping", 18,
                "ItemOperations", 19, "Provision", 20);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(number(version));
        out.write(codes.get(command));
        out.write(0x09);
        out.write(0x04);
        field(out, deviceId.getBytes(StandardCharsets.UTF_8));
        long key = Long.parseLong(policyKey);
        if (key == 0) {
            out.write(0);
        } else {
            out.write(4);
            for (int i = 0; i < 4; i++) {
                out.write((int) (key >>> (8 * i)) & 0xFF);
            }
        }
        field(out, profile.deviceType().getBytes(StandardCharsets.UTF_8));
        out.write(8);
        field(out, user.getBytes(StandardCharsets.UTF_8));
        return enc(Base64.getEncoder().encodeToString(out.toByteArray()));
    }

    private static void field(ByteArrayOutputStream out, byte[] value) {
        out.write(value.length);
        out.writeBytes(value);
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static int number(String v) {
        String[] p = v.trim().split("\\.");
        return Integer.parseInt(p[0]) * 10 + Integer.parseInt(p[1]);
    }

    public List<Exchanged> exchanges() {
        synchronized (log) {
            return List.copyOf(log);
        }
    }

    public String deviceId() {
        return deviceId;
    }

    public String user() {
        return user;
    }

    public ClientProfile profile() {
        return profile;
    }

    public String version() {
        return version;
    }

    public String policyKey() {
        return policyKey;
    }

    public Wiped wiped() {
        return wiped;
    }

    /** The last command was refused (HTTP 403 or Status 129: blocked or quarantined). */
    public boolean refused() {
        return refused;
    }

    public int lastStatus() {
        return lastStatus;
    }
}
