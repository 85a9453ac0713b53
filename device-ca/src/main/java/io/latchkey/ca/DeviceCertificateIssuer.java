package io.latchkey.ca;

import org.bouncycastle.asn1.pkcs.Attribute;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * Signs device identity certificates: the certificate a device presents on every check-in (as TLS
 * client certificate or inside Mdm-Signature; Apple, "Managing certificates for MDM servers and
 * devices"; the MS-WSTEP enrollment of Windows). The key comes from the device's CSR, the subject
 * from it too unless the channel names one; everything else is decided here.
 */
public final class DeviceCertificateIssuer {

    /**
     * Devices' clocks drift; a certificate valid only from "now" would be refused by a device whose
     * clock is a few minutes behind, so validity starts a little earlier.
     */
    private static final Duration BACKDATE = Duration.ofMinutes(10);

    private final CaIdentity ca;
    private final Duration validity;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public DeviceCertificateIssuer(CaIdentity ca, Duration validity, Clock clock) {
        if (validity.isNegative() || validity.isZero()) {
            throw new IllegalArgumentException("a device certificate needs a positive validity");
        }
        this.ca = ca;
        this.validity = validity;
        this.clock = clock;
    }

    public X509Certificate issue(PKCS10CertificationRequest csr) {
        return issue(csr, csr.getSubject());
    }

    /**
     * With the subject the server decides rather than the CSR's: a Windows device asks for
     * {@code CN=<guid>!<DeviceID>} with a trailing NUL, and is given {@code CN=<DeviceID>}
     * (shared/fixtures/windows/SOURCE.md: the captured device certificate).
     */
    public X509Certificate issue(PKCS10CertificationRequest csr, X500Name subject) {
        try {
            Instant now = clock.instant();
            X500Name issuer = new JcaX509CertificateHolder(ca.certificate()).getSubject();
            var builder = new X509v3CertificateBuilder(issuer, serial(), Date.from(now.minus(BACKDATE)),
                    Date.from(now.plus(validity)), subject, csr.getSubjectPublicKeyInfo());
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true,
                    new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    ext.createSubjectKeyIdentifier(csr.getSubjectPublicKeyInfo()));
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    ext.createAuthorityKeyIdentifier(ca.certificate()));
            Extension san = requestedSubjectAltName(csr);
            if (san != null) {
                builder.addExtension(san);
            }
            var signer = new JcaContentSignerBuilder("SHA256withRSA").setProvider(Bc.PROVIDER).build(ca.privateKey());
            return new JcaX509CertificateConverter().setProvider(Bc.PROVIDER).getCertificate(builder.build(signer));
        } catch (Exception e) {
            throw new IllegalStateException("cannot issue a device certificate", e);
        }
    }

    /** RFC 5280 §4.1.2.2: positive, at most 20 octets; random so serials reveal nothing and never repeat. */
    private BigInteger serial() {
        return new BigInteger(159, random).add(BigInteger.ONE);
    }

    /** The profile's SCEP payload may ask for a SubjectAltName; it arrives as a PKCS#9 extensionRequest. */
    private static Extension requestedSubjectAltName(PKCS10CertificationRequest csr) {
        for (Attribute a : csr.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest)) {
            if (a.getAttrValues().size() > 0) {
                Extensions requested = Extensions.getInstance(a.getAttrValues().getObjectAt(0));
                Extension san = requested.getExtension(Extension.subjectAlternativeName);
                if (san != null) {
                    return san;
                }
            }
        }
        return null;
    }
}
