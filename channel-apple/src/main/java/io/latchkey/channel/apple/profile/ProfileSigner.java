package io.latchkey.channel.apple.profile;

import io.latchkey.ca.Bc;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cms.CMSProcessableByteArray;
import org.bouncycastle.cms.CMSSignedDataGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Signs a profile as a CMS SignedData with the profile attached, which devices show as
 * "Verified" when the chain is trusted. Used only when a signing certificate is configured
 * (issue 3); the unsigned profile is otherwise served as is.
 */
public final class ProfileSigner {

    private final X509Certificate certificate;
    private final PrivateKey key;
    private final List<X509Certificate> chain;

    /** @param chain intermediates to embed after the signing certificate, may be empty */
    public ProfileSigner(X509Certificate certificate, PrivateKey key, List<X509Certificate> chain) {
        this.certificate = certificate;
        this.key = key;
        this.chain = List.copyOf(chain);
    }

    public byte[] sign(byte[] profile) {
        try {
            String algorithm = "RSA".equals(key.getAlgorithm()) ? "SHA256withRSA" : "SHA256withECDSA";
            var signer = new JcaContentSignerBuilder(algorithm).setProvider(Bc.PROVIDER).build(key);
            CMSSignedDataGenerator gen = new CMSSignedDataGenerator();
            gen.addSignerInfoGenerator(new JcaSignerInfoGeneratorBuilder(
                    new JcaDigestCalculatorProviderBuilder().setProvider(Bc.PROVIDER).build()).build(signer, certificate));
            var certs = new java.util.ArrayList<X509Certificate>();
            certs.add(certificate);
            certs.addAll(chain);
            gen.addCertificates(new JcaCertStore(certs));
            return gen.generate(new CMSProcessableByteArray(profile), true).getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException("cannot sign the enrollment profile", e);
        }
    }
}
