package io.latchkey.server.apple;

import com.dd.plist.NSDictionary;
import com.dd.plist.PropertyListParser;
import io.latchkey.channel.apple.profile.ProfileSigner;
import io.latchkey.server.config.ConfigException;
import io.latchkey.simulator.push.PushCertificateStandIn;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.CMSSignedData;
import org.bouncycastle.cms.SignerInformation;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Issue 3 item 1: "the profile is signed when a signing certificate is configured". */
class ProfileSigningTest {

    @TempDir
    Path dir;

    @Test
    void aConfiguredKeystoreSignsTheProfileAsCmsWithThePlistInside() throws Exception {
        Path p12 = PushCertificateStandIn.write(dir, "profile-signer");
        ProfileSigner signer = ProfileSigning.load(p12, PushCertificateStandIn.PASSWORD);
        byte[] plist = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><plist version=\"1.0\"><dict><key>PayloadType</key>"
                + "<string>Configuration</string></dict></plist>").getBytes(StandardCharsets.UTF_8);

        CMSSignedData signed = new CMSSignedData(signer.sign(plist));

        SignerInformation info = signed.getSignerInfos().getSigners().iterator().next();
        @SuppressWarnings("unchecked")
        X509CertificateHolder cert = (X509CertificateHolder) signed.getCertificates().getMatches(info.getSID())
                .iterator().next();
        assertThat(info.verify(new JcaSimpleSignerInfoVerifierBuilder().build(cert))).isTrue();
        assertThat(cert.getSubject().toString()).contains("profile-signer");
        NSDictionary inside = (NSDictionary) PropertyListParser.parse((byte[]) signed.getSignedContent().getContent());
        assertThat(inside.get("PayloadType").toJavaObject()).isEqualTo("Configuration");
    }

    @Test
    void aWrongPasswordOrAFileThatIsNoKeystoreIsAClearConfigurationError() throws Exception {
        Path p12 = PushCertificateStandIn.write(dir, "profile-signer");
        Path notAKeystore = java.nio.file.Files.writeString(dir.resolve("notes.txt"), "hello");

        assertThatThrownBy(() -> ProfileSigning.load(p12, "wrong")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("apple.profile.signing.password").hasMessageContaining(p12.toString());
        assertThatThrownBy(() -> ProfileSigning.load(notAKeystore, "x")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("cannot be opened");
    }
}
