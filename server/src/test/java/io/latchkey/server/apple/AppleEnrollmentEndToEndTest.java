package io.latchkey.server.apple;

import com.dd.plist.NSArray;
import com.dd.plist.NSDictionary;
import com.dd.plist.NSObject;
import com.dd.plist.PropertyListParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.latchkey.core.action.ChannelKind;
import io.latchkey.core.enrollment.DeviceIdentity;
import io.latchkey.server.App;
import io.latchkey.server.config.AppleDefaults;
import io.latchkey.server.config.Option;
import io.latchkey.server.config.Settings;
import io.latchkey.server.config.SettingsLoader;
import io.latchkey.simulator.apple.ScepTransaction;
import io.latchkey.simulator.apple.ScepTransaction.CertRep;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Apple enrollment over real HTTP on the real server (embedded H2, any free port): an administrator
 * issues a one-time code, the profile carries it as the SCEP challenge, and a device (the
 * simulator's {@link ScepTransaction}) enrolls through SCEP with it, once.
 */
class AppleEnrollmentEndToEndTest {
    private static final String TOKEN = "lk_apple-test-token-0123456789";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path dataDir;
    static App app;
    static String base;

    @BeforeAll
    static void start() {
        Settings settings = SettingsLoader.load(Map.of(Option.PORT, "0", Option.BIND, "127.0.0.1",
                Option.DATA_DIR, dataDir.toString(), Option.BOOTSTRAP_ADMIN_TOKEN, TOKEN), null, Map.of());
        app = App.open(settings);
        app.bootstrap(settings.bootstrapAdminUser(), null, TOKEN);
        base = "http://127.0.0.1:" + app.serve();
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void a_device_enrolls_once_with_the_code_an_administrator_issued() throws Exception {
        String userId = user("apple.alice@example.com");

        HttpResponse<String> issued = send(admin("/api/v1/users/" + userId + "/enrollment-codes")
                .POST(HttpRequest.BodyPublishers.ofString("{\"channel\":\"apple\"}")));
        assertThat(issued.statusCode()).isEqualTo(201);
        assertThat(issued.headers().firstValue("Cache-Control")).contains("no-store");
        String code = JSON.readTree(issued.body()).get("code").asText();
        assertThat(code).matches("[0-9a-f]{64}");
        assertThat(JSON.readTree(issued.body()).get("userId").asText()).isEqualTo(userId);
        String audit = send(admin("/api/v1/audit").GET()).body();
        assertThat(audit).contains("enrollment.code.issue").doesNotContain(code);

        // The profile points at this server and carries the code as the SCEP challenge.
        HttpResponse<byte[]> profile = sendBytes(HttpRequest.newBuilder(URI.create(base
                + "/enroll/apple/profile?code=" + code)).GET());
        assertThat(profile.statusCode()).isEqualTo(200);
        assertThat(profile.headers().firstValue("Content-Type")).hasValueSatisfying(
                t -> assertThat(t).startsWith("application/x-apple-aspen-config"));
        NSDictionary scepPayload = payload(profile.body(), "com.apple.security.scep");
        NSDictionary scepContent = (NSDictionary) scepPayload.get("PayloadContent");
        int port = URI.create(base).getPort();
        assertThat(scepContent.get("URL").toJavaObject()).isEqualTo("http://localhost:" + port + "/scep");
        assertThat(scepContent.get("Challenge").toJavaObject()).isEqualTo(code);
        NSDictionary mdm = payload(profile.body(), "com.apple.mdm");
        assertThat(mdm.get("Topic").toJavaObject()).isEqualTo(AppleDefaults.PLACEHOLDER_TOPIC);
        assertThat(mdm.get("IdentityCertificateUUID").toJavaObject())
                .isEqualTo(scepPayload.get("PayloadUUID").toJavaObject());
        assertThat((String) mdm.get("ServerURL").toJavaObject()).startsWith("http://localhost:" + port + "/");

        // SCEP: capabilities and the CA, then the enrollment itself.
        HttpResponse<String> caps = send(HttpRequest.newBuilder(URI.create(base + "/scep?operation=GetCACaps")).GET());
        assertThat(caps.body().split("\n")).contains("POSTPKIOperation", "SCEPStandard");
        HttpResponse<byte[]> caCert = sendBytes(HttpRequest.newBuilder(URI.create(base + "/scep?operation=GetCACert")).GET());
        assertThat(caCert.statusCode()).isEqualTo(200);
        assertThat(caCert.headers().firstValue("Content-Type")).contains("application/x-x509-ca-cert");
        X509Certificate ca = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(caCert.body()));

        ScepTransaction phone = ScepTransaction.withNewKey(2048);
        HttpResponse<byte[]> enrolled = postPki(phone.pkcsReq(ca,
                phone.csr("CN=apple.alice@example.com,O=Latchkey", code)), "");
        assertThat(enrolled.statusCode()).isEqualTo(200);
        assertThat(enrolled.headers().firstValue("Content-Type")).contains("application/x-pki-message");
        CertRep rep = phone.read(enrolled.body(), List.of(ca));
        assertThat(rep.messageType()).isEqualTo("3");
        assertThat(rep.pkiStatus()).isEqualTo("0");
        assertThat(rep.transactionId()).isEqualTo(phone.transactionId());
        X509Certificate identity = rep.certificates().getFirst();
        assertThat(identity.getPublicKey()).isEqualTo(phone.keys().getPublic());
        var params = new PKIXParameters(Set.of(new TrustAnchor(ca, null)));
        params.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX").validate(
                CertificateFactory.getInstance("X.509").generateCertPath(List.of(identity)), params);

        // The issued certificate is recorded as the user's one device identity, unbound until a check-in.
        String fingerprint = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(identity.getEncoded()));
        List<DeviceIdentity> recorded = app.storage().deviceIdentities().listForUser(UUID.fromString(userId));
        assertThat(recorded).singleElement().satisfies(d -> {
            assertThat(d.fingerprint()).isEqualTo(fingerprint);
            assertThat(d.serialNumber()).isEqualTo(identity.getSerialNumber().toString(16));
            assertThat(d.channel()).isEqualTo(ChannelKind.APPLE_MDM);
            assertThat(d.notAfter()).isEqualTo(identity.getNotAfter().toInstant());
            assertThat(d.bound()).isFalse();
            assertThat(d.deviceId()).isNull();
            assertThat(d.externalId()).isNull();
            assertThat(d.revokedAt()).isNull();
        });

        // The code is spent: the same code again (GET with the message in the query) fails, as does the profile.
        ScepTransaction second = ScepTransaction.withNewKey(2048);
        String message = Base64.getUrlEncoder().withoutPadding().encodeToString(
                second.pkcsReq(ca, second.csr("CN=again", code)));
        HttpResponse<byte[]> again = sendBytes(HttpRequest.newBuilder(URI.create(base
                + "/scep?operation=PKIOperation&message=" + message)).GET());
        assertThat(again.statusCode()).isEqualTo(200);
        CertRep refused = second.read(again.body(), List.of(ca));
        assertThat(refused.pkiStatus()).isEqualTo("2");
        assertThat(refused.failInfo()).isEqualTo("2");
        assertThat(refused.certificates()).isEmpty();
        assertThat(app.storage().deviceIdentities().listForUser(UUID.fromString(userId))).hasSize(1);
        HttpResponse<String> spentProfile = send(HttpRequest.newBuilder(URI.create(base
                + "/enroll/apple/profile?code=" + code)).GET());
        assertThat(spentProfile.statusCode()).isEqualTo(404);
        assertThat(JSON.readTree(spentProfile.body()).at("/error/code").asText()).isEqualTo("not_found");
    }

    @Test
    void a_made_up_code_gets_a_failure_even_with_the_message_repeated_in_a_long_query() throws Exception {
        X509Certificate ca = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(sendBytes(HttpRequest.newBuilder(URI.create(base
                        + "/scep?operation=GetCACert")).GET()).body()));
        ScepTransaction device = ScepTransaction.withNewKey(2048);
        byte[] request = device.pkcsReq(ca, device.csr("CN=mallory", "0".repeat(64)));
        String repeated = URLEncoder.encode(Base64.getEncoder().encodeToString(request), StandardCharsets.UTF_8);
        assertThat(repeated.length()).isGreaterThan(2_000);

        HttpResponse<byte[]> reply = postPki(request, "&message=" + repeated + repeated + repeated + repeated);

        assertThat(reply.statusCode()).isEqualTo(200);
        CertRep rep = device.read(reply.body(), List.of(ca));
        assertThat(rep.pkiStatus()).isEqualTo("2");
        assertThat(rep.failInfo()).isEqualTo("2");
    }

    @Test
    void bad_input_at_every_new_endpoint_is_a_4xx_in_the_api_error_shape() throws Exception {
        String userId = user("apple.bob@example.com");
        assertError(send(HttpRequest.newBuilder(URI.create(base + "/api/v1/users/" + userId + "/enrollment-codes"))
                .POST(HttpRequest.BodyPublishers.noBody())), 401);
        assertError(send(admin("/api/v1/users/00000000-0000-0000-0000-000000000001/enrollment-codes")
                .POST(HttpRequest.BodyPublishers.noBody())), 404);
        assertError(send(admin("/api/v1/users/not-a-uuid/enrollment-codes")
                .POST(HttpRequest.BodyPublishers.noBody())), 400);
        assertError(send(admin("/api/v1/users/" + userId + "/enrollment-codes")
                .POST(HttpRequest.BodyPublishers.ofString("{\"channel\":\"amiga\"}"))), 400);
        assertError(send(admin("/api/v1/users/" + userId + "/enrollment-codes")
                .POST(HttpRequest.BodyPublishers.ofString("{nope"))), 400);
        assertThat(send(admin("/api/v1/users/" + userId + "/enrollment-codes")
                .POST(HttpRequest.BodyPublishers.noBody())).statusCode()).isEqualTo(201);

        assertError(get("/enroll/apple/profile"), 400);
        assertError(get("/enroll/apple/profile?code=nope"), 404);
        assertError(get("/enroll/apple/profile?code=" + "a".repeat(64)), 404);
        assertError(get("/scep"), 400);
        assertError(get("/scep?operation=GetNextCACert"), 400);
        assertError(get("/scep?operation=PKIOperation"), 400);
        assertError(get("/scep?operation=PKIOperation&message=%21%21%21%21"), 400);
        assertError(get("/scep?operation=PKIOperation&message=" + Base64.getUrlEncoder().encodeToString(
                "not a SCEP message".getBytes(StandardCharsets.UTF_8))), 400);
        assertError(send(HttpRequest.newBuilder(URI.create(base + "/scep?operation=PKIOperation"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {0x30, (byte) 0x82, 0x7f, 0x7f, 1, 2, 3}))), 400);
        assertError(send(HttpRequest.newBuilder(URI.create(base + "/scep?operation=PKIOperation"))
                .POST(HttpRequest.BodyPublishers.noBody())), 400);
        assertError(send(HttpRequest.newBuilder(URI.create(base + "/scep?operation=GetCACaps"))
                .POST(HttpRequest.BodyPublishers.noBody())), 400);
    }

    @Test
    void the_ca_and_its_password_file_persist_in_the_data_directory() throws Exception {
        Path dir = dataDir.resolve("apple");
        assertThat(dir.resolve("apple-device-ca.p12")).exists();
        assertThat(dir.resolve("ca.password")).exists();
        assertThat(Files.getPosixFilePermissions(dir.resolve("ca.password")).toString()).isEqualTo("[OWNER_READ, OWNER_WRITE]");
    }

    private static void assertError(HttpResponse<String> r, int status) throws Exception {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        JsonNode error = JSON.readTree(r.body()).get("error");
        assertThat(error.get("code").asText()).isNotBlank();
        assertThat(error.get("message").asText()).isNotBlank();
    }

    private static String user(String upn) throws Exception {
        HttpResponse<String> imported = send(admin("/api/v1/import").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"users\":[{\"userPrincipalName\":\"" + upn
                        + "\",\"displayName\":\"Test\"}]}")));
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
        JsonNode page = JSON.readTree(send(admin("/api/v1/users?search=" + upn).GET()).body());
        return page.get("items").get(0).get("id").asText();
    }

    private static NSDictionary payload(byte[] profile, String type) throws Exception {
        NSDictionary root = (NSDictionary) PropertyListParser.parse(profile);
        for (NSObject p : ((NSArray) root.get("PayloadContent")).getArray()) {
            NSDictionary d = (NSDictionary) p;
            if (type.equals(d.get("PayloadType").toJavaObject())) {
                return d;
            }
        }
        throw new AssertionError("no " + type + " payload");
    }

    private static HttpResponse<byte[]> postPki(byte[] message, String extraQuery) throws Exception {
        return sendBytes(HttpRequest.newBuilder(URI.create(base + "/scep?operation=PKIOperation" + extraQuery))
                .header("Content-Type", "application/x-pki-message")
                .POST(HttpRequest.BodyPublishers.ofByteArray(message)));
    }

    private static HttpRequest.Builder admin(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + TOKEN);
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    private static HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<byte[]> sendBytes(HttpRequest.Builder b) throws Exception {
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
