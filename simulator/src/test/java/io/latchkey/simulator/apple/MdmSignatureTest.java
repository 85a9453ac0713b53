package io.latchkey.simulator.apple;

import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;

/** Mdm-Signature is a detached CMS SignedData over the exact body, carrying the identity certificate. */
class MdmSignatureTest {

    private static final KeyPair KEYS = Crypto.rsa(2048);
    private static final X509Certificate IDENTITY = Crypto.selfSigned(KEYS, "CN=device identity", Duration.ofDays(1));

    @Test
    void verifies_with_bouncycastle_as_detached_cms_over_the_body() throws Exception {
        byte[] body = "<plist><dict><key>Status</key><string>Idle</string></dict></plist>"
                .getBytes(StandardCharsets.UTF_8);
        String header = MdmSignature.sign(body, KEYS.getPrivate(), IDENTITY);

        assertThat(header).doesNotContain("\n").doesNotContain("\r");
        byte[] der = Base64.getDecoder().decode(header);
        CMSSignedData detached = new CMSSignedData(der);
        assertThat(detached.isDetachedSignature()).isTrue();
        assertThat(detached.getSignedContent()).isNull();

        CMSSignedData withBody = new CMSSignedData(new CMSProcessableByteArray(body), der);
        SignerInformation signer = withBody.getSignerInfos().getSigners().iterator().next();
        X509CertificateHolder carried = (X509CertificateHolder) withBody.getCertificates().getMatches(signer.getSID())
                .iterator().next();
        assertThat(carried.getEncoded()).isEqualTo(IDENTITY.getEncoded());
        assertThat(signer.verify(new JcaSimpleSignerInfoVerifierBuilder().build(IDENTITY))).isTrue();
        assertThat(FakeMdmServer.verify(header, body)).isEqualTo(IDENTITY);
    }

    @Test
    void does_not_verify_over_another_body() {
        byte[] body = "<plist>one</plist>".getBytes(StandardCharsets.UTF_8);
        String header = MdmSignature.sign(body, KEYS.getPrivate(), IDENTITY);

        assertThat(FakeMdmServer.verify(header, "<plist>two</plist>".getBytes(StandardCharsets.UTF_8))).isNull();
    }
}
