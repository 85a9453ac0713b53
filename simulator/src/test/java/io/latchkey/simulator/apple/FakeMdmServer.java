package io.latchkey.simulator.apple;

import com.dd.plist.NSArray;
import com.dd.plist.NSDictionary;
import com.dd.plist.NSString;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in MDM server for the simulator's tests, on the JDK's HTTP server: serves a profile shaped
 * like Latchkey's, SCEP through {@link FakeScepCa}, records check-ins and reports with their
 * Mdm-Signature checked, and hands out each device's queued commands NanoMDM-style (a NotNow'd command is skipped
 * for the rest of the session and offered again in the next).
 */
final class FakeMdmServer implements AutoCloseable {

    /** One MDM request as received. {@code signer} is null when Mdm-Signature is absent or does not verify. */
    record Recorded(String path, String method, String contentType, byte[] body, NSDictionary plist,
                    String signatureHeader, X509Certificate signer) {
    }

    final FakeScepCa ca = new FakeScepCa();
    final String topic = "com.apple.mgmt.External." + UUID.randomUUID();
    final String profileIdentifier = "io.latchkey.test.enrollment";
    final List<Recorded> checkins = new CopyOnWriteArrayList<>();
    final List<Recorded> reports = new CopyOnWriteArrayList<>();
    /** Reports carrying these CommandUUIDs are answered 503, as many times as counted. */
    private final Map<String, AtomicInteger> refuse = new java.util.concurrent.ConcurrentHashMap<>();
    volatile boolean signProfile;
    volatile boolean signMessage = true;

    private final HttpServer http;
    /** Per UDID, in order. */
    private final Map<String, Map<String, NSDictionary>> queues = new LinkedHashMap<>();
    private final Map<String, Set<String>> skippedThisSession = new LinkedHashMap<>();

    FakeMdmServer() throws IOException {
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        http.createContext("/profile", this::profile);
        http.createContext("/scep", this::scep);
        http.createContext("/mdm/checkin", ex -> mdm(ex, checkins, false));
        http.createContext("/mdm/connect", ex -> mdm(ex, reports, true));
        http.start();
    }

    URI base() {
        return URI.create("http://127.0.0.1:" + http.getAddress().getPort());
    }

    /** A profile URL whose SCEP challenge the CA accepts once. */
    URI profileUrl() {
        String challenge = UUID.randomUUID().toString();
        ca.allow(challenge);
        return profileUrl(challenge);
    }

    URI profileUrl(String challenge) {
        return base().resolve("/profile?challenge=" + challenge);
    }

    /** Queues a command for the device {@code udid}; returns its CommandUUID. */
    synchronized String enqueue(String udid, String requestType, Map<String, Object> keys) {
        NSDictionary command = new NSDictionary();
        command.put("RequestType", requestType);
        keys.forEach(command::put);
        NSDictionary wrapper = new NSDictionary();
        String uuid = UUID.randomUUID().toString().toUpperCase();
        wrapper.put("CommandUUID", uuid);
        wrapper.put("Command", command);
        queues.computeIfAbsent(udid, u -> new LinkedHashMap<>()).put(uuid, wrapper);
        return uuid;
    }

    void refuseResultsOf(String commandUuid, int times) {
        refuse.put(commandUuid, new AtomicInteger(times));
    }

    synchronized int queued() {
        return queues.values().stream().mapToInt(Map::size).sum();
    }

    List<Recorded> reportsFor(String commandUuid) {
        return reports.stream().filter(r -> Plists.string(r.plist(), "CommandUUID").filter(commandUuid::equals)
                .isPresent()).toList();
    }

    @Override
    public void close() {
        http.stop(0);
    }

    private void profile(HttpExchange ex) throws IOException {
        String challenge = URLDecoder.decode(ex.getRequestURI().getQuery().replace("challenge=", ""),
                StandardCharsets.UTF_8);
        byte[] body = Plists.xml(TestProfiles.profile(profileIdentifier, base().resolve("/scep"),
                base().resolve("/mdm/connect"), base().resolve("/mdm/checkin"), topic, challenge, signMessage));
        if (signProfile) {
            body = TestProfiles.sign(body);
        }
        reply(ex, 200, "application/x-apple-aspen-config", body);
    }

