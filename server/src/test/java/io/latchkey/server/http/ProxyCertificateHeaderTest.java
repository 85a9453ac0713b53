package io.latchkey.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.latchkey.core.enrollment.DeviceIdentity;
import io.latchkey.server.App;
import io.latchkey.server.config.Option;
import io.latchkey.server.config.Settings;
import io.latchkey.server.config.SettingsLoader;
import io.latchkey.simulator.apple.ScepTransaction;
import io.latchkey.simulator.apple.ScepTransaction.CertRep;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A TLS-terminating proxy forwards the device's identity certificate in a header
 * ({@code apple.identity.header}); the server reads it only from the proxies it trusts
 * ({@code apple.identity.proxies}). Real server, real SCEP enrollment, the real Authenticate
 * captures, and no Mdm-Signature unless stated.
 */
class ProxyCertificateHeaderTest {
    private static final String TOKEN = "lk_proxy-header-token-0123456789";
    private static final String HEADER = "X-Client-Cert";
    private static final String CHECKIN_TYPE = "application/x-apple-aspen-mdm-checkin";
    private static final String IPAD_UDID = "663b07bb783e9ade1dae4fbb92ea12afc0ce5b69";
    private static final String IMAC_UDID = "66ADE930-5FDF-5EC4-8429-15640684C489";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TempDir
    static Path tmp;
    static Server trusting;
    static Enrolled ipad;
    static Enrolled imac;

    @BeforeAll
    static void start() throws Exception {
        trusting = Server.start(tmp.resolve("trusting"), Map.of(Option.APPLE_IDENTITY_HEADER, HEADER,
                Option.APPLE_IDENTITY_PROXIES, "127.0.0.1/32"));
        ipad = trusting.enroll("proxy.ipad@example.com");
        imac = trusting.enroll("proxy.imac@example.com");
    }

    @AfterAll
    static void stop() {
        if (trusting != null) {
            trusting.close();
        }
    }

    @Test
    void a_url_escaped_pem_from_the_trusted_proxy_identifies_the_device() throws Exception {
        int status = trusting.checkin(capture("Authenticate.1.plist"), Map.of(HEADER, escapedPem(ipad.certificate)));

        assertThat(status).isEqualTo(200);
        DeviceIdentity bound = trusting.identity(ipad.certificate);
        assertThat(bound.bound()).isTrue();
        assertThat(bound.externalId()).isEqualTo(IPAD_UDID);
        assertThat(trusting.app.storage().devices().findByExternalId(IPAD_UDID)).hasValueSatisfying(
                d -> assertThat(d.id()).isEqualTo(bound.deviceId()));
    }

    @Test
    void an_rfc_9440_header_identifies_another_device() throws Exception {
        String rfc9440 = ":" + Base64.getEncoder().encodeToString(imac.certificate.getEncoded()) + ":";

        int status = trusting.checkin(capture("Authenticate.2.plist"), Map.of(HEADER, rfc9440));

        assertThat(status).isEqualTo(200);
        DeviceIdentity bound = trusting.identity(imac.certificate);
        assertThat(bound.externalId()).isEqualTo(IMAC_UDID);
        assertThat(trusting.app.storage().devices().findByExternalId(IMAC_UDID)).isPresent();
    }

    @Test
    void a_header_that_is_not_a_certificate_is_401() throws Exception {
        String pem = escapedPem(ipad.certificate);
        List<String> garbage = List.of("garbage", "", "::", ":not base64!:", ":" + "QUJD" + ":",
                pem.substring(0, pem.length() / 2), pem.replace("M", "%"), "x".repeat(20_000),
                "-----BEGIN%20CERTIFICATE-----%0AaGVsbG8%3D%0A-----END%20CERTIFICATE-----");

        for (String value : garbage) {
            assertThat(trusting.checkin(capture("Authenticate.1.plist"), Map.of(HEADER, value)))
                    .as("header '%s'", value.length() > 60 ? value.substring(0, 60) + "…" : value).isEqualTo(401);
        }
    }

