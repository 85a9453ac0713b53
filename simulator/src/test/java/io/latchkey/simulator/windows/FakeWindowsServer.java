package io.latchkey.simulator.windows;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.w3c.dom.Element;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Date;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stand-in Windows MDM server for the simulator's tests, on the JDK's HTTP(S) server: answers
 * discovery, GetPolicies and RequestSecurityToken like the captured proof-of-concept server did (but
 * well-formed), issues device certificates from a throw-away BouncyCastle CA, and runs OMA-DM sessions
 * handing out each device's queued commands in its first reply. Everything received is recorded.
 */
final class FakeWindowsServer implements AutoCloseable {

    static final String PROVIDER_ID = "Latchkey Test";
    static final String PROXY_HEADER = "X-Client-Cert";

    /** One request as received; {@code clientCertificate} is the TLS peer's, or null. */
    record Recorded(String path, String query, Map<String, List<String>> headers, String body,
                    X509Certificate clientCertificate) {
        Element xml() {
            return Xml.parse(body);
        }

        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }
    }

    final List<Recorded> enrollment = new CopyOnWriteArrayList<>();
    final List<Recorded> management = new CopyOnWriteArrayList<>();
    final Map<String, String> passwords = new ConcurrentHashMap<>();
    /** The server's answer at the end of a session: an empty body (README capture) or statuses only (dump). */
    volatile boolean emptyBodyAtEnd;
    /** A GetPolicies response naming SHA-256 as the hash, to see the device follow it. */
    volatile boolean sha256Policy;

    private final KeyPair caKeys;
    final X509Certificate ca;
    private final HttpServer http;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final boolean https;
    private final X509Certificate tlsCertificate;
    private final Map<String, Deque<String>> queues = new ConcurrentHashMap<>();
    private final AtomicLong serials = new AtomicLong(2);

    FakeWindowsServer() throws Exception {
        this(false);
    }

    /** {@code https}: TLS with a certificate for 127.0.0.1 from the CA, asking for (not requiring) client certificates. */
    FakeWindowsServer(boolean https) throws Exception {
        this.https = https;
        caKeys = rsa();
        X500Name caName = new X500Name("CN=Latchkey Test Device CA, O=Latchkey");
        ca = certificate(caName, caKeys, caName, caKeys.getPublic(), true, null);
        InetSocketAddress any = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        if (https) {
            KeyPair tlsKeys = rsa();
            tlsCertificate = certificate(caName, caKeys, new X500Name("CN=127.0.0.1"), tlsKeys.getPublic(), false,
                    new GeneralNames(new GeneralName(GeneralName.iPAddress, "127.0.0.1")));
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("tls", tlsKeys.getPrivate(), "x".toCharArray(), new Certificate[] {tlsCertificate, ca});
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(store, "x".toCharArray());
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(kmf.getKeyManagers(), new TrustManager[] {trustAnyClient()}, null);
            HttpsServer s = HttpsServer.create(any, 0);
            s.setHttpsConfigurator(new HttpsConfigurator(tls) {
                @Override
                public void configure(HttpsParameters params) {
                    var p = tls.getDefaultSSLParameters();
                    p.setWantClientAuth(true);
                    params.setSSLParameters(p);
                }
            });
            http = s;
        } else {
            tlsCertificate = null;
            http = HttpServer.create(any, 0);
        }
        http.setExecutor(executor);
        http.createContext("/EnrollmentServer/Discovery.svc", this::discovery);
        http.createContext("/EnrollmentServer/Policy.svc", this::policy);
        http.createContext("/EnrollmentServer/Enrollment.svc", this::enroll);
        http.createContext("/ManagementServer/MDM.svc", this::manage);
        http.start();
    }

    URI base() {
        return URI.create((https ? "https" : "http") + "://127.0.0.1:" + http.getAddress().getPort());
    }

    URI discoveryUrl() {
        return base().resolve("/EnrollmentServer/Discovery.svc");
    }

    /** Commands for {@code deviceId}'s next session, SyncML fragments; each {@code <CmdID/>} is numbered in turn. */
    void enqueue(String deviceId, String... commands) {
        Deque<String> q = queues.computeIfAbsent(deviceId, d -> new ArrayDeque<>());
        synchronized (q) {
            q.addAll(List.of(commands));
        }
    }

    /** The management messages {@code deviceId} sent, parsed. */
    List<Element> messagesFrom(String deviceId) {
        return management.stream().map(Recorded::xml)
                .filter(x -> Xml.path(x, "SyncHdr", "Source", "LocURI").map(Xml::text).orElse("").equals(deviceId))
                .toList();
    }

    private void discovery(HttpExchange ex) throws IOException {
        Recorded r = record(ex, enrollment);
        if ("GET".equals(ex.getRequestMethod())) {
            reply(ex, 200, "", null);
            return;
        }
        String messageId = Xml.text(r.xml(), "MessageID").orElse("");
        reply(ex, 200, soap(EnrollmentMessages.DISCOVERY + "/IDiscoveryService/DiscoverResponse", messageId,
                "<DiscoverResponse xmlns=\"" + EnrollmentMessages.DISCOVERY + "\"><DiscoverResult>"
                        + "<AuthPolicy>OnPremise</AuthPolicy><EnrollmentVersion>4.0</EnrollmentVersion>"
                        + "<EnrollmentPolicyServiceUrl>" + base() + "/EnrollmentServer/Policy.svc</EnrollmentPolicyServiceUrl>"
                        + "<EnrollmentServiceUrl>" + base() + "/EnrollmentServer/Enrollment.svc</EnrollmentServiceUrl>"
                        + "</DiscoverResult></DiscoverResponse>"), WindowsDeviceHttp.SOAP_CONTENT_TYPE);
    }

    private void policy(HttpExchange ex) throws IOException {
        Recorded r = record(ex, enrollment);
        Element x = r.xml();
        if (!authorised(x)) {
            reply(ex, 500, fault("s:authentication", "bad credentials"), WindowsDeviceHttp.SOAP_CONTENT_TYPE);
            return;
        }
        String hash = sha256Policy ? "<hashAlgorithmOIDReference>7</hashAlgorithmOIDReference>"
                : "<hashAlgorithmOIDReference xsi:nil=\"true\"/>";
        reply(ex, 200, soap(EnrollmentMessages.POLICY + "/IPolicy/GetPoliciesResponse", Xml.text(x, "MessageID").orElse(""),
                "<GetPoliciesResponse xmlns=\"" + EnrollmentMessages.POLICY + "\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
                        + "<response><policies><policy><attributes><policySchema>3</policySchema>"
                        + "<privateKeyAttributes><minimalKeyLength>2048</minimalKeyLength>"
                        + "<algorithmOIDReference xsi:nil=\"true\"/></privateKeyAttributes>" + hash
                        + "</attributes></policy></policies></response><oIDs>"
                        + "<oID><value>1.3.6.1.4.1.311.20.2</value><group>1</group><oIDReferenceID>5</oIDReferenceID>"
                        + "<defaultName>Certificate Template Name</defaultName></oID>"
                        + "<oID><value>2.16.840.1.101.3.4.2.1</value><group>1</group><oIDReferenceID>7</oIDReferenceID>"
                        + "<defaultName>sha256</defaultName></oID></oIDs></GetPoliciesResponse>"),
                WindowsDeviceHttp.SOAP_CONTENT_TYPE);
    }

    private void enroll(HttpExchange ex) throws IOException {
        Recorded r = record(ex, enrollment);
        Element x = r.xml();
        if (!authorised(x)) {
            reply(ex, 500, fault("s:authentication", "bad credentials"), WindowsDeviceHttp.SOAP_CONTENT_TYPE);
            return;
        }
        try {
            String b64 = Xml.text(x, "BinarySecurityToken").orElseThrow();
            PKCS10CertificationRequest csr = new PKCS10CertificationRequest(Base64.getMimeDecoder().decode(b64));
            if (!csr.isSignatureValid(new JcaContentVerifierProviderBuilder().build(csr.getSubjectPublicKeyInfo()))) {
                reply(ex, 500, fault("s:certificaterequest", "bad CSR signature"), WindowsDeviceHttp.SOAP_CONTENT_TYPE);
                return;
            }
            String deviceId = Xml.findAll(x, "ContextItem").stream()
                    .filter(c -> "DeviceID".equals(c.getAttribute("Name"))).map(c -> Xml.text(c, "Value").orElse(""))
                    .findFirst().orElseThrow();
            X509Certificate device = certificate(new X500Name("CN=Latchkey Test Device CA, O=Latchkey"), caKeys,
                    new X500Name("CN=" + deviceId), new JcaPEMKey(csr).key(), false, null);
            String doc = provisioningDoc(device);
            reply(ex, 200, soap(EnrollmentMessages.WSTEP + "/RSTRC/wstep", Xml.text(x, "MessageID").orElse(""),
                    "<RequestSecurityTokenResponseCollection xmlns=\"" + EnrollmentMessages.TRUST + "\">"
                            + "<RequestSecurityTokenResponse><TokenType>" + EnrollmentMessages.TOKEN_TYPE + "</TokenType>"
                            + "<DispositionMessage xmlns=\"" + EnrollmentMessages.WSTEP + "\"></DispositionMessage>"
                            + "<RequestedSecurityToken><BinarySecurityToken xmlns=\"" + EnrollmentMessages.WSSE
                            + "\" ValueType=\"" + EnrollmentMessages.PROVISION_DOC + "\" EncodingType=\""
                            + EnrollmentMessages.BASE64_BINARY + "\">"
                            + Base64.getEncoder().encodeToString(doc.getBytes(StandardCharsets.UTF_8))
                            + "</BinarySecurityToken></RequestedSecurityToken>"
                            + "<RequestID xmlns=\"" + EnrollmentMessages.WSTEP + "\">0</RequestID>"
                            + "</RequestSecurityTokenResponse></RequestSecurityTokenResponseCollection>"),
                    WindowsDeviceHttp.SOAP_CONTENT_TYPE);
        } catch (Exception e) {
            reply(ex, 500, fault("s:enrollmentserver", e.toString()), WindowsDeviceHttp.SOAP_CONTENT_TYPE);
        }
    }

    private String provisioningDoc(X509Certificate device) throws Exception {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><wap-provisioningdoc version=\"1.1\">"
                + "<characteristic type=\"CertificateStore\"><characteristic type=\"Root\"><characteristic type=\"System\">"
                + "<characteristic type=\"" + thumbprint(ca) + "\"><parm name=\"EncodedCertificate\" value=\""
                + Base64.getEncoder().encodeToString(ca.getEncoded()) + "\" /></characteristic></characteristic></characteristic>"
                + "<characteristic type=\"My\"><characteristic type=\"User\"><characteristic type=\"" + thumbprint(device)
                + "\"><parm name=\"EncodedCertificate\" value=\"" + Base64.getEncoder().encodeToString(device.getEncoded())
                + "\" /></characteristic><characteristic type=\"PrivateKeyContainer\" /></characteristic></characteristic>"
                + "</characteristic>"
                + "<characteristic type=\"APPLICATION\"><parm name=\"APPID\" value=\"w7\" />"
                + "<parm name=\"PROVIDER-ID\" value=\"" + PROVIDER_ID + "\" /><parm name=\"NAME\" value=\"Latchkey\" />"
                + "<parm name=\"ADDR\" value=\"" + base() + "/ManagementServer/MDM.svc\" />"
                + "<parm name=\"ROLE\" value=\"4294967295\" /><parm name=\"BACKCOMPATRETRYDISABLED\" />"
                + "<parm name=\"DEFAULTENCODING\" value=\"application/vnd.syncml.dm+xml\" /></characteristic>"
                + "<characteristic type=\"DMClient\"><characteristic type=\"Provider\"><characteristic type=\"" + PROVIDER_ID
                + "\"><characteristic type=\"Poll\"><parm name=\"NumberOfFirstRetries\" value=\"8\" datatype=\"integer\" />"
                + "<parm name=\"IntervalForRemainingScheduledRetries\" value=\"1560\" datatype=\"integer\" />"
                + "</characteristic></characteristic></characteristic></characteristic></wap-provisioningdoc>";
    }

    private void manage(HttpExchange ex) throws IOException {
        Recorded r = record(ex, management);
        Element x = r.xml();
        String deviceId = Xml.path(x, "SyncHdr", "Source", "LocURI").map(Xml::text).orElse("");
        String sessionId = Xml.path(x, "SyncHdr", "SessionID").map(Xml::text).orElse("");
        String msgId = Xml.path(x, "SyncHdr", "MsgID").map(Xml::text).orElse("");
        List<Element> commands = DmTree.commands(Xml.child(x, "SyncBody").orElseThrow());
        StringBuilder body = new StringBuilder();
        int[] id = {1};
        status(body, id, msgId, "0", "SyncHdr");
        for (Element c : commands) {
            status(body, id, msgId, Xml.child(c, "CmdID").map(Xml::text).orElse(""), Xml.localName(c));
        }
        Deque<String> q = queues.getOrDefault(deviceId, new ArrayDeque<>());
        boolean sent = false;
        if ("1".equals(msgId)) {
            synchronized (q) {
                while (!q.isEmpty()) {
                    String fragment = q.removeFirst();
                    while (fragment.contains("<CmdID/>")) {
                        fragment = fragment.replaceFirst("<CmdID/>", "<CmdID>" + id[0]++ + "</CmdID>");
                    }
                    body.append(fragment);
                    sent = true;
                }
            }
        }
        if (!sent && emptyBodyAtEnd && !"1".equals(msgId)) {
            reply(ex, 200, "", null);
            return;
        }
        int serverMsgId = Integer.parseInt(msgId);
        reply(ex, 200, "<?xml version=\"1.0\" encoding=\"UTF-8\"?><SyncML xmlns=\"SYNCML:SYNCML1.2\"><SyncHdr>"
                + "<VerDTD>1.2</VerDTD><VerProto>DM/1.2</VerProto><SessionID>" + sessionId + "</SessionID>"
                + "<MsgID>" + serverMsgId + "</MsgID><Target><LocURI>" + deviceId + "</LocURI></Target>"
                + "<Source><LocURI>" + base() + "/ManagementServer/MDM.svc</LocURI></Source></SyncHdr><SyncBody>"
                + body + "<Final /></SyncBody></SyncML>", WindowsDeviceHttp.SYNCML_CONTENT_TYPE);
    }

    private static void status(StringBuilder b, int[] id, String msgRef, String cmdRef, String cmd) {
        b.append("<Status><CmdID>").append(id[0]++).append("</CmdID><MsgRef>").append(msgRef).append("</MsgRef><CmdRef>")
                .append(cmdRef).append("</CmdRef><Cmd>").append(cmd).append("</Cmd><Data>200</Data></Status>");
    }

    private boolean authorised(Element soap) {
        String user = Xml.text(soap, "Username").orElse("");
        String password = Xml.text(soap, "Password").orElse("");
        return password.equals(passwords.get(user));
    }

    private static String soap(String action, String relatesTo, String body) {
        return "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\" xmlns:a=\"http://www.w3.org/2005/08/addressing\">"
                + "<s:Header><a:Action s:mustUnderstand=\"1\">" + action + "</a:Action><a:RelatesTo>" + relatesTo
                + "</a:RelatesTo></s:Header><s:Body>" + body + "</s:Body></s:Envelope>";
    }

    private static String fault(String subcode, String reason) {
        return "<s:Envelope xmlns:s=\"http://www.w3.org/2003/05/soap-envelope\"><s:Body><s:Fault><s:Code>"
                + "<s:Value>s:Receiver</s:Value><s:Subcode><s:Value>" + subcode + "</s:Value></s:Subcode></s:Code>"
                + "<s:Reason><s:Text xml:lang=\"en-US\">" + Xml.escape(reason) + "</s:Text></s:Reason></s:Fault></s:Body></s:Envelope>";
    }

    private Recorded record(HttpExchange ex, List<Recorded> into) throws IOException {
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        X509Certificate peer = null;
        if (ex instanceof HttpsExchange tls) {
            try {
                peer = (X509Certificate) tls.getSSLSession().getPeerCertificates()[0];
            } catch (SSLPeerUnverifiedException e) {
                peer = null;
            }
        }
        Recorded r = new Recorded(ex.getRequestURI().getPath(), ex.getRequestURI().getRawQuery(),
                Map.copyOf(ex.getRequestHeaders()), body, peer);
        into.add(r);
        return r;
    }

    private static void reply(HttpExchange ex, int status, String body, String contentType) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        if (contentType != null) {
            ex.getResponseHeaders().set("Content-Type", contentType);
        }
        ex.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
        if (b.length > 0) {
            ex.getResponseBody().write(b);
        }
        ex.close();
    }

    /** The certificate a proxy forwarded in {@link #PROXY_HEADER}, decoded. */
    static X509Certificate forwarded(Recorded r) {
        String pem = URLDecoder.decode(r.header(PROXY_HEADER), StandardCharsets.UTF_8);
        return WindowsCrypto.certificate(pem.replaceAll("-----[A-Z ]+-----", ""));
    }

    static String thumbprint(X509Certificate c) throws Exception {
        return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-1").digest(c.getEncoded()));
    }

    private static KeyPair rsa() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        return g.generateKeyPair();
    }

    private X509Certificate certificate(X500Name issuer, KeyPair issuerKeys, X500Name subject, java.security.PublicKey key,
                                        boolean isCa, GeneralNames san) throws Exception {
        Instant now = Instant.now();
        var b = new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(serials.getAndIncrement()),
                Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(Duration.ofDays(30))), subject, key);
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
        if (san != null) {
            b.addExtension(Extension.subjectAlternativeName, false, san);
        }
        return new JcaX509CertificateConverter().setProvider(WindowsCrypto.BC).getCertificate(
                b.build(new JcaContentSignerBuilder("SHA256withRSA").build(issuerKeys.getPrivate())));
    }

    /** The CSR's public key as a JCA key. */
    private record JcaPEMKey(PKCS10CertificationRequest csr) {
        java.security.PublicKey key() throws Exception {
            return new org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest(csr.getEncoded()).getPublicKey();
        }
    }

    private static X509TrustManager trustAnyClient() {
        return new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
                throw new UnsupportedOperationException();
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
    }

    @Override
    public void close() {
        http.stop(0);
        executor.shutdownNow();
    }
}
