package io.latchkey.channel.apple.pki;

import io.latchkey.ca.Bc;
import io.latchkey.ca.CaIdentity;
import io.latchkey.ca.DeviceCertificateIssuer;
import io.latchkey.ca.TestPki;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

/** Device identity certificates and Mdm-Signature headers, as a device makes them (mdmb protocol/transport.go). */
public final class TestIdentities {

    private TestIdentities() {
    }

    /** A certificate for {@link TestPki#deviceKeys()} issued by {@code ca} at {@code clock}'s time. */
    public static X509Certificate issue(CaIdentity ca, Clock clock, Duration validity) {
        try {
            var csr = new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=device"), TestPki.deviceKeys().getPublic())
                    .build(new JcaContentSignerBuilder("SHA256withRSA").setProvider(Bc.PROVIDER)
                            .build(TestPki.deviceKeys().getPrivate()));
            return new DeviceCertificateIssuer(ca, validity, clock).issue(csr);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Mdm-Signature over the body with the device key. */
    public static String sign(byte[] body, X509Certificate cert, String algorithm) {
        return sign(body, cert, TestPki.deviceKeys().getPrivate(), algorithm);
    }

    /** Detached CMS SignedData, base64: what a device puts in Mdm-Signature. */
    public static String sign(byte[] body, X509Certificate cert, PrivateKey key, String algorithm) {
        try {
            CMSSignedDataGenerator gen = new CMSSignedDataGenerator();
            gen.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(
                    new JcaDigestCalculatorProviderBuilder().setProvider(Bc.PROVIDER).build())
                    .build(new JcaContentSignerBuilder(algorithm).setProvider(Bc.PROVIDER).build(key), cert));
            gen.addCertificates(new JcaCertStore(List.of(cert)));
            return Base64.getEncoder().encodeToString(gen.generate(new CMSProcessableByteArray(body), false).getEncoded());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