    @Test
    void a_certificate_this_server_did_not_issue_is_403() throws Exception {
        KeyPair caKeys = rsa();
        X509Certificate foreignCa = certificate("CN=Foreign Device CA", caKeys.getPublic(), "CN=Foreign Device CA",
                caKeys.getPrivate(), true);
        X509Certificate foreignDevice = certificate("CN=proxy.ipad@example.com", rsa().getPublic(),
                "CN=Foreign Device CA", caKeys.getPrivate(), false);
        // Our CA's name as issuer, signed by another key.
        X509Certificate forgedIssuer = certificate("CN=proxy.ipad@example.com", rsa().getPublic(),
                trusting.ca.getSubjectX500Principal().getName(), caKeys.getPrivate(), false);

        for (X509Certificate cert : List.of(foreignDevice, foreignCa, forgedIssuer, trusting.ca)) {
            assertThat(trusting.checkin(capture("Authenticate.1.plist"), Map.of(HEADER, escapedPem(cert))))
                    .as(cert.getSubjectX500Principal() + " issued by " + cert.getIssuerX500Principal())
                    .isEqualTo(403);
        }
        assertThat(trusting.checkin(capture("Authenticate.1.plist"), Map.of(HEADER,
                ":" + Base64.getEncoder().encodeToString(foreignDevice.getEncoded()) + ":"))).isEqualTo(403);
    }

    @Test
    void a_proxy_outside_the_trusted_ranges_is_ignored() throws Exception {
        headerIsIgnored(Map.of(Option.APPLE_IDENTITY_HEADER, HEADER, Option.APPLE_IDENTITY_PROXIES, "10.0.0.0/8"),
                "untrusted-proxy");
    }

    @Test
    void without_the_option_the_header_is_ignored() throws Exception {
        headerIsIgnored(Map.of(), "no-header-option");
    }

    /**
     * An identity this server issued, sent in the header: ignored, so 401 (no signature). The same
     * identity signing the same body is then accepted, so the 401 was the header's doing.
     */
    private static void headerIsIgnored(Map<Option, String> options, String name) throws Exception {
        try (Server server = Server.start(tmp.resolve(name), options)) {
            Enrolled device = server.enroll(name + "@example.com");
            byte[] body = capture("Authenticate.1.plist");

            assertThat(server.checkin(body, Map.of(HEADER, escapedPem(device.certificate)))).isEqualTo(401);
            assertThat(server.checkin(body, Map.of(HEADER, ":" + Base64.getEncoder().encodeToString(
                    device.certificate.getEncoded()) + ":"))).isEqualTo(401);
            assertThat(server.identity(device.certificate).bound()).isFalse();

            assertThat(server.checkin(body, Map.of("Mdm-Signature", sign(body, device)))).isEqualTo(200);
            assertThat(server.identity(device.certificate).externalId()).isEqualTo(IPAD_UDID);
        }
    }

    /** An identity certificate issued through SCEP, with the device's private key. */
    private record Enrolled(X509Certificate certificate, PrivateKey key) {
    }

    /** One real server on a free port with its own data directory and an administrator token. */
    private static final class Server implements AutoCloseable {
        final App app;
        final String base;
        final X509Certificate ca;

        private Server(App app, String base) throws Exception {
            this.app = app;
            this.base = base;
            HttpResponse<byte[]> caCert = HTTP.send(HttpRequest.newBuilder(URI.create(base
                    + "/scep?operation=GetCACert")).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            this.ca = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(caCert.body()));
        }

        static Server start(Path dataDir, Map<Option, String> options) throws Exception {
            Map<Option, String> flags = new HashMap<>(options);
            flags.put(Option.PORT, "0");
            flags.put(Option.BIND, "127.0.0.1");
            flags.put(Option.DATA_DIR, dataDir.toString());
            flags.put(Option.BOOTSTRAP_ADMIN_TOKEN, TOKEN);
            Settings settings = SettingsLoader.load(flags, null, Map.of());
            App app = App.open(settings);
            try {
                app.bootstrap(settings.bootstrapAdminUser(), null, TOKEN);
                return new Server(app, "http://127.0.0.1:" + app.serve());
            } catch (Exception | AssertionError e) {
                app.close();
                throw e;
            }
        }

