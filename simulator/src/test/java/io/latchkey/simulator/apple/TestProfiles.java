package io.latchkey.simulator.apple;

import com.dd.plist.NSArray;
import com.dd.plist.NSDictionary;
import com.dd.plist.NSString;

import java.net.URI;
import java.security.KeyPair;
import java.time.Duration;
import java.util.UUID;

/** Enrollment profiles shaped like the one Latchkey's EnrollmentProfileWriter serves. */
final class TestProfiles {

    private TestProfiles() {
    }

    static NSDictionary profile(String identifier, URI scepUrl, URI serverUrl, URI checkInUrl, String topic,
                                String challenge, boolean signMessage) {
        String scepUuid = UUID.randomUUID().toString().toUpperCase();
        NSDictionary scepContent = new NSDictionary();
        scepContent.put("URL", scepUrl.toString());
        scepContent.put("Name", "Test device CA");
        scepContent.put("Subject", new NSArray(rdn("O", "Latchkey tests"), rdn("CN", "alice@example.com")));
        scepContent.put("Challenge", challenge);
        scepContent.put("Keysize", 2048);
        scepContent.put("Key Type", "RSA");
        scepContent.put("Key Usage", 5);
        NSDictionary scep = payload("com.apple.security.scep", identifier + ".scep", scepUuid);
        scep.put("PayloadContent", scepContent);

        NSDictionary mdm = payload("com.apple.mdm", identifier + ".mdm", UUID.randomUUID().toString());
        mdm.put("IdentityCertificateUUID", scepUuid);
        mdm.put("Topic", topic);
        mdm.put("ServerURL", serverUrl.toString());
        if (checkInUrl != null) {
            mdm.put("CheckInURL", checkInUrl.toString());
        }
        mdm.put("SignMessage", signMessage);
        mdm.put("CheckOutWhenRemoved", true);
        mdm.put("AccessRights", 8191);

        NSDictionary profile = new NSDictionary();
        profile.put("PayloadType", "Configuration");
        profile.put("PayloadVersion", 1);
        profile.put("PayloadIdentifier", identifier);
        profile.put("PayloadUUID", UUID.randomUUID().toString());
        profile.put("PayloadDisplayName", "Test enrollment");
        profile.put("PayloadContent", new NSArray(scep, mdm));
        return profile;
    }

    /** The profile in a CMS SignedData with the content attached, as a server that signs profiles serves it. */
    static byte[] sign(byte[] profile) {
        KeyPair keys = Crypto.rsa(2048);
        var cert = Crypto.selfSigned(keys, "CN=Profile signer", Duration.ofDays(1));
        try {
            var gen = new org.bouncycastle.cms.CMSSignedDataGenerator();
            gen.addSignerInfoGenerator(new org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder(
                    new org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder().build())
                    .build(new org.bouncycastle.operator.jcajce.JcaContentSignerBuilder("SHA256withRSA")
                            .build(keys.getPrivate()), cert));
            gen.addCertificates(new org.bouncycastle.cert.jcajce.JcaCertStore(java.util.List.of(cert)));
            return gen.generate(new org.bouncycastle.cms.CMSProcessableByteArray(profile), true).getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static NSDictionary payload(String type, String identifier, String uuid) {
        NSDictionary p = new NSDictionary();
        p.put("PayloadType", type);
        p.put("PayloadVersion", 1);
        p.put("PayloadIdentifier", identifier);
        p.put("PayloadUUID", uuid);
        return p;
    }

    private static NSArray rdn(String type, String value) {
        return new NSArray(new NSArray(new NSString(type), new NSString(value)));
    }
}
