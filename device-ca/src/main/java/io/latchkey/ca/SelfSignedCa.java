package io.latchkey.ca;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * Creates the device CA on first use and keeps it: {@link #openOrCreate} loads it from the store,
 * or makes a new self-signed one and saves it before anyone can be issued a certificate by it.
 */
public final class SelfSignedCa {

    /** Long enough to outlive every device identity it signs; renewal of the CA itself is manual. */
    public static final Duration VALIDITY = Duration.ofDays(3650);
    public static final int DEFAULT_KEY_BITS = 3072;

    private SelfSignedCa() {
    }

    public static CaIdentity openOrCreate(CaIdentityStore store, String commonName, int keyBits, Clock clock) {
        return store.load().orElseGet(() -> {
            CaIdentity created = create(commonName, keyBits, clock);
            store.save(created);
            return created;
        });
    }

    /**
     * RSA, because SCEP clients encrypt their requests to every certificate GetCACert returns
     * (shared/reference/apple-mdm.md §5, "Clients in the wild"); keyEncipherment is set for the same
     * reason, digitalSignature because the CA signs CertRep messages itself (RFC 8894 §3.3.2).
     */
    public static CaIdentity create(String commonName, int keyBits, Clock clock) {
        try {
            KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
            gen.initialize(keyBits, new SecureRandom());
            KeyPair keys = gen.generateKeyPair();
            X500Name subject = new X500Name("CN=" + commonName.replaceAll("[,+=\"\\\\<>#;]", " ") + ",O=Latchkey");
            Instant now = clock.instant();
            var builder = new JcaX509v3CertificateBuilder(subject, new BigInteger(127, new SecureRandom()).add(BigInteger.ONE),
                    Date.from(now.minus(Duration.ofMinutes(10))), Date.from(now.plus(VALIDITY)), subject,
                    keys.getPublic());
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign
                    | KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
            builder.addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(keys.getPublic()));
            var signer = new JcaContentSignerBuilder("SHA256withRSA").setProvider(Bc.PROVIDER).build(keys.getPrivate());
            var cert = new JcaX509CertificateConverter().setProvider(Bc.PROVIDER).getCertificate(builder.build(signer));
            return new CaIdentity(cert, keys.getPrivate());
        } catch (GeneralSecurityException | org.bouncycastle.operator.OperatorCreationException
                 | org.bouncycastle.cert.CertIOException e) {
            throw new IllegalStateException("cannot create the device CA", e);
        }
    }
}
