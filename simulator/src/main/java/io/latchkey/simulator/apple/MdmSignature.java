package io.latchkey.simulator.apple;

import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;

/**
 * The {@code Mdm-Signature} header a device sends when its MDM payload has {@code SignMessage}:
 * "a Base64-encoded CMS detached signature of the message" (Apple, "Managing certificates for MDM
 * servers and devices"), made with the identity key and carrying the identity certificate, as mdmb
 * does (jessepeterson/mdmb protocol/transport.go, shared/reference/apple-mdm.md §1).
 */
public final class MdmSignature {

    public static final String HEADER = "Mdm-Signature";

    private MdmSignature() {
    }

    /** @return base64 (standard alphabet, no line breaks) of a detached CMS SignedData over {@code body} */
    public static String sign(byte[] body, PrivateKey key, X509Certificate certificate) {
        try {
            String algorithm = "RSA".equals(key.getAlgorithm()) ? "SHA256withRSA" : "SHA256withECDSA";
            CMSSignedDataGenerator gen = new CMSSignedDataGenerator();
            gen.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(
                    new JcaDigestCalculatorProviderBuilder().setProvider(Crypto.BC).build())
                    .build(new JcaContentSignerBuilder(algorithm).setProvider(Crypto.BC).build(key), certificate));
            gen.addCertificates(new JcaCertStore(List.of(certificate)));
            return Base64.getEncoder().encodeToString(gen.generate(new CMSProcessableByteArray(body), false).getEncoded());
        } catch (Exception e) {
            throw new IllegalStateException("cannot sign the MDM message", e);
        }
    }
}
