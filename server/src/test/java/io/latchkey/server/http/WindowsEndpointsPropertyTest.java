package io.latchkey.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.latchkey.server.App;
import io.latchkey.server.config.Option;
import io.latchkey.server.config.Settings;
import io.latchkey.server.config.SettingsLoader;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Windows endpoints are reachable by anyone, so whatever arrives they must answer as MS-MDE2
 * and OMA-DM say, never with a 5xx, and store nothing. One real server over its own TLS (embedded
 * H2 in a temporary directory, any free port) is started for the class; each property sends
 * {@value #TRIES} generated requests and checks every answer:
 * <ul>
 *   <li>the SOAP services (discovery, policy, enrollment) answer 200 with a SOAP {@code Fault}, or
 *       413 for a body over 1 MB; only discovery may answer a readable Discover with its response,
 *       as it checks no credential;</li>
 *   <li>the management endpoint answers 415 (not SyncML), 401 (no client certificate: a header
 *       claiming one is not trusted, as no proxy is configured), 400 (malformed SyncML from a
 *       device whose certificate this server issued) or 413.</li>
 * </ul>
 * After every property the only device, identity and redeemed code are the ones of the device
 * enrolled on purpose in {@link #start()}, and the open Windows code of a second user is unused.
 *
 * <p>jqwik is not on this module's test classpath, so the cases come from a {@link Random} with a
 * fixed seed ({@code -Dlatchkey.property.seed=…} to change it); a failing case is reported with
 * the seed and its number, which replays it.
 */
class WindowsEndpointsPropertyTest {
    private static final int TRIES = 200;
    private static final long SEED = Long.getLong("latchkey.property.seed", 20261127L);
    private static final String TOKEN = "lk_windows-property-token-0123456789";
    private static final String DISCOVERY = "/EnrollmentServer/Discovery.svc";
    private static final String POLICY = "/EnrollmentServer/Policy.svc";
    private static final String ENROLLMENT = "/EnrollmentServer/Enrollment.svc";
    private static final String MANAGEMENT = "/ManagementServer/MDM.svc";
    private static final List<String> SOAP_PATHS = List.of(DISCOVERY, POLICY, ENROLLMENT);
    private static final String SOAP = "application/soap+xml; charset=utf-8";
    private static final String SYNCML = "application/vnd.syncml.dm+xml";
    private static final int LIMIT = 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern FAULT_ELEMENT = Pattern.compile("<(\\w+:)?Fault[\\s>]");
    /** A stack frame ("at a.b.C.m(C.java:12)") or an exception's own toString ("java.io.IOException: …"). */
    private static final Pattern STACK_TRACE = Pattern.compile("\\bat [\\w.$]+\\([\\w$]+\\.java:\\d+\\)|\\b(java|javax|jakarta|org|io)\\.[\\w.$]+(Exception|Error):");
    private static final List<String> CONTENT_TYPES = Arrays.asList(null, "", SOAP, "application/soap+xml", SYNCML,
            SYNCML + "; charset=utf-8", "APPLICATION/VND.SYNCML.DM+XML", "application/vnd.syncml.dm+wbxml",
            "application/xml", "text/xml", "application/octet-stream", "application/json", "text/plain; charset=utf-8",
            "application/x-www-form-urlencoded", "multipart/form-data; boundary=zz", ";", SYNCML + "-extra",
            "application/vnd.syncml.dm+xml/x", "application/x-apple-aspen-mdm");
    /** Headers a TLS-terminating proxy might use to forward a client certificate; none is trusted here. */
    private static final List<String> CERTIFICATE_HEADERS = List.of("X-Client-Cert", "X-SSL-Client-Cert",
            "X-Forwarded-Client-Cert", "Ssl-Client-Cert", "X-ARR-ClientCert", "X-Client-Certificate");

    private static final Captures CAPTURES = Captures.read();

    @TempDir
    static Path dir;
    static App app;
    static String base;
    static HttpClient http;
    static Enrolled device;
    static UUID bystander;
    static String bystanderCode;
    static KeyPair otherKeys;

    private final List<String> failures = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        TestTls tls = TestTls.write(dir);
        Settings settings = SettingsLoader.load(Map.of(Option.PORT, "0", Option.BIND, "127.0.0.1",
                Option.DATA_DIR, dir.resolve("data").toString(), Option.BOOTSTRAP_ADMIN_TOKEN, TOKEN,
                Option.TLS_KEYSTORE, tls.keystore().toString(), Option.TLS_KEYSTORE_PASSWORD, tls.password(),
                // thousands of generated requests from one address: the per-address limit has its own test
                Option.ENROLLMENT_RATE_LIMIT, "0"), null,
                Map.of());
        app = App.open(settings);
        app.bootstrap(settings.bootstrapAdminUser(), null, TOKEN);
        base = "https://localhost:" + app.serve();
        http = httpsClient(tls.certificate(), null, null);
        otherKeys = rsa(2048);

        bystander = user("bystander@example.com");
        bystanderCode = windowsCode(bystander);
        UUID owner = user("enrolled@example.com");
        device = Enrolled.enroll(tls.certificate(), "enrolled@example.com", windowsCode(owner));
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    /** After every property: the enrolled device is still the only one, and the bystander's code is unused. */
    @AfterEach
    void nothing_was_stored() throws Exception {
        HttpResponse<String> devices = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/devices"))
                .header("Authorization", "Bearer " + TOKEN).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(devices.statusCode()).as(devices.body()).isEqualTo(200);
        JsonNode items = JSON.readTree(devices.body()).get("items");
        assertThat(items).as("devices listed by the API").hasSize(1);
        assertThat(items.get(0).path("externalId").asText()).isEqualToIgnoringCase(device.deviceId());
        assertThat(app.storage().deviceIdentities().listForUser(bystander)).as("identities of the bystander").isEmpty();
        try (Connection c = app.storage().dataSource().getConnection(); Statement s = c.createStatement()) {
            for (String table : List.of("device", "device_identity")) {
                try (ResultSet rows = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
                    rows.next();
                    assertThat(rows.getLong(1)).as("rows in " + table).isEqualTo(1);
                }
            }
            try (ResultSet rows = s.executeQuery("SELECT COUNT(*) FROM enrollment_code WHERE used_at IS NOT NULL")) {
                rows.next();
                assertThat(rows.getLong(1)).as("redeemed enrollment codes").isEqualTo(1);
            }
            try (PreparedStatement p = c.prepareStatement("SELECT used_at FROM enrollment_code WHERE user_id = ?")) {
                p.setObject(1, bystander);
                try (ResultSet rows = p.executeQuery()) {
                    assertThat(rows.next()).as("the bystander's code").isTrue();
                    assertThat(rows.getTimestamp(1)).as("the bystander's code's used_at").isNull();
                }
            }
        }
    }

    // ---- The SOAP services ----

    @Test
    void soap_services_answer_random_bytes_with_a_fault() {
        forAll("random bytes", r -> randomBytes(r, 4096), this::soap);
    }

    @Test
    void soap_services_answer_truncated_captures_with_a_fault() {
        forAll("truncated captures", r -> truncated(r, pick(r, CAPTURES.soap())), this::soap);
    }

    /** A flipped byte may leave a Discover readable, which discovery may answer; policy and enrollment never. */
    @Test
    void soap_services_answer_byte_flipped_captures_with_a_fault() {
        forAll("byte-flipped captures", r -> r.nextBoolean() ? flipped(r, pick(r, CAPTURES.soap()))
                : textFlipped(r, pick(r, CAPTURES.soap())), this::soap);
    }

    @Test
    void soap_services_answer_doctype_xxe_and_billion_laughs_with_a_fault() {
        forAll("DOCTYPE documents", WindowsEndpointsPropertyTest::doctype, this::soap);
    }

    /** The captured requests name users that do not exist here: whatever the content type, a fault. */
    @Test
    void soap_services_refuse_the_real_captures_under_any_content_type() {
        forAll("real captures", r -> pick(r, CAPTURES.soap()), this::soap);
    }

    /**
     * A usable code with a request that is broken some other way: refused, and the code stays
     * usable (checked after the property: the bystander's code is never redeemed).
     */
    @Test
    void a_broken_enrollment_request_does_not_redeem_a_valid_code() {
        forAll("broken requests with a valid code", this::brokenEnrollment, (n, property, body, r) -> check(n,
                property, http, new Request("POST", new String(body, StandardCharsets.ISO_8859_1).contains("GetPolicies")
                        ? POLICY : ENROLLMENT, body, SOAP, null,
                        false), Set.of(200), Answer.FAULT_OR_POLICIES));
    }

    @Test
    void discovery_probe_answers_any_get_with_an_empty_200() {
        forAll("discovery probes", r -> new byte[0], (n, property, body, r) -> {
            String query = r.nextBoolean() ? "" : "?" + URLEncoder.encode(randomText(r, 60), StandardCharsets.UTF_8)
                    + "=" + URLEncoder.encode(randomText(r, 60), StandardCharsets.UTF_8);
            check(n, property, http, new Request("GET", DISCOVERY + query, body, contentType(r), null, false),
                    Set.of(200), Answer.EMPTY);
        });
    }

    // ---- The management endpoint ----

    /** No TLS client certificate; a certificate in a header (even the enrolled device's) is not trusted. */
    @Test
    void management_answers_requests_without_a_client_certificate_with_401_or_415() {
        forAll("management without a certificate", WindowsEndpointsPropertyTest::anyBody, (n, property, body, r) -> {
            String contentType = r.nextInt(3) == 0 ? SYNCML : contentType(r);
            String[] header = r.nextBoolean() ? null : new String[] {pick(r, CERTIFICATE_HEADERS), certificateHeader(r)};
            check(n, property, http, new Request("POST", managementPath(r), body, contentType, header,
                    false), Set.of(isSyncMl(contentType) ? 401 : 415), Answer.EMPTY);
        });
    }

    /**
     * The enrolled device's own certificate over TLS, and a body no SyncML reader may accept: 400.
     * A byte-flipped capture may still be readable; it names the capture's DeviceID, not the
     * certificate's, so it is then refused as another device's message (403).
     */
    @Test
    void management_answers_malformed_syncml_from_an_enrolled_device_with_400() {
        forAll("malformed SyncML with a valid certificate", r -> new byte[0], (n, property, unused, r) -> {
            boolean flip = r.nextInt(6) == 0;
            byte[] body = flip ? flipped(r, pick(r, CAPTURES.syncMl())) : malformedSyncMl(r);
            String contentType = r.nextInt(8) == 0 ? contentType(r) : pick(r, List.of(SYNCML, SYNCML + "; charset=utf-8"));
            Set<Integer> expected = !isSyncMl(contentType) ? Set.of(415) : flip ? Set.of(400, 403) : Set.of(400);
            check(n, property + (flip ? " (flipped)" : ""), device.client(), new Request("POST", managementPath(r),
                    body, contentType, null, false), expected, Answer.EMPTY);
        });
    }

    // ---- Sizes ----

    /** 0 bytes, 1 MB + 1 and about 5 MB, with a Content-Length and chunked, to every endpoint. */
    @Test
    void empty_and_oversized_bodies_get_a_fault_or_a_4xx() {
        int n = 0;
        for (byte[] body : sizedBodies()) {
            String property = "a body of " + body.length + " bytes";
            boolean oversized = body.length > LIMIT;
            for (boolean chunked : List.of(false, true)) {
                for (String path : SOAP_PATHS) {
                    check(n++, property, http, new Request("POST", path, body, SOAP, null, chunked),
                            Set.of(oversized ? 413 : 200), Answer.FAULT);
                }
                check(n++, property, http, new Request("POST", MANAGEMENT, body, SYNCML, null, chunked),
                        Set.of(oversized ? 413 : 401), Answer.EMPTY);
                check(n++, property + " (enrolled device)", device.client(), new Request("POST", MANAGEMENT, body,
                        SYNCML, null, chunked), Set.of(oversized ? 413 : 400), Answer.EMPTY);
            }
        }
        assertNoFailures("empty and oversized bodies");
    }

    // ---- The endpoints and what each should answer ----

    /**
     * A POST to one of the SOAP services with a generated content type: a fault (discovery may
     * answer a Discover). Three times in four a body that still names its operation goes to that
     * operation's service, so the mutations reach past the SOAP action check.
     */
    private void soap(int n, String property, byte[] body, Random r) {
        String text = new String(body, StandardCharsets.ISO_8859_1);
        String own = text.contains("RequestSecurityToken") ? ENROLLMENT : text.contains("GetPolicies") ? POLICY
                : text.contains("Discover") ? DISCOVERY : null;
        String path = own != null && r.nextInt(4) != 0 ? own : pick(r, SOAP_PATHS);
        Answer answer = path.equals(DISCOVERY) ? Answer.FAULT_OR_DISCOVERY : Answer.FAULT;
        check(n, property, http, new Request("POST", path, body, contentType(r), null, false),
                Set.of(body.length > LIMIT ? 413 : 200), answer);
    }

    private static String managementPath(Random r) {
        return pick(r, List.of(MANAGEMENT, MANAGEMENT + "?mode=Maintenance&Platform=WoA", MANAGEMENT + "?"
                + URLEncoder.encode(randomText(r, 30), StandardCharsets.UTF_8)));
    }

    private static boolean isSyncMl(String contentType) {
        return contentType != null
                && contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT).equals(SYNCML);
    }

    /** What a 200 must carry. */
    private enum Answer {
        /** A SOAP Fault. */
        FAULT,
        /** A SOAP Fault, or (discovery checks no credential) a DiscoverResponse. */
        FAULT_OR_DISCOVERY,
        /** A SOAP Fault, or (policy only checks the code, never redeems it) a GetPoliciesResponse. */
        FAULT_OR_POLICIES,
        /** Nothing. */
        EMPTY;

        String problem(String body) {
            boolean fault = FAULT_ELEMENT.matcher(body).find();
            return switch (this) {
                case FAULT -> fault ? null : "not a SOAP fault";
                case FAULT_OR_DISCOVERY -> fault || body.contains("DiscoverResponse") ? null
                        : "neither a fault nor a DiscoverResponse";
                case FAULT_OR_POLICIES -> fault || body.contains("GetPoliciesResponse") ? null
                        : "neither a fault nor a GetPoliciesResponse";
                case EMPTY -> body.isEmpty() ? null : "a body where none was expected";
            };
        }
    }

    // ---- Running a property ----

    private interface Endpoint {
        void send(int n, String property, byte[] body, Random r);
    }

    private void forAll(String property, Function<Random, byte[]> bodies, Endpoint endpoint) {
        Random r = new Random(SEED ^ property.hashCode());
        for (int n = 0; n < TRIES; n++) {
            endpoint.send(n, property, bodies.apply(r), r);
        }
        assertNoFailures(property);
    }

    /** @param header a name and a value, or null */
    private record Request(String method, String pathAndQuery, byte[] body, String contentType, String[] header,
                           boolean chunked) {
        @Override
        public String toString() {
            String path = pathAndQuery.length() > 100 ? pathAndQuery.substring(0, 100) + "…" : pathAndQuery;
            return method + " " + path + " Content-Type=" + (contentType == null ? "(none)" : "'" + contentType + "'")
                    + (header == null ? "" : " " + header[0] + "=" + excerpt(header[1])) + " body=" + body.length
                    + " bytes " + excerpt(new String(body, 0, Math.min(body.length, 80), StandardCharsets.ISO_8859_1))
                    + (chunked ? " (chunked)" : "");
        }
    }

    private void check(int n, String property, HttpClient client, Request request, Set<Integer> expected,
                       Answer answer) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + request.pathAndQuery()))
                .timeout(Duration.ofSeconds(30));
        if (request.contentType() != null) {
            b.header("Content-Type", request.contentType());
        }
        if (request.header() != null) {
            b.header(request.header()[0], request.header()[1]);
        }
        if (request.method().equals("GET")) {
            b.GET();
        } else {
            b.method(request.method(), request.chunked()
                    ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(request.body()))
                    : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        }
        HttpResponse<String> response;
        try {
            response = client.send(b.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            failures.add("#" + n + " " + property + ": " + request + " → no answer: " + e);
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        int status = response.statusCode();
        String body = response.body();
        if (!expected.contains(status) || status >= 500) {
            failures.add("#" + n + " " + property + ": " + request + " → " + status + " (expected " + expected + ") "
                    + excerpt(body));
        } else if (STACK_TRACE.matcher(body).find() || body.contains("root:x:0")) {
            failures.add("#" + n + " " + property + ": " + request + " → a stack trace or file in the body: "
                    + excerpt(body));
        } else if (status == 200 && answer.problem(body) != null) {
            failures.add("#" + n + " " + property + ": " + request + " → 200, " + answer.problem(body) + ": "
                    + excerpt(body));
        }
    }

    private void assertNoFailures(String property) {
        assertThat(failures).as("%s with seed %d: %d failing case(s); the first ones:%n%s", property, SEED,
                failures.size(), String.join("\n", failures.subList(0, Math.min(10, failures.size())))).isEmpty();
    }

    private static String excerpt(String s) {
        String flat = s.replaceAll("[\\r\\n\\t]+", " ").replaceAll("[^\\x20-\\x7e]", ".");
        return "'" + (flat.length() > 160 ? flat.substring(0, 160) + "…" : flat) + "'";
    }

    // ---- Generators ----

    private static byte[] anyBody(Random r) {
        return switch (r.nextInt(6)) {
            case 0 -> randomBytes(r, 4096);
            case 1 -> truncated(r, pick(r, CAPTURES.syncMl()));
            case 2 -> flipped(r, pick(r, CAPTURES.syncMl()));
            case 3 -> doctype(r);
            case 4 -> pick(r, CAPTURES.soap());
            default -> pick(r, CAPTURES.syncMl());
        };
    }

    /**
     * Bodies no SyncML reader may accept: random bytes, strict prefixes of captured messages,
     * DOCTYPE documents, the SOAP captures, XML that is not a SyncML message.
     */
    private static byte[] malformedSyncMl(Random r) {
        return switch (r.nextInt(5)) {
            case 0 -> randomBytes(r, 4096);
            case 1 -> truncated(r, pick(r, CAPTURES.syncMl()));
            case 2 -> doctype(r);
            case 3 -> notSyncMl(r);
            default -> pick(r, CAPTURES.soap());
        };
    }

    /** Well-formed XML that is not a SyncML message a reader could act on. */
    private static byte[] notSyncMl(Random r) {
        String id = device.deviceId();
        String header = "<SyncHdr><VerDTD>1.2</VerDTD><VerProto>DM/1.2</VerProto><SessionID>1</SessionID><MsgID>1</MsgID>"
                + "<Target><LocURI>https://localhost/ManagementServer/MDM.svc</LocURI></Target>"
                + "<Source><LocURI>" + id + "</LocURI></Source></SyncHdr>";
        return (switch (r.nextInt(8)) {
            case 0 -> "<SyncML xmlns=\"SYNCML:SYNCML1.2\"/>";
            case 1 -> "<SyncML xmlns=\"SYNCML:SYNCML1.2\"><SyncBody><Final/></SyncBody></SyncML>";
            case 2 -> "<SyncML xmlns=\"SYNCML:SYNCML1.2\">" + header + "</SyncML>";
            case 3 -> "<plist version=\"1.0\"><dict><key>" + randomXmlText(r, 20) + "</key></dict></plist>";
            case 4 -> "<SyncML xmlns=\"SYNCML:SYNCML1.2\">" + header.replace("<MsgID>1</MsgID>", "<MsgID>"
                    + randomXmlText(r, 12) + "</MsgID>") + "<SyncBody><Final/></SyncBody></SyncML>";
            case 5 -> "<SyncML xmlns=\"SYNCML:SYNCML1.2\">" + header.replace("<Source><LocURI>" + id
                    + "</LocURI></Source>", "") + "<SyncBody><Final/></SyncBody></SyncML>";
            case 6 -> "<" + pick(r, List.of("SyncML", "syncml", "s:Envelope", "a")) + ">" + randomXmlText(r, 200)
                    + "</" + pick(r, List.of("SyncML", "syncml", "s:Envelope", "a")) + ">";
            default -> "<SyncML xmlns=\"SYNCML:SYNCML1.2\">" + header.replace("<SessionID>1</SessionID>",
                    "<SessionID>" + "9".repeat(1 + r.nextInt(40)) + "</SessionID>").replace("<MsgID>1</MsgID>",
                    "<MsgID>-" + r.nextInt(1000) + "</MsgID>") + "<SyncBody><Final/></SyncBody></SyncML>";
        }).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] randomBytes(Random r, int max) {
        int length = switch (r.nextInt(10)) {
            case 0 -> 0;
            case 1, 2 -> 1 + r.nextInt(16);
            default -> r.nextInt(max + 1);
        };
        byte[] bytes = new byte[length];
        r.nextBytes(bytes);
        if (length > 0 && r.nextInt(4) == 0) {
            // Looks like XML at first glance.
            bytes[0] = '<';
        }
        return bytes;
    }

    /** A strict prefix: the root element is never closed, so no reader may accept it. */
    private static byte[] truncated(Random r, byte[] whole) {
        return Arrays.copyOf(whole, r.nextInt(whole.length));
    }

    /** One to eight bytes replaced, bits flipped or deleted. */
    private static byte[] flipped(Random r, byte[] whole) {
        byte[] b = whole.clone();
        for (int i = 0, flips = 1 + r.nextInt(8); i < flips; i++) {
            int at = r.nextInt(b.length);
            switch (r.nextInt(3)) {
                case 0 -> b[at] = (byte) r.nextInt(256);
                case 1 -> b[at] ^= (byte) (1 << r.nextInt(8));
                default -> {
                    byte[] shorter = new byte[b.length - 1];
                    System.arraycopy(b, 0, shorter, 0, at);
                    System.arraycopy(b, at + 1, shorter, at, b.length - at - 1);
                    b = shorter;
                }
            }
        }
        return b;
    }

    /**
     * One to four characters of element text replaced (a digit of the DeviceID, a base64 character
     * of the CSR, a letter of the action): the markup stays, so the message is read further.
     */
    private static byte[] textFlipped(Random r, byte[] whole) {
        byte[] b = whole.clone();
        String replacements = "AZaz09+/=!-_.:%;& \u00e9<";
        for (int i = 0, flips = 1 + r.nextInt(4); i < flips; i++) {
            int gt = indexOf(b, (byte) '>', r.nextInt(b.length));
            int lt = gt < 0 ? -1 : indexOf(b, (byte) '<', gt + 1);
            if (lt < 0 || lt - gt < 2 || Character.isWhitespace(b[gt + 1])) {
                continue;
            }
            b[gt + 1 + r.nextInt(lt - gt - 1)] = (byte) replacements.charAt(r.nextInt(replacements.length()));
        }
        return b;
    }

    private static int indexOf(byte[] bytes, byte wanted, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return -1;
    }

    /** A captured message with a DOCTYPE: internal and external entities, parameter entities, billion laughs. */
    private static byte[] doctype(Random r) {
        String capture = new String(pick(r, r.nextBoolean() ? CAPTURES.soap() : CAPTURES.syncMl()),
                StandardCharsets.UTF_8);
        Matcher root = Pattern.compile("<([A-Za-z_][\\w:.-]*)[\\s>/]").matcher(capture.replaceFirst("^<\\?xml[^>]*\\?>",
                ""));
        String name = root.find() ? root.group(1) : "SyncML";
        String subset = switch (r.nextInt(7)) {
            case 0 -> "<!ENTITY x SYSTEM \"file:///etc/passwd\">";
            case 1 -> "<!ENTITY x SYSTEM \"http://127.0.0.1:1/xxe\">";
            case 2 -> "<!ENTITY % p SYSTEM \"file:///etc/hostname\"><!ENTITY % q \"<!ENTITY x '%p;'>\">%q;";
            case 3 -> laughs(2 + r.nextInt(9));
            case 4 -> "<!ENTITY x \"" + randomXmlText(r, 40) + "\">";
            case 5 -> "<!ELEMENT " + name + " ANY><!ATTLIST " + name + " a CDATA #IMPLIED><!ENTITY x \"y\">";
            default -> "<!ENTITY x SYSTEM \"jar:file:///nonexistent.jar!/x\">";
        };
        String declaration = "<!DOCTYPE " + name + (r.nextInt(4) == 0 ? " SYSTEM \"http://127.0.0.1:1/dtd\"" : "")
                + " [" + subset + "]>";
        // The entity reference goes where text is: the first text node after a '>'.
        String withReference = capture.replaceFirst(">([^<\\s][^<]*)<", ">&x;$1<");
        String body = withReference.startsWith("<?xml")
                ? withReference.replaceFirst("\\?>", "?>" + Matcher.quoteReplacement(declaration))
                : declaration + withReference;
        return body.getBytes(StandardCharsets.UTF_8);
    }

    private static String laughs(int levels) {
        StringBuilder s = new StringBuilder("<!ENTITY x0 \"lol\">");
        for (int i = 1; i <= levels; i++) {
            String previous = "&x" + (i - 1) + ";";
            s.append("<!ENTITY x").append(i).append(" \"").append(previous.repeat(10)).append("\">");
        }
        return s.append("<!ENTITY x \"&x").append(levels).append(";\">").toString();
    }

    /**
     * The enrollment request with the bystander's real credentials, broken so it must be refused:
     * truncated, a DOCTYPE, a CSR whose signature or DeviceID is wrong, another token or request
     * type, no or two DeviceIDs, or the code of another channel's shape. Sometimes the GetPolicies
     * request instead, which may answer with the policies (it checks the code, never redeems it).
     */
    private byte[] brokenEnrollment(Random r) {
        String rst = withCredentials(new String(pick(r, CAPTURES.enrollment()), StandardCharsets.UTF_8),
                "bystander@example.com", bystanderCode);
        String id = "0123456789ABCDEF0123456789ABCDEF";
        String good = withCsr(withDeviceId(rst, id), csr(otherKeys, "CN=" + id));
        return switch (r.nextInt(10)) {
            case 0 -> truncated(r, good.getBytes(StandardCharsets.UTF_8));
            case 1 -> doctypeInFront(good, r);
            case 2 -> withCsr(withDeviceId(rst, id), flippedCsr(r, csr(otherKeys, "CN=" + id))).getBytes(
                    StandardCharsets.UTF_8);
            case 3 -> withCsr(withDeviceId(rst, id), csr(otherKeys, "CN=x!FEDCBA9876543210FEDCBA9876543210"))
                    .getBytes(StandardCharsets.UTF_8);
            case 4 -> good.replace("DeviceEnrollmentToken", "DeviceEnrollmentToken" + randomXmlText(r, 3) + "x")
                    .getBytes(StandardCharsets.UTF_8);
            case 5 -> good.replace("ws-trust/200512/Issue", "ws-trust/200512/Renew").getBytes(StandardCharsets.UTF_8);
            case 6 -> good.replaceAll("<ac:ContextItem Name=\"DeviceID\">\\s*<ac:Value>[^<]*</ac:Value>\\s*"
                    + "</ac:ContextItem>", "").getBytes(StandardCharsets.UTF_8);
            case 7 -> good.replace("<ac:ContextItem Name=\"DeviceID\">", "<ac:ContextItem Name=\"DeviceID\"><ac:Value>"
                    + "AAAA</ac:Value></ac:ContextItem><ac:ContextItem Name=\"DeviceID\">")
                    .getBytes(StandardCharsets.UTF_8);
            case 8 -> withCsr(good, Base64.getEncoder().encodeToString(randomBytes(r, 600)))
                    .getBytes(StandardCharsets.UTF_8);
            default -> withCredentials(new String(pick(r, CAPTURES.policies()), StandardCharsets.UTF_8),
                    "bystander@example.com", r.nextBoolean() ? bystanderCode : bystanderCode + "x")
                    .getBytes(StandardCharsets.UTF_8);
        };
    }

    private static byte[] doctypeInFront(String xml, Random r) {
        String declaration = "<!DOCTYPE s:Envelope [" + (r.nextBoolean() ? laughs(5) : "<!ENTITY x SYSTEM "
                + "\"file:///etc/passwd\">") + "]>";
        return (xml.startsWith("<?xml") ? xml.replaceFirst("\\?>", "?>" + Matcher.quoteReplacement(declaration))
                : declaration + xml).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The CSR's DER with one byte changed in what the signature covers (the CertificationRequestInfo)
     * or in the RSA signature itself, so it no longer verifies. The signatureAlgorithm between them
     * is left alone: it is not signed, and its NULL parameters' tag changed to any other empty value
     * still verifies (measured: 203 of the 255 changes of that byte), so such a CSR is sound.
     */
    private static String flippedCsr(Random r, String base64) {
        byte[] der = Base64.getDecoder().decode(base64);
        // SEQUENCE (30 82 hi lo) { CertificationRequestInfo (30 82 hi lo …), AlgorithmIdentifier, BIT STRING }
        int infoEnd = 8 + ((der[6] & 0xff) << 8 | (der[7] & 0xff));
        int at = r.nextBoolean() ? 4 + r.nextInt(infoEnd - 4) : der.length - 256 + r.nextInt(256);
        der[at] ^= (byte) (1 + r.nextInt(255));
        return Base64.getEncoder().encodeToString(der);
    }

    /** The {@code Content-Type} a client might send; sometimes printable junk. */
    private static String contentType(Random r) {
        return r.nextInt(12) == 0 ? headerText(r, 40) : pick(r, CONTENT_TYPES);
    }

    /** A value a proxy header might carry: junk, base64 junk, or (escaped or not) PEM of a foreign or the enrolled certificate. */
    private static String certificateHeader(Random r) {
        return switch (r.nextInt(5)) {
            case 0 -> headerText(r, 200);
            case 1 -> Base64.getEncoder().encodeToString(randomBytes(r, 1024));
            case 2 -> URLEncoder.encode(pem(device.certificate()), StandardCharsets.UTF_8).replace("+", "%20");
            case 3 -> Base64.getEncoder().encodeToString(encoded(device.certificate()));
            default -> URLEncoder.encode(pem(foreignCertificate()), StandardCharsets.UTF_8).replace("+", "%20");
        };
    }

    private static String randomText(Random r, int max) {
        StringBuilder s = new StringBuilder();
        for (int i = 0, length = r.nextInt(max + 1); i < length; i++) {
            char c = r.nextInt(20) == 0 ? pick(r, List.of('é', '€', '\u00a0', '%', '"', '\\', '&', '<'))
                    : (char) (0x21 + r.nextInt(94));
            s.append(c);
        }
        return s.toString();
    }

    /** Text that is safe inside an element: no markup characters. */
    private static String randomXmlText(Random r, int max) {
        return randomText(r, max).replaceAll("[<>&\"']", "_");
    }

    private static String headerText(Random r, int max) {
        return randomText(r, max).replaceAll("[^\\x21-\\x7e]", "?");
    }

    /** 0 bytes, 1 MB + 1 and about 5 MB. */
    private static List<byte[]> sizedBodies() {
        Random r = new Random(SEED);
        List<byte[]> bodies = new ArrayList<>();
        for (int size : List.of(0, LIMIT + 1, 5 * LIMIT - 200_000 + r.nextInt(400_000))) {
            byte[] body = new byte[size];
            r.nextBytes(body);
            bodies.add(body);
        }
        return bodies;
    }

    private static <T> T pick(Random r, List<T> values) {
        return values.get(r.nextInt(values.size()));
    }

    // ---- Editing the captured enrollment messages ----

    private static String withCredentials(String soap, String username, String password) {
        return soap.replaceFirst("<wsse:Username>[^<]*</wsse:Username>", "<wsse:Username>"
                        + Matcher.quoteReplacement(username) + "</wsse:Username>")
                .replaceFirst("(<wsse:Password[^>]*>)[^<]*(</wsse:Password>)", "$1" + Matcher.quoteReplacement(password)
                        + "$2");
    }

    private static String withCsr(String rst, String base64) {
        return rst.replaceFirst("(<wsse:BinarySecurityToken[^>]*>)[^<]*(</wsse:BinarySecurityToken>)",
                "$1" + Matcher.quoteReplacement(base64) + "$2");
    }

    private static String withDeviceId(String rst, String deviceId) {
        return rst.replaceFirst("(<ac:ContextItem Name=\"DeviceID\">\\s*<ac:Value>)[^<]*(</ac:Value>)",
                "$1" + deviceId + "$2");
    }

    private static String csr(KeyPair keys, String subject) {
        try {
            return Base64.getEncoder().encodeToString(new JcaPKCS10CertificationRequestBuilder(new X500Name(subject),
                    keys.getPublic()).build(new JcaContentSignerBuilder("SHA256withRSA").build(keys.getPrivate()))
                    .getEncoded());
        } catch (Exception e) {
            throw new IllegalStateException("cannot build a CSR", e);
        }
    }

    private static KeyPair rsa(int bits) throws Exception {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
        gen.initialize(bits);
        return gen.generateKeyPair();
    }

    private static X509Certificate foreignCertificate() {
        try {
            Instant now = Instant.now();
            X500Name name = new X500Name("CN=" + device.deviceId());
            return new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(name,
                    BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minusSeconds(60)),
                    Date.from(now.plusSeconds(86_400)), name, otherKeys.getPublic())
                    .build(new JcaContentSignerBuilder("SHA256withRSA").build(otherKeys.getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException("cannot make a certificate", e);
        }
    }

    private static String pem(X509Certificate cert) {
        return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'})
                .encodeToString(encoded(cert)) + "\n-----END CERTIFICATE-----\n";
    }

    private static byte[] encoded(X509Certificate cert) {
        try {
            return cert.getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    // ---- Setup through the API ----

    private static UUID user(String upn) throws Exception {
        api("POST", "/api/v1/import", "{\"users\":[{\"userPrincipalName\":\"" + upn + "\",\"displayName\":\"W\"}]}");
        return UUID.fromString(JSON.readTree(api("GET", "/api/v1/users?search=" + upn, null)).at("/items/0/id")
                .asText());
    }

    private static String windowsCode(UUID user) throws Exception {
        return JSON.readTree(api("POST", "/api/v1/users/" + user + "/enrollment-codes", "{\"channel\":\"windows\"}"))
                .get("code").asText();
    }

    private static String api(String method, String path, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + TOKEN);
        if (json == null) {
            b.GET();
        } else {
            b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path + " " + r.body()).isLessThan(300);
        return r.body();
    }

    private static HttpClient httpsClient(X509Certificate serverCertificate, KeyPair keys, Certificate[] chain)
            throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("server", serverCertificate);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        KeyManagerFactory kmf = null;
        if (keys != null) {
            char[] password = "device".toCharArray();
            KeyStore identity = KeyStore.getInstance("PKCS12");
            identity.load(null, null);
            identity.setKeyEntry("device", keys.getPrivate(), password, chain);
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(identity, password);
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
                .sslContext(context).build();
    }

    /**
     * One device enrolled for real: the captured RequestSecurityToken with this user's code, a CSR
     * of a key made here and a DeviceID of its own; the certificate comes from the provisioning
     * document, and the device then presents it as its TLS client certificate.
     */
    private record Enrolled(String deviceId, X509Certificate certificate, HttpClient client) {
        static Enrolled enroll(X509Certificate serverCertificate, String upn, String code) throws Exception {
            KeyPair keys = rsa(2048);
            String deviceId = UUID.randomUUID().toString().replace("-", "").toUpperCase(Locale.ROOT);
            String rst = withCsr(withDeviceId(withCredentials(new String(CAPTURES.enrollment().getFirst(),
                    StandardCharsets.UTF_8), upn, code), deviceId), csr(keys, "CN=" + deviceId));
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + ENROLLMENT))
                    .header("Content-Type", SOAP).POST(HttpRequest.BodyPublishers.ofString(rst)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).as("the enrollment answer").doesNotContainPattern(FAULT_ELEMENT);
            Matcher token = Pattern.compile("BinarySecurityToken[^>]*>([^<]+)<").matcher(r.body());
            assertThat(token.find()).as("a provisioning document in " + excerpt(r.body())).isTrue();
            String document = new String(Base64.getMimeDecoder().decode(token.group(1)), StandardCharsets.UTF_8);
            Matcher encoded = Pattern.compile("name=\"EncodedCertificate\"\\s+value=\"([^\"]+)\"").matcher(document);
            X509Certificate deviceCert = null;
            X509Certificate ca = null;
            CertificateFactory x509 = CertificateFactory.getInstance("X.509");
            while (encoded.find()) {
                X509Certificate cert = (X509Certificate) x509.generateCertificate(new ByteArrayInputStream(
                        Base64.getMimeDecoder().decode(encoded.group(1))));
                if (cert.getSubjectX500Principal().getName().contains(deviceId)) {
                    deviceCert = cert;
                } else {
                    ca = cert;
                }
            }
            assertThat(deviceCert).as("the device certificate in the provisioning document").isNotNull();
            assertThat(ca).as("the CA certificate in the provisioning document").isNotNull();
            Enrolled enrolled = new Enrolled(deviceId, deviceCert, httpsClient(serverCertificate, keys,
                    new Certificate[] {deviceCert, ca}));
            // A well-formed session from it is served: the certificate works, so the 400s below are about the bodies.
            String session = new String(CAPTURES.syncMl().getFirst(), StandardCharsets.UTF_8)
                    .replace("B5B954E81FBCB94EB79BD08BE625F4EE", deviceId);
            HttpResponse<String> served = enrolled.client().send(HttpRequest.newBuilder(URI.create(base + MANAGEMENT))
                    .header("Content-Type", SYNCML).POST(HttpRequest.BodyPublishers.ofString(session)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(served.statusCode()).as("a session from the enrolled device: " + excerpt(served.body()))
                    .isEqualTo(200);
            return enrolled;
        }
    }

    // ---- The real captures (shared/fixtures/windows, SOURCE.md) ----

    /** The device-side bodies of both captures, by kind. */
    private record Captures(List<byte[]> discovery, List<byte[]> policies, List<byte[]> enrollment,
                            List<byte[]> syncMl) {
        List<byte[]> soap() {
            List<byte[]> all = new ArrayList<>(discovery);
            all.addAll(policies);
            all.addAll(enrollment);
            return all;
        }

        static Captures read() {
            List<byte[]> dump = dumpBodies(text("windows10-enrollment-and-sessions.capture.txt"));
            String readme = text("windows10-readme-messages.capture.txt");
            return new Captures(List.of(dump.get(0), readmeBlock(readme, 1)),
                    List.of(dump.get(1), readmeBlock(readme, 3)),
                    List.of(dump.get(2), readmeBlock(readme, 5)),
                    List.of(dump.get(3), dump.get(4), readmeBlock(readme, 7), readmeBlock(readme, 9)));
        }

        /** Each "Input Body" of the ngrok dump: from the line after the marker to the next "====" line. */
        private static List<byte[]> dumpBodies(String text) {
            List<byte[]> bodies = new ArrayList<>();
            String marker = "----------- Input Body -----------";
            for (int at = text.indexOf(marker); at >= 0; at = text.indexOf(marker, at + 1)) {
                int start = text.indexOf('\n', at) + 1;
                int end = text.indexOf("\n====", start);
                String body = text.substring(start, end).strip();
                if (!body.isEmpty()) {
                    bodies.add(body.getBytes(StandardCharsets.UTF_8));
                }
            }
            return bodies;
        }

        /** README block n: the lines between its "===== [n]" delimiter and the next one. */
        private static byte[] readmeBlock(String text, int n) {
            int start = text.indexOf('\n', text.indexOf("===== [" + n + "]")) + 1;
            int end = text.indexOf("\n===== [" + (n + 1) + "]", start);
            return (end < 0 ? text.substring(start) : text.substring(start, end)).strip()
                    .getBytes(StandardCharsets.UTF_8);
        }

        private static String text(String name) {
            for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
                Path file = d.resolve("../shared/fixtures/windows").resolve(name).normalize();
                if (Files.isRegularFile(d.resolve("pom.xml")) && Files.isRegularFile(file)) {
                    try {
                        return Files.readString(file, StandardCharsets.US_ASCII).replace("\r\n", "\n");
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot read the capture " + file, e);
                    }
                }
            }
            throw new IllegalStateException("cannot find shared/fixtures/windows/" + name + " above "
                    + Path.of("").toAbsolutePath());
        }
    }
}
