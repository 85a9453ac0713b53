package io.latchkey.server.apple;

import io.latchkey.channel.apple.profile.ProfileSigner;
import io.latchkey.server.config.ConfigException;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The profile-signing identity from a PKCS#12 file: its first key entry, with the chain it carries. */
public final class ProfileSigning {

    private ProfileSigning() {
    }

    /** @throws ConfigException when the file is not a PKCS#12 with a key the password opens */
    public static ProfileSigner load(Path keystore, String password) {
        char[] pw = password == null ? new char[0] : password.toCharArray();
        try (InputStream in = Files.newInputStream(keystore)) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(in, pw);
            for (String alias : Collections.list(ks.aliases())) {
                Key key = ks.getKey(alias, pw);
                if (key instanceof PrivateKey privateKey) {
                    Certificate[] chain = ks.getCertificateChain(alias);
                    List<X509Certificate> rest = new ArrayList<>();
                    for (int i = 1; i < chain.length; i++) {
                        rest.add((X509Certificate) chain[i]);
                    }
                    return new ProfileSigner((X509Certificate) chain[0], privateKey, rest);
                }
            }
            throw new ConfigException(List.of("apple.profile.signing.keystore " + keystore
                    + " holds no private key entry"));
        } catch (ConfigException e) {
            throw e;
        } catch (Exception e) {
            throw new ConfigException(List.of("apple.profile.signing.keystore " + keystore
                    + " cannot be opened with apple.profile.signing.password (" + e.getClass().getSimpleName() + ")"));
        }
    }
}
