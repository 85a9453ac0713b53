package io.latchkey.channel.apple.push;

import com.eatthepath.pushy.apns.ApnsClient;
import com.eatthepath.pushy.apns.ApnsClientBuilder;
import com.eatthepath.pushy.apns.auth.ApnsSigningKey;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Arrays;

/** Maps {@link ApnsSettings} onto Pushy's {@link ApnsClientBuilder} (docs/reference apple-mdm.md §3, "Pushy"). */
final class ApnsClients {

    /** Netty's default is 30 s; a wake that waits that long for a TCP connect is better retried. */
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private ApnsClients() {
    }

    /** @throws IllegalArgumentException when a credential or certificate file cannot be loaded */
    static ApnsClient build(ApnsSettings settings) {
        ApnsClientBuilder builder = new ApnsClientBuilder()
                .setApnsServer(settings.host(), settings.port())
                .setConnectionTimeout(CONNECT_TIMEOUT);
        try {
            if (settings.certificateP12() != null) {
                char[] password = settings.certificatePassword();
                try {
                    // Pushy only takes the password as a String; our copy of the chars is wiped at least.
                    builder.setClientCredentials(settings.certificateP12().toFile(), new String(password));
                } finally {
                    Arrays.fill(password, '\0');
                }
            } else {
                builder.setSigningKey(ApnsSigningKey.loadFromPkcs8File(
                        settings.signingKeyP8().toFile(), settings.teamId(), settings.keyId()));
            }
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            throw new IllegalArgumentException("Cannot load the APNs credentials from "
                    + (settings.certificateP12() != null ? settings.certificateP12() : settings.signingKeyP8())
                    + " (wrong password, or not a PKCS#12 / PKCS#8 file?): " + e.getMessage(), e);
        }
        if (settings.trustedServerCertificate() != null) {
            builder.setTrustedServerCertificateChain(settings.trustedServerCertificate().toFile());
        }
        try {
            return builder.build();
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("Cannot set up TLS for APNs at " + settings.host() + ":" + settings.port()
                    + (settings.trustedServerCertificate() != null
                            ? " (is " + settings.trustedServerCertificate() + " a PEM certificate?)" : "")
                    + ": " + e.getMessage(), e);
        }
    }
}