    private void scep(HttpExchange ex) throws IOException {
        String query = ex.getRequestURI().getQuery();
        try {
            if (query.contains("operation=GetCACaps")) {
                reply(ex, 200, "text/plain", "POSTPKIOperation\nSHA-256\nAES\nSCEPStandard\n".getBytes());
            } else if (query.contains("operation=GetCACert")) {
                reply(ex, 200, "application/x-x509-ca-cert", ca.certificate.getEncoded());
            } else if (query.contains("operation=PKIOperation") && ex.getRequestMethod().equals("POST")) {
                reply(ex, 200, "application/x-pki-message", ca.pkiOperation(ex.getRequestBody().readAllBytes()));
            } else {
                reply(ex, 400, "text/plain", new byte[0]);
            }
        } catch (Exception e) {
            reply(ex, 500, "text/plain", e.toString().getBytes());
        }
    }

    private void mdm(HttpExchange ex, List<Recorded> into, boolean commands) throws IOException {
        byte[] body = ex.getRequestBody().readAllBytes();
        String signature = ex.getRequestHeaders().getFirst("Mdm-Signature");
        NSDictionary plist = Plists.dictionary(body);
        into.add(new Recorded(ex.getRequestURI().getPath(), ex.getRequestMethod(),
                ex.getRequestHeaders().getFirst("Content-Type"), body, plist, signature, verify(signature, body)));
        AtomicInteger refusals = Plists.string(plist, "CommandUUID").map(refuse::get).orElse(null);
        if (refusals != null && refusals.getAndDecrement() > 0) {
            reply(ex, 503, "text/plain", new byte[0]);
            return;
        }
        NSDictionary next = commands ? next(plist) : null;
        reply(ex, 200, next == null ? "text/plain" : "application/xml",
                next == null ? new byte[0] : Plists.xml(next));
    }

    private synchronized NSDictionary next(NSDictionary report) {
        String udid = Plists.string(report, "UDID").orElse("");
        Map<String, NSDictionary> queue = queues.computeIfAbsent(udid, u -> new LinkedHashMap<>());
        Set<String> skip = skippedThisSession.computeIfAbsent(udid, u -> new HashSet<>());
        String status = Plists.string(report, "Status").orElse("");
        Plists.string(report, "CommandUUID").ifPresent(uuid -> {
            if (status.equals("NotNow")) {
                skip.add(uuid);
            } else {
                queue.remove(uuid);
            }
        });
        if (status.equals("Idle")) {
            skip.clear();
        }
        return queue.entrySet().stream().filter(e -> !skip.contains(e.getKey())).map(Map.Entry::getValue)
                .findFirst().orElse(null);
    }

    /** The signer's certificate when Mdm-Signature is a detached CMS signature over exactly {@code body}. */
    static X509Certificate verify(String header, byte[] body) {
        if (header == null) {
            return null;
        }
        try {
            CMSSignedData s = new CMSSignedData(new CMSProcessableByteArray(body), Base64.getDecoder().decode(header));
            SignerInformation si = s.getSignerInfos().getSigners().iterator().next();
            X509CertificateHolder h = (X509CertificateHolder) s.getCertificates().getMatches(si.getSID())
                    .iterator().next();
            if (!si.verify(new JcaSimpleSignerInfoVerifierBuilder().setProvider(Crypto.BC).build(h))) {
                return null;
            }
            return new JcaX509CertificateConverter().setProvider(Crypto.BC).getCertificate(h);
        } catch (Exception e) {
            return null;
        }
    }

    private static void reply(HttpExchange ex, int status, String contentType, byte[] body) throws IOException {
        ex.getResponseHeaders().set("Content-Type", contentType);
        ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            ex.getResponseBody().write(body);
        }
        ex.close();
    }

    static NSArray strings(String... values) {
        NSString[] s = new NSString[values.length];
        for (int i = 0; i < values.length; i++) {
            s[i] = new NSString(values[i]);
        }
        return new NSArray(s);
    }
}
