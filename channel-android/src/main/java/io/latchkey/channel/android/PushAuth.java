package io.latchkey.channel.android;

import java.net.URI;
import java.util.Objects;

/**
 * How the Pub/Sub push endpoint knows a push came from Google. Two ways, either or both:
 * <ul>
 *   <li>an authenticated push subscription: Pub/Sub sends {@code Authorization: Bearer <OIDC ID token>}
 *       signed by Google, for {@code audience}, as {@code serviceAccount}
 *       (https://cloud.google.com/pubsub/docs/authenticate-push-subscriptions);</li>
 *   <li>a shared secret the subscription carries in its endpoint URL ({@code ?token=…}), for setups
 *       without an authenticated subscription.</li>
 * </ul>
 * With neither, every push is refused.
 *
 * @param sharedToken    the URL secret; null: off
 * @param audience       the ID token's {@code aud} the subscription was configured with; null: OIDC off
 * @param serviceAccount the push subscription's service account, the token's verified {@code email}
 * @param certsUrl       where Google's token-signing certificates are published (a stand-in in tests)
 */
public record PushAuth(String sharedToken, String audience, String serviceAccount, URI certsUrl) {
    /** Google's OAuth2 v1 certificates: a JSON object of key id → PEM X.509 certificate. */
    public static final URI GOOGLE_CERTS = URI.create("https://www.googleapis.com/oauth2/v1/certs");

    public PushAuth {
        if ((audience == null) != (serviceAccount == null)) {
            throw new IllegalArgumentException("an authenticated push needs both the audience and the service account");
        }
        if (audience != null) {
            Objects.requireNonNull(certsUrl, "certsUrl");
        }
    }

    /** Only the URL secret. */
    public static PushAuth sharedToken(String token) {
        return new PushAuth(token, null, null, null);
    }

    public boolean oidc() {
        return audience != null;
    }

    /** Some way to accept a push is configured. */
    public boolean configured() {
        return sharedToken != null || oidc();
    }

    @Override
    public String toString() {
        return "PushAuth[sharedToken=" + (sharedToken == null ? "(none)" : "****") + ", audience=" + audience
                + ", serviceAccount=" + serviceAccount + ", certsUrl=" + certsUrl + "]";
    }
}
