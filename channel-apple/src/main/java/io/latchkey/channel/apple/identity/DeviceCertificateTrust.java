package io.latchkey.channel.apple.identity;

import io.latchkey.core.enrollment.DeviceIdentity;

import java.io.ByteArrayInputStream;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Whether a device identity certificate is one this server issued and may still be used: signed
 * by the device CA and within its validity. The same check applies to the TLS client certificate,
 * the Mdm-Signature signer and a certificate forwarded by a trusted proxy (Apple, "Managing
 * certificates for MDM servers and devices"; NanoMDM's CertVerifyMiddleware against its CA pool).
 *
 * <p>A device presents the same certificate on every request, so a certificate once verified is
 * remembered by its SHA-256 fingerprint (the identity's key, a hash of the whole DER encoding):
 * its signature is not checked and, when it comes as bytes, it is not parsed again. Only its
 * validity dates are kept, and compared with the clock on every request. What is remembered is a
 * fact about the certificate's bytes, which never changes; whether the identity is still recorded
 * and unrevoked is the store's to say, every time.
 */
public final class DeviceCertificateTrust {

    /** About 150 bytes an entry; the set is cleared when full, which only costs verifications. */
    private static final int MAX_REMEMBERED = 200_000;
    /**
     * Forwarded headers remembered: each is the whole certificate as text (about 2 KB URL-escaped
     * PEM), so fewer; past this the devices' headers are decoded again, which is all it costs.
     */
    private static final int MAX_HEADERS = 4_096;

    private final X509Certificate ca;
    private final Clock clock;
    private final Map<String, Validity> verified = new ConcurrentHashMap<>();
    /** Header text → fingerprint, for headers whose certificate verified (junk is never kept). */
    private final Map<String, String> forwarded = new ConcurrentHashMap<>();

    private record Validity(Instant notBefore, Instant notAfter) {
    }

    public DeviceCertificateTrust(X509Certificate ca, Clock clock) {
        this.ca = ca;
        this.clock = clock;
    }

    /**
     * @return the certificate's fingerprint ({@link DeviceIdentity#fingerprint})
     * @throws IdentityRefused with UNTRUSTED_ISSUER, EXPIRED, NOT_YET_VALID, or MALFORMED when it
     *                         cannot be encoded
     */
    public String check(X509Certificate cert) {
        String fingerprint;
        try {
            fingerprint = DeviceIdentity.fingerprint(cert.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IdentityRefused(IdentityRefused.Reason.MALFORMED, "the certificate cannot be encoded");
        }
        Validity known = verified.get(fingerprint);
        return current(fingerprint, known != null ? known : verify(fingerprint, cert));
    }

    /**
     * As {@link #checkEncoded} for the header a trusted proxy forwards ({@link ForwardedCertificate}).
     * The same device sends the same header text every time: decoding it (percent-escapes, PEM
     * armour, base64) and hashing the DER was most of what an Idle check-in cost in this class once
     * its answer came from memory (JFR, BENCHMARKS.md), so a verified header is remembered with its
     * fingerprint; the validity dates are still compared with the clock every time.
     */
    public String checkForwarded(String header) {
        String fingerprint = header == null ? null : forwarded.get(header);
        Validity known = fingerprint == null ? null : verified.get(fingerprint);
        if (known != null) {
            return current(fingerprint, known);
        }
        fingerprint = checkEncoded(ForwardedCertificate.der(header));
        if (forwarded.size() >= MAX_HEADERS) {
            forwarded.clear();
        }
        forwarded.put(header, fingerprint);
        return fingerprint;
    }

    /**
     * As {@link #check(X509Certificate)} for a certificate given as its DER encoding (forwarded by
     * a proxy): parsed only the first time.
     *
     * @throws IdentityRefused MALFORMED when the bytes are not a certificate
     */
    public String checkEncoded(byte[] der) {
        String fingerprint = DeviceIdentity.fingerprint(der);
        Validity known = verified.get(fingerprint);
        return current(fingerprint, known != null ? known : verify(fingerprint, parse(der)));
    }

    private Validity verify(String fingerprint, X509Certificate cert) {
        if (!cert.getIssuerX500Principal().equals(ca.getSubjectX500Principal()) || !signedByCa(cert)) {
            throw new IdentityRefused(IdentityRefused.Reason.UNTRUSTED_ISSUER,
                    "the certificate was not issued by this server's device CA");
        }
        if (cert.getBasicConstraints() >= 0) {
            // The CA's own certificate also "chains to the CA"; it is not a device identity.
            throw new IdentityRefused(IdentityRefused.Reason.UNTRUSTED_ISSUER, "a CA certificate is not a device identity");
        }
        Validity v = new Validity(cert.getNotBefore().toInstant(), cert.getNotAfter().toInstant());
        if (verified.size() >= MAX_REMEMBERED) {
            verified.clear();
        }
        verified.put(fingerprint, v);
        return v;
    }

    private String current(String fingerprint, Validity v) {
        Instant now = clock.instant();
        if (now.isBefore(v.notBefore())) {
            throw new IdentityRefused(IdentityRefused.Reason.NOT_YET_VALID, "the certificate is not valid yet");
        }
        if (now.isAfter(v.notAfter())) {
            throw new IdentityRefused(IdentityRefused.Reason.EXPIRED, "the certificate has expired");
        }
        return fingerprint;
    }

    private static X509Certificate parse(byte[] der) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (Exception e) {
            throw new IdentityRefused(IdentityRefused.Reason.MALFORMED, "the certificate does not parse");
        }
    }

    private boolean signedByCa(X509Certificate cert) {
        try {
            cert.verify(ca.getPublicKey());
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
