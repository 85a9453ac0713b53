package io.latchkey.ca;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import static org.assertj.core.api.Assertions.assertThat;

class IssuedHereTest {

    private static X509Certificate device(X509Certificate issuerCert, PrivateKey signingKey, Instant notAfter) throws Exception {
        X500Name issuer = X500Name.getInstance(issuerCert.getSubjectX500Principal().getEncoded());
        var b = new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(42), Date.from(TestPki.NOW.minusSeconds(60)),
                Date.from(notAfter), new X500Name("CN=device-1"), TestPki.deviceKeys().getPublic());
        var signer = new JcaContentSignerBuilder("SHA256withRSA").setProvider(Bc.PROVIDER).build(signingKey);
        return new JcaX509CertificateConverter().setProvider(Bc.PROVIDER).getCertificate(b.build(signer));
    }

    @Test
    void aRememberedSignatureStillHasItsValidityCheckedEachTime() throws Exception {
        CaIdentity ca = TestPki.ca();
        X509Certificate cert = device(ca.certificate(), ca.privateKey(), TestPki.NOW.plus(Duration.ofDays(1)));
        assertThat(IssuedHere.problem(ca.certificate(), cert, TestPki.NOW)).isEmpty();
        assertThat(IssuedHere.problem(ca.certificate(), cert, TestPki.NOW)).isEmpty();
        assertThat(IssuedHere.problem(ca.certificate(), cert, TestPki.NOW.plus(Duration.ofDays(2))))
                .contains("the certificate has expired");
    }

    @Test
    void aCertificateNamingTheCaButSignedByAnotherKeyIsRefusedEvenAfterAGoodOne() throws Exception {
        CaIdentity ca = TestPki.ca();
        X509Certificate good = device(ca.certificate(), ca.privateKey(), TestPki.NOW.plus(Duration.ofDays(1)));
        X509Certificate forged = device(ca.certificate(), TestPki.foreignCa().privateKey(),
                TestPki.NOW.plus(Duration.ofDays(1)));
        assertThat(IssuedHere.problem(ca.certificate(), good, TestPki.NOW)).isEmpty();
        assertThat(IssuedHere.problem(ca.certificate(), forged, TestPki.NOW)).contains("not signed by this server's device CA");
        assertThat(IssuedHere.problem(ca.certificate(), forged, TestPki.NOW)).contains("not signed by this server's device CA");
    }
}
