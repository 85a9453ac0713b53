package io.latchkey.simulator.android;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;

/**
 * The OIDC ID tokens an authenticated Pub/Sub push subscription sends
 * (https://cloud.google.com/pubsub/docs/authenticate-push-subscriptions): RS256 JWTs issued by
 * https://accounts.google.com for the subscription's audience, naming its service account as a
 * verified {@code email}. The signing key's certificate is published as Google publishes its own
 * at https://www.googleapis.com/oauth2/v1/certs: a JSON object of key id → PEM X.509 certificate.
 * Like Pub/Sub, a token is reused until shortly before it expires.
 */
public final class PushIdTokens {
    public static final String ISSUER = "https://accounts.google.com";
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Duration LIFETIME = Duration.ofHours(1);
    private static final Duration RENEW_BEFORE = Duration.ofMinutes(10);

    private final SecureRandom random = new SecureRandom();
    private final KeyPair key;
    private final KeyPair stranger;
    private final String keyId;
    private final String certsJson;
    private final String serviceAccount;
    private final String clientId;
    private String cachedAudience;
    private String cached;
    private Instant cachedUntil = Instant.MIN;

    PushIdTokens(String projectId) {
        key = rsa();
        stranger = rsa();
        keyId = hex(20);
        serviceAccount = "pubsub-push@" + projectId + ".iam.gserviceaccount.com";
        clientId = new BigInteger(64, random).toString();
        try {
            ObjectNode certs = MAPPER.createObjectNode();
            certs.put(keyId, pem(selfSigned(key)));
            certsJson = MAPPER.writeValueAsString(certs);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The push subscription's service account, the tokens' {@code email}. */
    public String serviceAccount() {
        return serviceAccount;
    }

    /** The body of the certificates URL. */
    String certsJson() {
        return certsJson;
    }

    /** The token of a push for this audience: the last one while it has ten minutes left, else a new one. */
    synchronized String current(String audience) {
        Instant now = Instant.now();
        if (!audience.equals(cachedAudience) || now.isAfter(cachedUntil.minus(RENEW_BEFORE))) {
            cachedAudience = audience;
            cachedUntil = now.plus(LIFETIME);
            cached = sign(audience, serviceAccount, now, cachedUntil);
        }
        return cached;
    }

    /** A token with these claims, signed by the published key (tests make wrong ones with it). */
    public String sign(String audience, String email, Instant issuedAt, Instant expiresAt) {
        return jwt(key.getPrivate(), audience, email, issuedAt, expiresAt);
    }

    /** The same token signed by a key that was never published, under the published key's id: a forgery. */
    public String forge(String audience, String email, Instant issuedAt, Instant expiresAt) {
        return jwt(stranger.getPrivate(), audience, email, issuedAt, expiresAt);
    }

    private String jwt(PrivateKey signer, String audience, String email, Instant issuedAt, Instant expiresAt) {
        try {
            ObjectNode header = MAPPER.createObjectNode().put("alg", "RS256").put("kid", keyId).put("typ", "JWT");
            ObjectNode claims = MAPPER.createObjectNode();
            claims.put("aud", audience);
            claims.put("azp", clientId);
            claims.put("email", email);
            claims.put("email_verified", true);
            claims.put("exp", expiresAt.getEpochSecond());
            claims.put("iat", issuedAt.getEpochSecond());
            claims.put("iss", ISSUER);
            claims.put("sub", clientId);
            Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
            String signed = b64.encodeToString(MAPPER.writeValueAsBytes(header)) + "."
                    + b64.encodeToString(MAPPER.writeValueAsBytes(claims));
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initSign(signer);
            s.update(signed.getBytes(StandardCharsets.US_ASCII));
            return signed + "." + b64.encodeToString(s.sign());
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate selfSigned(KeyPair pair) {
        try {
            X500Name name = new X500Name("CN=accounts.google.com stand-in");
            Instant now = Instant.now();
            return new JcaX509CertificateConverter().getCertificate(new JcaX509v3CertificateBuilder(name,
                    BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minus(Duration.ofDays(1))),
                    Date.from(now.plus(Duration.ofDays(30))), name, pair.getPublic())
                    .build(new JcaContentSignerBuilder("SHA256withRSA").build(pair.getPrivate())));
        } catch (GeneralSecurityException | OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(X509Certificate cert) {
        try {
            return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                    .encodeToString(cert.getEncoded()) + "\n-----END CERTIFICATE-----\n";
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair rsa() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private String hex(int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }
}
