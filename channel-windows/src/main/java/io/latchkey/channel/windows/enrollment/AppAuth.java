package io.latchkey.channel.windows.enrollment;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;

/**
 * The two {@code APPAUTH} entries of the w7 APPLICATION characteristic (reference windows-mdm.md
 * §1.2): at level CLIENT a DIGEST secret with its nonce (AAUTHDATA), at level APPSRV a DIGEST name
 * and secret. The device authenticates sessions with its enrollment certificate (TLS client
 * certificate, reference §2.5); these are the OMA-DM MD5-digest fallback, per device, and the
 * caller stores them if it wants to check a {@code Cred} later.
 *
 * @param clientNonce base64, as AAUTHDATA is binary data in base64
 */
public record AppAuth(String clientSecret, String clientNonce, String serverName, String serverSecret) {
    public AppAuth {
        Objects.requireNonNull(clientSecret, "clientSecret");
        Objects.requireNonNull(clientNonce, "clientNonce");
        Objects.requireNonNull(serverName, "serverName");
        Objects.requireNonNull(serverSecret, "serverSecret");
    }

    /** Fresh random credentials (24 random bytes each, 16 for the nonce). */
    public static AppAuth random(SecureRandom random) {
        return new AppAuth(token(random, 24), Base64.getEncoder().encodeToString(bytes(random, 16)),
                "latchkey-" + token(random, 9), token(random, 24));
    }

    @Override
    public String toString() {
        return "AppAuth[serverName=" + serverName + ", secrets=***]";
    }

    private static String token(SecureRandom random, int n) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(random, n));
    }

    private static byte[] bytes(SecureRandom random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
