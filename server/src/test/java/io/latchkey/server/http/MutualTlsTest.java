package io.latchkey.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.latchkey.server.App;
import io.latchkey.server.config.Option;
import io.latchkey.server.config.Settings;
import io.latchkey.server.config.SettingsLoader;
import io.latchkey.simulator.apple.ScepTransaction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 3 item 2, the first way: Latchkey serves HTTPS itself ({@code tls.keystore}) and the device
 * proves who it is with its identity certificate as TLS client certificate, with no Mdm-Signature.
 * Enrolling (API, SCEP) works over the same port without a client certificate.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MutualTlsTest {
    private static final String TOKEN = "lk_mtls-test-token-0123456789";
    private static final String PASSWORD = "tls-test-password";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    App app;
    String base;
    X509Certificate serverCert;
    HttpClient anonymous;

    @BeforeAll
    void start() throws Exception {
        TestTls tls = TestTls.write(dir);
        serverCert = tls.certificate();
        Settings settings = SettingsLoader.load(Map.of(Option.PORT, "0", Option.BIND, "127.0.0.1",
                Option.DATA_DIR, dir.resolve("data").toString(), Option.BOOTSTRAP_ADMIN_TOKEN, TOKEN,
                Option.TLS_KEYSTORE, tls.keystore().toString(), Option.TLS_KEYSTORE_PASSWORD, tls.password()), null,
                Map.of());
        app = App.open(settings);
        app.bootstrap(settings.bootstrapAdminUser(), null, TOKEN);
        base = "https://localhost:" + app.serve();
        anonymous = client(null, null);
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void aDeviceCheckingInWithItsIdentityAsTlsClientCertificateIsAcceptedAndOneWithoutIsNot() throws Exception {
        // Enrollment over HTTPS without a client certificate.
        post("/api/v1/import", "{\"users\":[{\"userPrincipalName\":\"tls@example.com\",\"displayName\":\"TLS\"}]}");
        String userId = JSON.readTree(get("/api/v1/users?search=tls@example.com")).at("/items/0/id").asText();
        String code = JSON.readTree(post("/api/v1/users/" + userId + "/enrollment-codes", "{\"channel\":\"apple\"}"))
                .get("code").asText();
        X509Certificate ca = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(anonymous.send(HttpRequest.newBuilder(URI.create(base
                        + "/scep?operation=GetCACert")).build(), HttpResponse.BodyHandlers.ofByteArray()).body()));
        ScepTransaction device = ScepTransaction.withNewKey(2048);
        HttpResponse<byte[]> reply = anonymous.send(HttpRequest.newBuilder(URI.create(base + "/scep?operation=PKIOperation"))
                .header("Content-Type", "application/x-pki-message")
                .POST(HttpRequest.BodyPublishers.ofByteArray(device.pkcsReq(ca, device.csr("CN=tls", code))))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        X509Certificate identity = device.read(reply.body(), List.of(ca)).certificates().getFirst();
        byte[] authenticate = AppleCaptures.bytes("Authenticate.1.plist");

        HttpClient asDevice = client(device.keys().getPrivate(), identity);
        int withCertificate = checkin(asDevice, authenticate);
        int withoutCertificate = checkin(anonymous, authenticate);

        assertThat(withCertificate).isEqualTo(200);
        assertThat(withoutCertificate).isEqualTo(401);
        assertThat(app.storage().devices().findByExternalId("663b07bb783e9ade1dae4fbb92ea12afc0ce5b69")).isPresent();
    }

    @Test
    void profilesPointDevicesAtTheHttpsUrl() throws Exception {
        assertThat(base).startsWith("https://");
        assertThat(get("/healthz")).contains("up");
    }

    private int checkin(HttpClient client, byte[] body) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(base + "/mdm/checkin"))
                .header("Content-Type", "application/x-apple-aspen-mdm-checkin")
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    private String get(String path) throws Exception {
        return anonymous.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + TOKEN)
                .build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private String post(String path, String json) throws Exception {
        HttpResponse<String> r = anonymous.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isLessThan(300);
        return r.body();
    }

    /** Trusts the test server's certificate; presents {@code cert} when given. */
    private HttpClient client(PrivateKey key, X509Certificate cert) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("server", serverCert);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        KeyStore identity = KeyStore.getInstance("PKCS12");
        identity.load(null, null);
        if (key != null) {
            identity.setKeyEntry("device", key, PASSWORD.toCharArray(), new Certificate[] {cert});
        }
        kmf.init(identity, PASSWORD.toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(tls).build();
    }
}
