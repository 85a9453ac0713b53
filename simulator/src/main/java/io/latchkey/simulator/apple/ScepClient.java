package io.latchkey.simulator.apple;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.CMSSignedData;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * SCEP over HTTP as a device runs it (RFC 8894 §4): {@code GET ?operation=GetCACaps}, {@code GET
 * ?operation=GetCACert}, then {@code PKIOperation}, POSTed with {@code Content-Type:
 * application/x-pki-message} when the CA advertises POSTPKIOperation or SCEPStandard, otherwise GET
 * with the message base64 in {@code ?message=}.
 */
public final class ScepClient {

    /** The device's new identity: its key, the certificate the CA issued for it, and the CA certificates. */
    public record Enrolled(KeyPair keys, X509Certificate certificate, List<X509Certificate> caCertificates) {
    }

    private final DeviceHttp http;

    public ScepClient(DeviceHttp http) {
        this.http = http;
    }

    /** @throws ScepException when the CA cannot be reached or does not answer 200 */
    public Set<String> capabilities(URI url) throws InterruptedException {
        DeviceHttp.Reply r = get(url, "GetCACaps");
        Set<String> caps = new HashSet<>();
        for (String line : new String(r.body(), StandardCharsets.UTF_8).split("\\R")) {
            if (!line.isBlank()) {
                caps.add(line.trim());
            }
        }
        return caps;
    }

    /** GetCACert: one DER certificate ({@code application/x-x509-ca-cert}) or a PKCS#7 bundle (CA and RA). */
    public List<X509Certificate> caCertificates(URI url) throws InterruptedException {
        DeviceHttp.Reply r = get(url, "GetCACert");
        try {
            if (r.contentType().startsWith("application/x-x509-ca-ra-cert")) {
                List<X509Certificate> out = new ArrayList<>();
                for (Object h : new CMSSignedData(r.body()).getCertificates().getMatches(null)) {
                    out.add(new JcaX509CertificateConverter().setProvider(Crypto.BC)
                            .getCertificate((X509CertificateHolder) h));
                }
                return List.copyOf(out);
            }
            return List.of((X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(r.body())));
        } catch (Exception e) {
            throw new ScepException("GetCACert did not return a certificate (" + r.contentType() + ")", e);
        }
    }

    /**
     * The whole enrollment: capabilities, CA certificate, a new {@code keyBits} RSA key, PKCSReq with
     * the challenge, and the CertRep checked (signed by the CA, same transaction, our nonce) and decrypted.
     *
     * @throws ScepException when any step fails or the CA refuses (the failInfo is in the message)
     */
    public Enrolled enroll(URI url, X500Name subject, String challenge, int keyBits, int keyUsage)
            throws InterruptedException {
        Set<String> caps = capabilities(url);
        List<X509Certificate> cas = caCertificates(url);
        ScepTransaction tx = ScepTransaction.withNewKey(keyBits);
        byte[] request = tx.pkcsReq(recipient(cas), tx.csr(subject, challenge, keyUsage),
                ScepTransaction.Algorithms.from(caps), ScepTransaction.PKCS_REQ);
        DeviceHttp.Reply r;
        try {
            r = caps.contains("POSTPKIOperation") || caps.contains("SCEPStandard")
                    ? http.post(operation(url, "PKIOperation"), request, "application/x-pki-message")
                    : http.get(URI.create(operation(url, "PKIOperation") + "&message="
                    + URLEncoder.encode(Base64.getEncoder().encodeToString(request), StandardCharsets.US_ASCII)));
        } catch (IOException e) {
            throw new ScepException("PKIOperation failed: " + e, e);
        }
        if (!r.ok()) {
            throw new ScepException("PKIOperation answered HTTP " + r.status());
        }
        ScepTransaction.CertRep rep = tx.read(r.body(), cas);
        if (!"3".equals(rep.messageType()) || !tx.transactionId().equals(rep.transactionId())
                || !Arrays.equals(tx.senderNonce(), rep.recipientNonce())) {
            throw new ScepException("the CertRep does not answer this request (messageType " + rep.messageType()
                    + ", transaction or nonce differs)");
        }
        if (!rep.success()) {
            throw new ScepException("the CA refused the request: pkiStatus " + rep.pkiStatus() + ", failInfo "
                    + rep.failInfo() + (rep.failInfoText() == null ? "" : " (" + rep.failInfoText() + ")"));
        }
        if (rep.certificates().isEmpty()
                || !Arrays.equals(rep.certificates().getFirst().getPublicKey().getEncoded(),
                tx.keys().getPublic().getEncoded())) {
            throw new ScepException("the CertRep holds no certificate for this key");
        }
        return new Enrolled(tx.keys(), rep.certificates().getFirst(), cas);
    }

    /** An RA certificate when there is one (not a CA, RFC 8894 §2.2), else the CA. */
    private static X509Certificate recipient(List<X509Certificate> cas) {
        if (cas.isEmpty()) {
            throw new ScepException("GetCACert returned no certificate");
        }
        return cas.stream().filter(c -> c.getBasicConstraints() < 0).findFirst().orElse(cas.getFirst());
    }

    private DeviceHttp.Reply get(URI url, String op) throws InterruptedException {
        try {
            DeviceHttp.Reply r = http.get(operation(url, op));
            if (!r.ok()) {
                throw new ScepException(op + " answered HTTP " + r.status());
            }
            return r;
        } catch (IOException e) {
            throw new ScepException(op + " failed: " + e, e);
        }
    }

    private static URI operation(URI url, String op) {
        String base = url.toString();
        return URI.create(base + (url.getRawQuery() == null ? "?" : "&") + "operation=" + op);
    }
}
