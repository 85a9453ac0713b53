package io.latchkey.server.http;

import com.dd.plist.BinaryPropertyListWriter;
import com.dd.plist.NSArray;
import com.dd.plist.NSData;
import com.dd.plist.NSDate;
import com.dd.plist.NSDictionary;
import com.dd.plist.NSNumber;
import com.dd.plist.NSObject;
import com.dd.plist.NSString;
import com.dd.plist.PropertyListParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.latchkey.server.App;
import io.latchkey.server.config.Option;
import io.latchkey.server.config.Settings;
import io.latchkey.server.config.SettingsLoader;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.sql.Connection;
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
import java.util.function.Function;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Anyone can reach the device-facing endpoints, so they must answer anything with a 4xx, never a
 * 5xx, and store nothing for a request that carries no identity this server issued. One real
 * server (embedded H2 in a temporary directory, any free port) is started for the class; each
 * property sends {@value #TRIES} generated requests and checks the status against what the
 * endpoint should say (413 too large, 415 wrong type, 401 no usable identity, 403 an identity
 * refused, 400 not SCEP, 404 unknown code), then that no device, identity, push address or
 * escrowed secret was stored.
 *
 * <p>jqwik is not on this module's test classpath (server/pom.xml), so the properties draw their
 * cases from a {@link Random} with a fixed seed ({@code -Dlatchkey.property.seed=…} to change
 * it) and report every failing case with the seed and its number, which replays it.
 *
 * <p>None of these requests carries an enrolled identity, so the identity check answers before
 * the plist decoders run: the bodies exercise the HTTP layer and the identity check, while the
 * decoders' own property test (channel-apple MalformedBodyPropertyTest) covers what they parse.
 */
class DeviceEndpointsPropertyTest {
    private static final int TRIES = 200;
    private static final long SEED = Long.getLong("latchkey.property.seed", 20260302L);
    private static final String TOKEN = "lk_property-test-token-0123456789";
    private static final String CHECKIN = "application/x-apple-aspen-mdm-checkin";
    private static final String COMMAND = "application/x-apple-aspen-mdm";
    private static final int MDM_LIMIT = 1024 * 1024;
    private static final int SCEP_LIMIT = 256 * 1024;
    /** Jetty's request header limit as HttpServer sets it: a longer request line is refused before routing. */
    private static final int HEADER_LIMIT = 64 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path CAPTURES = AppleCaptures.DIR;
    private static final List<byte[]> PLISTS = plists();
    private static final List<String> CONTENT_TYPES = Arrays.asList(null, "", CHECKIN, COMMAND,
            CHECKIN + "; charset=UTF-8", "APPLICATION/X-APPLE-ASPEN-MDM-CHECKIN", COMMAND + ";charset=utf-8",
            "application/xml", "text/xml", "application/x-plist", "application/octet-stream", "application/json",
            "text/plain; charset=utf-8", "application/x-www-form-urlencoded", "multipart/form-data; boundary=zz",
            "application/x-pki-message", ";", CHECKIN + "-extra", "application/x-apple-aspen-mdm-checkin/x");

    @TempDir
    static Path dataDir;
    static App app;
    static String base;
    static HttpClient http;
    static Signer signer;

    private final List<String> failures = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        Settings settings = SettingsLoader.load(Map.of(Option.PORT, "0", Option.BIND, "127.0.0.1",
                Option.DATA_DIR, dataDir.toString(), Option.BOOTSTRAP_ADMIN_TOKEN, TOKEN,
                // thousands of generated requests from one address: the per-address limit has its own test
                Option.ENROLLMENT_RATE_LIMIT, "0"), null, Map.of());
        app = App.open(settings);
        app.bootstrap(settings.bootstrapAdminUser(), null, TOKEN);
        base = "http://127.0.0.1:" + app.serve();
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10))
                .build();
        HttpResponse<byte[]> ca = http.send(HttpRequest.newBuilder(URI.create(base + "/scep?operation=GetCACert"))
                .GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        signer = new Signer((X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(ca.body())));
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    /** After every property: whatever was sent, nothing was stored. */
    @AfterEach
    void nothing_was_stored() throws Exception {
        // A client of its own: the properties leave the shared client's pooled connections in odd states (a
        // chunked body the server answered 401 before reading); once in CI a GET on such a connection never
        // got an answer. This check is about storage, so it must not depend on them (open question, see
        // the session note: whether the server should close such a connection).
        HttpClient fresh = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> devices = fresh.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/devices"))
                .header("Authorization", "Bearer " + TOKEN).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(devices.statusCode()).as(devices.body()).isEqualTo(200);
        assertThat(JSON.readTree(devices.body()).get("items")).as("devices listed by the API").isEmpty();
        try (Connection c = app.storage().dataSource().getConnection(); Statement s = c.createStatement()) {
            for (String table : List.of("device", "device_identity", "push_address", "escrowed_secret")) {
                try (ResultSet rows = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
                    rows.next();
                    assertThat(rows.getLong(1)).as("rows in " + table).isZero();
                }
            }
        }
    }

    @Test
    void mdm_endpoints_answer_random_bytes_with_a_4xx() {
        forAll("random bytes", r -> randomBytes(r, 4096), this::mdm);
    }

    @Test
    void mdm_endpoints_answer_truncated_captures_with_a_4xx() {
        forAll("truncated captures", DeviceEndpointsPropertyTest::truncatedCapture, this::mdm);
    }

    @Test
    void mdm_endpoints_answer_plists_with_wrong_types_or_missing_keys_with_a_4xx() {
        forAll("plists of the wrong shape", DeviceEndpointsPropertyTest::wrongShape, this::mdm);
    }

    @Test
    void mdm_endpoints_answer_binary_plist_junk_with_a_4xx() {
        forAll("binary plist junk", DeviceEndpointsPropertyTest::binaryJunk, this::mdm);
    }

    /** The whole real captures: only the identity can be wrong, so the status is exactly predictable. */
    @Test
    void mdm_endpoints_refuse_the_real_captures_under_any_signature_but_an_enrolled_one() {
        forAll("real captures", r -> pick(r, PLISTS), this::mdm);
    }

    @Test
    void scep_pki_operation_answers_garbage_with_a_4xx() {
        forAll("SCEP garbage", DeviceEndpointsPropertyTest::anyBody, this::scep);
    }

    @Test
    void the_profile_answers_missing_and_unknown_codes_with_a_4xx() {
        forAll("profile codes", DeviceEndpointsPropertyTest::anyBody, this::profile);
    }

    /**
     * 0 bytes, just over the 1 MB MDM limit, and about 5 MB, to every endpoint that takes a body:
     * with a Content-Length to SCEP and the profile, chunked (no length declared) to the MDM
     * endpoints. The MDM endpoints with a Content-Length are {@link #oversized_mdm_bodies_with_a_content_length_get_a_413}.
     */
    @Test
    void empty_and_oversized_bodies_get_a_4xx() {
        int n = 0;
        for (byte[] body : sizedBodies()) {
            String property = "a body of " + body.length + " bytes";
            for (boolean chunked : List.of(false, true)) {
                if (chunked || body.length == 0) {
                    for (String method : List.of("PUT", "POST")) {
                        check(n++, property, new Request(method, "/mdm/checkin", body, CHECKIN, null, chunked),
                                Set.of(body.length > MDM_LIMIT ? 413 : 401));
                        check(n++, property, new Request(method, "/mdm/connect", body, COMMAND, null, chunked),
                                Set.of(body.length > MDM_LIMIT ? 413 : 401));
                    }
                }
                check(n++, property, new Request("POST", "/scep?operation=PKIOperation", body,
                        "application/x-pki-message", null, chunked), Set.of(body.length == 0 ? 400 : 413));
                check(n++, property, new Request("POST", "/enroll/apple/profile", body,
                        "application/x-www-form-urlencoded", null, chunked),
                        body.length == 0 ? Set.of(400) : Set.of(400, 404, 413));
            }
        }
        String message = Base64.getUrlEncoder().encodeToString(new byte[MDM_LIMIT + 1]);
        check(n, "GET PKIOperation with a 1 MB message", new Request("GET",
                "/scep?operation=PKIOperation&message=" + message, new byte[0], null, null, false), Set.of(414, 431));
        assertNoFailures("empty and oversized bodies", SEED);
    }

    /**
     * AppleMdmRoutes answers 413 from the declared Content-Length without reading the body; Jetty
     * then closes the connection with the body unread, and the reset that follows can destroy the
     * 413 before the client reads it. Measured with java.net.http against the real server: 8 of 60
     * PUTs of 1 MB + 1 and 3 of 60 of 5 MB to /mdm/checkin got no answer ("HTTP/1.1 header parser
     * received no bytes"); curl, which sends Expect: 100-continue, always got its 413.
     */
    @Test
    void oversized_mdm_bodies_with_a_content_length_get_a_413() {
        int n = 0;
        for (int round = 0; round < 5; round++) {
            for (byte[] body : sizedBodies().subList(1, 3)) {
                for (String method : List.of("PUT", "POST")) {
                    check(n++, "a body of " + body.length + " bytes", new Request(method, "/mdm/checkin", body, CHECKIN,
                            null, false), Set.of(413));
                    check(n++, "a body of " + body.length + " bytes", new Request(method, "/mdm/connect", body, COMMAND,
                            null, false), Set.of(413));
                }
            }
        }
        assertNoFailures("oversized MDM bodies with a Content-Length", SEED);
    }

    /**
     * Javalin parses a multipart/form-data body for {@code ctx.formParam}; when it is not valid
     * multipart Jetty throws BadMessageException(400) wrapped in a ServletException, which the API's
     * catch-all turns into a 500. The connection is then sometimes closed without
     * {@code Connection: close}, so the client's next request on it fails (23 of 200 in a probe).
     */
    @Test
    void a_profile_post_that_is_multipart_is_refused_with_a_4xx() {
        forAll("profile multipart", DeviceEndpointsPropertyTest::anyBody, (n, property, body, r) -> check(n, property,
                new Request("POST", "/enroll/apple/profile", body, pick(r, List.of("multipart/form-data; boundary=zz",
                        "multipart/form-data", "Multipart/Form-Data; boundary=\"" + headerText(r, 20) + "\"")),
                        null, false), Set.of(415)));
    }

    // ---- The endpoints and what each should answer ----

    /** A check-in or command PUT/POST with a generated content type and Mdm-Signature. */
    private void mdm(int n, String property, byte[] body, Random r) {
        boolean checkin = r.nextBoolean();
        String method = r.nextBoolean() ? "PUT" : "POST";
        String contentType = contentType(r);
        SignatureKind kind = pick(r, List.of(SignatureKind.values()));
        String signature = signer.header(kind, body, r);
        Request request = new Request(method, checkin ? "/mdm/checkin" : "/mdm/connect", body, contentType,
                signature, false);
        check(n, property + ", signature " + kind, request, Set.of(mdmStatus(checkin, body.length, contentType, kind)));
    }

    /**
     * What MdmEndpoint must answer a request without an enrolled identity: size first, then the
     * content type (a check-in sent to the command URL is served as a check-in), then the identity.
     */
    private static int mdmStatus(boolean checkinPath, int length, String contentType, SignatureKind kind) {
        if (length > MDM_LIMIT) {
            return 413;
        }
        String type = contentType == null ? null : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        boolean isCheckin = CHECKIN.equals(type);
        if (checkinPath && !isCheckin) {
            return 415;
        }
        if (!checkinPath && !isCheckin && contentType != null && !contentType.isBlank() && !COMMAND.equals(type)) {
            return 415;
        }
        return kind.status;
    }

    /** SCEP PKIOperation by POST (the body) or GET (the body as ?message=, in one of the encodings clients use). */
    private void scep(int n, String property, byte[] body, Random r) {
        if (r.nextBoolean()) {
            check(n, property, new Request("POST", "/scep?operation=PKIOperation" + (r.nextInt(4) == 0
                    ? "&message=" + URLEncoder.encode(randomText(r, 40), StandardCharsets.UTF_8) : ""), body,
                    contentType(r), null, false), Set.of(body.length > SCEP_LIMIT ? 413 : 400));
            return;
        }
        String message = switch (r.nextInt(6)) {
            case 0 -> Base64.getEncoder().encodeToString(body);
            case 1 -> Base64.getUrlEncoder().withoutPadding().encodeToString(body);
            case 2 -> Base64.getMimeEncoder().encodeToString(body);
            case 3 -> randomText(r, 200);
            case 4 -> "";
            default -> null;
        };
        // Escaped, or raw as some clients send it: '+' unescaped (read back as a space), '/' and '=' as they are.
        String query = "/scep?operation=PKIOperation" + (message == null ? ""
                : "&message=" + (r.nextBoolean() ? URLEncoder.encode(message, StandardCharsets.UTF_8)
                : message.replace("\r\n", "%0D%0A").replaceAll("[^A-Za-z0-9+/=%_-]|%(?!0[DA])", "")));
        Set<Integer> expected = query.length() > HEADER_LIMIT - 1024 ? Set.of(414, 431) : Set.of(400);
        check(n, property + " (GET)", new Request("GET", query, new byte[0], contentType(r), null, false), expected);
    }

    /** The profile by GET ?code= or POST form; a code no administrator issued is 404, no code 400. */
    private void profile(int n, String property, byte[] body, Random r) {
        String code = switch (r.nextInt(5)) {
            case 0 -> hex(r, 64);
            case 1 -> randomText(r, 80);
            case 2 -> " ".repeat(r.nextInt(3));
            case 3 -> new String(body, 0, Math.min(body.length, 100), StandardCharsets.UTF_8);
            default -> null;
        };
        int expected = code == null || code.isBlank() ? 400 : 404;
        String encoded = code == null ? null : URLEncoder.encode(code, StandardCharsets.UTF_8);
        switch (r.nextInt(3)) {
            case 0 -> check(n, property + " (GET)", new Request("GET", "/enroll/apple/profile"
                    + (encoded == null ? "" : "?code=" + encoded), new byte[0], contentType(r), null, false),
                    Set.of(expected));
            case 1 -> check(n, property + " (POST form)", new Request("POST", "/enroll/apple/profile",
                    (encoded == null ? "" : "code=" + encoded).getBytes(StandardCharsets.US_ASCII),
                    "application/x-www-form-urlencoded", null, false), Set.of(expected));
            default -> check(n, property + " (POST anything)", new Request("POST", "/enroll/apple/profile", body,
                    notMultipart(contentType(r)), null, false), Set.of(400, 404, 415));
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
        assertNoFailures(property, SEED);
    }

    private record Request(String method, String pathAndQuery, byte[] body, String contentType, String signature,
                           boolean chunked) {
        @Override
        public String toString() {
            String path = pathAndQuery.length() > 100 ? pathAndQuery.substring(0, 100) + "…" : pathAndQuery;
            return method + " " + path + " Content-Type=" + (contentType == null ? "(none)" : "'" + contentType + "'")
                    + (signature == null ? "" : " Mdm-Signature=" + excerpt(signature)) + " body=" + body.length
                    + " bytes " + excerpt(new String(body, 0, Math.min(body.length, 60), StandardCharsets.ISO_8859_1))
                    + (chunked ? " (chunked)" : "");
        }
    }

    private void check(int n, String property, Request request, Set<Integer> expected) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + request.pathAndQuery()))
                .timeout(Duration.ofSeconds(30));
        if (request.contentType() != null) {
            b.header("Content-Type", request.contentType());
        }
        if (request.signature() != null) {
            b.header("Mdm-Signature", request.signature());
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
            response = http.send(b.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            failures.add("#" + n + " " + property + ": " + request + " → no answer: " + e);
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        int status = response.statusCode();
        String body = response.body();
        if (!expected.contains(status) || status < 400 || status >= 500) {
            failures.add("#" + n + " " + property + ": " + request + " → " + status + " (expected " + expected + ") "
                    + excerpt(body));
        } else if (body.contains("Exception") || body.contains("\tat ")) {
            failures.add("#" + n + " " + property + ": " + request + " → a stack trace in the body: " + excerpt(body));
        }
    }

    private void assertNoFailures(String property, long seed) {
        assertThat(failures).as("%s with seed %d: %d failing case(s); the first ones:%n%s", property, seed,
                failures.size(), String.join("\n", failures.subList(0, Math.min(10, failures.size())))).isEmpty();
    }

    private static String excerpt(String s) {
        String flat = s.replaceAll("[\\r\\n\\t]+", " ").replaceAll("[^\\x20-\\x7e]", ".");
        return "'" + (flat.length() > 120 ? flat.substring(0, 120) + "…" : flat) + "'";
    }

    // ---- Generators ----

    private static byte[] anyBody(Random r) {
        return switch (r.nextInt(5)) {
            case 0 -> randomBytes(r, 4096);
            case 1 -> truncatedCapture(r);
            case 2 -> wrongShape(r);
            case 3 -> binaryJunk(r);
            default -> pick(r, PLISTS);
        };
    }

    private static byte[] randomBytes(Random r, int max) {
        int length = switch (r.nextInt(10)) {
            case 0 -> 0;
            case 1, 2 -> 1 + r.nextInt(16);
            default -> r.nextInt(max + 1);
        };
        byte[] bytes = new byte[length];
        r.nextBytes(bytes);
        return bytes;
    }

    private static byte[] truncatedCapture(Random r) {
        byte[] whole = pick(r, PLISTS);
        return Arrays.copyOf(whole, r.nextInt(whole.length));
    }

    /** A real capture with keys removed, replaced by another type, or added; or a plist that is not a dict. */
    private static byte[] wrongShape(Random r) {
        if (r.nextInt(10) == 0) {
            return switch (r.nextInt(4)) {
                case 0 -> new NSArray(anyValue(r, 1), anyValue(r, 1)).toXMLPropertyList().getBytes(StandardCharsets.UTF_8);
                case 1 -> new NSString(randomText(r, 30)).toXMLPropertyList().getBytes(StandardCharsets.UTF_8);
                case 2 -> new NSDictionary().toXMLPropertyList().getBytes(StandardCharsets.UTF_8);
                default -> ("<?xml version=\"1.0\"?><!DOCTYPE plist [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;"
                        + "&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;\">]><plist version=\"1.0\"><dict>"
                        + "<key>MessageType</key><string>&c;</string></dict></plist>").getBytes(StandardCharsets.UTF_8);
            };
        }
        try {
            NSDictionary d = (NSDictionary) PropertyListParser.parse(pick(r, PLISTS));
            for (int i = 0, edits = 1 + r.nextInt(3); i < edits; i++) {
                String[] keys = d.allKeys();
                switch (r.nextInt(4)) {
                    case 0 -> d.remove(keys[r.nextInt(keys.length)]);
                    case 1 -> d.put(keys[r.nextInt(keys.length)], anyValue(r, 2));
                    case 2 -> d.put(pick(r, List.of("MessageType", "UDID", "EnrollmentID", "Topic", "Token",
                            "PushMagic", "UnlockToken", "Status", "CommandUUID", "UserID", "ErrorChain",
                            "QueryResponses", "RequestType", "AwaitingConfiguration")), anyValue(r, 2));
                    default -> d.put("MessageType", new NSString(pick(r, List.of("Authenticate", "TokenUpdate",
                            "CheckOut", "UserAuthenticate", "DeclarativeManagement", "GetBootstrapToken", "",
                            randomText(r, 20)))));
                }
                if (d.count() == 0) {
                    break;
                }
            }
            return r.nextBoolean() ? BinaryPropertyListWriter.writeToArray(d)
                    : d.toXMLPropertyList().getBytes(StandardCharsets.UTF_8);
        } catch (Exception e) {
            throw new IllegalStateException("cannot build a plist from a capture", e);
        }
    }

    private static NSObject anyValue(Random r, int depth) {
        int kinds = depth > 0 ? 9 : 7;
        return switch (r.nextInt(kinds)) {
            case 0 -> new NSString(randomText(r, 50));
            case 1 -> new NSNumber(r.nextInt());
            case 2 -> new NSNumber(r.nextLong());
            case 3 -> new NSNumber(r.nextDouble() * 1e6);
            case 4 -> new NSNumber(r.nextBoolean());
            case 5 -> new NSData(randomBytes(r, 64));
            case 6 -> new NSDate(new Date(r.nextInt() * 1000L));
            case 7 -> new NSArray(anyValue(r, depth - 1), anyValue(r, depth - 1));
            default -> {
                NSDictionary d = new NSDictionary();
                d.put(randomText(r, 10), anyValue(r, depth - 1));
                yield d;
            }
        };
    }

    /** "bplist00" and junk; sometimes with a trailer whose counts and offsets are forged. */
    private static byte[] binaryJunk(Random r) {
        byte[] junk = randomBytes(r, 2048);
        ByteBuffer b = ByteBuffer.allocate(8 + junk.length + 32);
        b.put(pick(r, List.of("bplist00", "bplist00", "bplist01", "bplist0\0")).getBytes(StandardCharsets.ISO_8859_1));
        b.put(junk);
        byte[] trailer = new byte[32];
        if (r.nextBoolean()) {
            ByteBuffer t = ByteBuffer.wrap(trailer);
            t.position(6);
            t.put((byte) pick(r, List.of(0, 1, 2, 4, 8, 9, 255)).intValue());
            t.put((byte) pick(r, List.of(0, 1, 2, 4, 8, 9, 255)).intValue());
            t.putLong(pick(r, List.of(0L, 1L, 2L, Long.MAX_VALUE, -1L, (long) Integer.MAX_VALUE, r.nextLong())));
            t.putLong(pick(r, List.of(0L, 1L, -1L, Long.MAX_VALUE, r.nextLong())));
            t.putLong(pick(r, List.of(0L, 8L, 9L, -1L, Long.MAX_VALUE, (long) junk.length, r.nextLong())));
        } else {
            r.nextBytes(trailer);
        }
        b.put(trailer);
        return b.array();
    }

    private static String contentType(Random r) {
        return r.nextInt(12) == 0 ? headerText(r, 40) : pick(r, CONTENT_TYPES);
    }

    /** Printable ASCII, sometimes with a few other characters: a header or query value a client could send. */
    private static String randomText(Random r, int max) {
        StringBuilder s = new StringBuilder();
        for (int i = 0, length = r.nextInt(max + 1); i < length; i++) {
            char c = r.nextInt(20) == 0 ? pick(r, List.of('é', '€', '\u00a0', '%', '"', '\\')) : (char) (0x21 + r.nextInt(94));
            s.append(c);
        }
        return s.toString();
    }

    /** The multipart types are left to {@link #a_profile_post_that_is_multipart_is_refused_with_a_4xx}. */
    private static String notMultipart(String contentType) {
        return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("multipart/")
                ? "application/x-www-form-urlencoded" : contentType;
    }

    /** 0 bytes, just over the 1 MB MDM limit, and about 5 MB. */
    private static List<byte[]> sizedBodies() {
        Random r = new Random(SEED);
        List<byte[]> bodies = new ArrayList<>();
        for (int size : List.of(0, MDM_LIMIT + 1, 5 * MDM_LIMIT - 200_000 + r.nextInt(400_000))) {
            byte[] body = new byte[size];
            r.nextBytes(body);
            bodies.add(body);
        }
        return bodies;
    }

    /** Printable ASCII only: what HttpClient lets through as a header value. */
    private static String headerText(Random r, int max) {
        return randomText(r, max).replaceAll("[^\\x21-\\x7e]", "?");
    }

    private static String hex(Random r, int length) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) {
            s.append(Character.forDigit(r.nextInt(16), 16));
        }
        return s.toString();
    }

    private static <T> T pick(Random r, List<T> values) {
        return values.get(r.nextInt(values.size()));
    }

    // ---- Mdm-Signature values that carry no identity this server issued ----

    private enum SignatureKind {
        NONE(401), BLANK(401), GARBAGE(401), BASE64_OF_JUNK(401), TRUNCATED_SIGNATURE(401), WITHOUT_ITS_CERTIFICATE(401),
        FOREIGN_OVER_THE_BODY(403), FOREIGN_OVER_ANOTHER_BODY(403), FORGED_ISSUER_OVER_THE_BODY(403);

        final int status;

        SignatureKind(int status) {
            this.status = status;
        }
    }

    /**
     * Signs with a key this server never certified: a self-signed "device" certificate, and one
     * that names the server's device CA as its issuer without being signed by it.
     */
    private static final class Signer {
        private final KeyPair keys;
        private final X509Certificate foreign;
        private final X509Certificate forged;

        Signer(X509Certificate serverCa) throws Exception {
            KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
            gen.initialize(256);
            this.keys = gen.generateKeyPair();
            this.foreign = certificate("CN=Foreign Device", "CN=Foreign Device");
            this.forged = certificate("CN=Forged Device", serverCa.getSubjectX500Principal().getName());
        }

        String header(SignatureKind kind, byte[] body, Random r) {
            return switch (kind) {
                case NONE -> null;
                case BLANK -> " ".repeat(r.nextInt(3));
                case GARBAGE -> headerText(r, 200);
                case BASE64_OF_JUNK -> Base64.getEncoder().encodeToString(randomBytes(r, 1024));
                case TRUNCATED_SIGNATURE -> {
                    byte[] whole = sign(body, foreign, true);
                    yield Base64.getEncoder().encodeToString(Arrays.copyOf(whole, r.nextInt(whole.length)));
                }
                case WITHOUT_ITS_CERTIFICATE -> Base64.getEncoder().encodeToString(sign(body, foreign, false));
                case FOREIGN_OVER_THE_BODY -> Base64.getEncoder().encodeToString(sign(body, foreign, true));
                case FOREIGN_OVER_ANOTHER_BODY -> Base64.getMimeEncoder().encodeToString(
                        sign(randomBytes(r, 64), foreign, true)).replace("\r\n", " ");
                case FORGED_ISSUER_OVER_THE_BODY -> Base64.getEncoder().encodeToString(sign(body, forged, true));
            };
        }

        private byte[] sign(byte[] body, X509Certificate cert, boolean withCertificate) {
            try {
                CMSSignedDataGenerator gen = new CMSSignedDataGenerator();
                gen.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder()
                        .build()).build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate()), cert));
                if (withCertificate) {
                    gen.addCertificates(new JcaCertStore(List.of(cert)));
                }
                return gen.generate(new CMSProcessableByteArray(body), false).getEncoded();
            } catch (Exception e) {
                throw new IllegalStateException("cannot sign", e);
            }
        }

        private X509Certificate certificate(String subject, String issuer) throws Exception {
            Instant now = Instant.now();
            return new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(new X500Name(issuer),
                    BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minusSeconds(60)),
                    Date.from(now.plusSeconds(86_400)), new X500Name(subject), keys.getPublic())
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").build(keys.getPrivate())));
        }
    }

    // ---- The real captures ----

    private static List<byte[]> plists() {
        try (Stream<Path> files = Files.list(CAPTURES)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".plist")).sorted().map(p -> {
                try {
                    return Files.readAllBytes(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the captures in " + CAPTURES, e);
        }
    }
}