        /** A user, a one-time code for it, and a SCEP enrollment with that code, as a device does it. */
        Enrolled enroll(String upn) throws Exception {
            HttpResponse<String> imported = send(admin("/api/v1/import").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"users\":[{\"userPrincipalName\":\"" + upn
                            + "\",\"displayName\":\"Proxy test\"}]}")));
            assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
            String userId = JSON.readTree(send(admin("/api/v1/users?search=" + upn).GET()).body())
                    .at("/items/0/id").asText();
            HttpResponse<String> issued = send(admin("/api/v1/users/" + userId + "/enrollment-codes")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"channel\":\"apple\"}")));
            assertThat(issued.statusCode()).as(issued.body()).isEqualTo(201);
            String code = JSON.readTree(issued.body()).get("code").asText();

            ScepTransaction device = ScepTransaction.withNewKey(2048);
            HttpResponse<byte[]> reply = HTTP.send(HttpRequest.newBuilder(URI.create(base
                            + "/scep?operation=PKIOperation")).header("Content-Type", "application/x-pki-message")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(device.pkcsReq(ca, device.csr("CN=" + upn, code))))
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(reply.statusCode()).isEqualTo(200);
            CertRep rep = device.read(reply.body(), List.of(ca));
            assertThat(rep.pkiStatus()).as("SCEP pkiStatus").isEqualTo("0");
            return new Enrolled(rep.certificates().getFirst(), device.keys().getPrivate());
        }

        int checkin(byte[] body, Map<String, String> headers) throws Exception {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/mdm/checkin"))
                    .header("Content-Type", CHECKIN_TYPE).PUT(HttpRequest.BodyPublishers.ofByteArray(body));
            headers.forEach(b::header);
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        }

        DeviceIdentity identity(X509Certificate cert) throws Exception {
            return app.storage().deviceIdentities().findByFingerprint(DeviceIdentity.fingerprint(cert.getEncoded()))
                    .orElseThrow(() -> new AssertionError("no identity recorded for " + cert.getSubjectX500Principal()));
        }

        private HttpRequest.Builder admin(String path) {
            return HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + TOKEN);
        }

        private static HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
            return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        }

        @Override
        public void close() {
            app.close();
        }
    }

    /** nginx's {@code $ssl_client_escaped_cert}: the PEM, URL-escaped. */
    private static String escapedPem(X509Certificate cert) throws Exception {
        String pem = "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(cert.getEncoded())
                + "\n-----END CERTIFICATE-----\n";
        return URLEncoder.encode(pem, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The Mdm-Signature a device sends: base64 of a detached CMS SignedData over the body. */
    private static String sign(byte[] body, Enrolled device) throws Exception {
        CMSSignedDataGenerator gen = new CMSSignedDataGenerator();
        gen.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
                .build(new JcaContentSignerBuilder("SHA256withRSA").build(device.key()), device.certificate()));
        gen.addCertificates(new JcaCertStore(List.of(device.certificate())));
        return Base64.getEncoder().encodeToString(gen.generate(new CMSProcessableByteArray(body), false).getEncoded());
    }

    private static KeyPair rsa() throws Exception {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
        gen.initialize(2048);
        return gen.generateKeyPair();
    }

    private static X509Certificate certificate(String subject, java.security.PublicKey key, String issuer,
                                               PrivateKey issuerKey, boolean ca) throws Exception {
        Instant now = Instant.now();
        var b = new JcaX509v3CertificateBuilder(new X500Name(issuer), BigInteger.valueOf(now.toEpochMilli()),
                Date.from(now.minusSeconds(60)), Date.from(now.plusSeconds(86_400)), new X500Name(subject), key);
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        return new JcaX509CertificateConverter().getCertificate(
                b.build(new JcaContentSignerBuilder("SHA256withRSA").build(issuerKey)));
    }

    private static byte[] capture(String name) {
        return AppleCaptures.bytes(name);
    }
}
