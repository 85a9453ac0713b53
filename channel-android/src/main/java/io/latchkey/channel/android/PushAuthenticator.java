package io.latchkey.channel.android;

import com.google.api.client.googleapis.auth.oauth2.GoogleIdToken;
import com.google.api.client.googleapis.auth.oauth2.GoogleIdTokenVerifier;
import com.google.api.client.googleapis.auth.oauth2.GooglePublicKeysManager;
import com.google.api.client.http.HttpTransport;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.client.json.JsonFactory;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.client.util.Clock;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.List;

/**
 * Decides whether a Pub/Sub push is Google's. An {@code Authorization: Bearer} ID token is checked
 * with the Google API client's own verifier: RS256 signature by a key from the certificates URL
 * (cached as long as its Cache-Control says), issuer accounts.google.com, the configured audience,
 * not expired (5 minutes of clock skew allowed), then the verified {@code email} must be the push
 * subscription's service account (https://cloud.google.com/pubsub/docs/authenticate-push-subscriptions).
 * Otherwise the URL secret, compared in constant time. No token ever reaches a reason or a log line.
 */
public final class PushAuthenticator {
    private static final List<String> ISSUERS = List.of("accounts.google.com", "https://accounts.google.com");
    private static final long SKEW_SECONDS = 300;
    private static final int MAX_TOKEN = 8 * 1024;

    /** What the endpoint answers: 204 after handling, 401, 403, or 503 so that Pub/Sub delivers again. */
    public enum Verdict { ACCEPTED, NO_CREDENTIALS, REFUSED, UNVERIFIABLE }

    /** @param reason for the log line: never the token, never a claim unsanitised */
    public record Result(Verdict verdict, String reason) {
        public boolean accepted() {
            return verdict == Verdict.ACCEPTED;
        }
    }

    private static final Result OK = new Result(Verdict.ACCEPTED, "");

    private final PushAuth auth;
    private final JsonFactory json = GsonFactory.getDefaultInstance();
    private final GoogleIdTokenVerifier verifier;
    private final Clock clock;

    public PushAuthenticator(PushAuth auth) {
        this(auth, new NetHttpTransport(), Clock.SYSTEM);
    }

    PushAuthenticator(PushAuth auth, HttpTransport transport, Clock clock) {
        this.auth = auth;
        this.clock = clock;
        this.verifier = !auth.oidc() ? null : new GoogleIdTokenVerifier.Builder(
                new GooglePublicKeysManager.Builder(transport, json)
                        .setPublicCertsEncodedUrl(auth.certsUrl().toString()).setClock(clock).build())
                .setIssuers(ISSUERS).setAudience(List.of(auth.audience())).setAcceptableTimeSkewSeconds(SKEW_SECONDS)
                .setClock(clock).build();
    }

    /**
     * @param authorization the request's Authorization header, or null
     * @param urlToken      the {@code token} query parameter, or null
     */
    public Result check(String authorization, String urlToken) {
        String bearer = authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                ? authorization.substring(7).trim() : null;
        if ((bearer == null || bearer.isEmpty()) && urlToken == null) {
            return refused(Verdict.NO_CREDENTIALS, "no token");
        }
        if (!auth.configured()) {
            return refused(Verdict.REFUSED, "push authentication is not configured (android.pubsub.audience with "
                    + "android.pubsub.service.account, or android.push.token)");
        }
        if (auth.oidc() && bearer != null && bearer.chars().filter(c -> c == '.').count() == 2) {
            return idToken(bearer);
        }
        String given = urlToken != null ? urlToken : bearer;
        if (auth.sharedToken() != null && MessageDigest.isEqual(auth.sharedToken().getBytes(StandardCharsets.UTF_8),
                given.getBytes(StandardCharsets.UTF_8))) {
            return OK;
        }
        return refused(Verdict.REFUSED, auth.sharedToken() == null ? "not an ID token" : "wrong token");
    }

    private Result idToken(String bearer) {
        if (bearer.length() > MAX_TOKEN) {
            return refused(Verdict.REFUSED, "ID token too long");
        }
        GoogleIdToken token;
        try {
            token = GoogleIdToken.parse(json, bearer);
        } catch (IOException | RuntimeException e) {
            return refused(Verdict.REFUSED, "not a well-formed ID token");
        }
        GoogleIdToken.Payload claims = token.getPayload();
        // The library unboxes exp and iat: a token without them must not get that far.
        if (claims.getExpirationTimeSeconds() == null || claims.getIssuedAtTimeSeconds() == null) {
            return refused(Verdict.REFUSED, "ID token without exp or iat");
        }
        try {
            if (!verifier.verify(token)) {
                return refused(Verdict.REFUSED, whyNot(token));
            }
        } catch (IOException e) {
            return refused(Verdict.UNVERIFIABLE, "Google's signing certificates could not be fetched from "
                    + auth.certsUrl() + " (" + e.getClass().getSimpleName() + ")");
        } catch (GeneralSecurityException | RuntimeException e) {
            return refused(Verdict.REFUSED, "ID token signature unverifiable (" + e.getClass().getSimpleName() + ")");
        }
        if (!auth.serviceAccount().equals(claims.getEmail())) {
            return refused(Verdict.REFUSED, "ID token for " + printable(claims.getEmail())
                    + ", not the push service account " + auth.serviceAccount());
        }
        if (!Boolean.TRUE.equals(claims.getEmailVerified())) {
            return refused(Verdict.REFUSED, "ID token email not verified");
        }
        return OK;
    }

    /** The verifier only says no: which check failed, for the operator (the claims are unverified). */
    private String whyNot(GoogleIdToken token) {
        if (!token.verifyIssuer(ISSUERS)) {
            return "ID token issuer " + printable(token.getPayload().getIssuer()) + " is not Google";
        }
        if (!token.verifyAudience(List.of(auth.audience()))) {
            return "ID token audience " + printable(String.valueOf(token.getPayload().getAudience()))
                    + " is not " + auth.audience();
        }
        if (!token.verifyTime(clock.currentTimeMillis(), SKEW_SECONDS)) {
            return "ID token expired or not yet valid";
        }
        return "ID token signature is not from a key at " + auth.certsUrl();
    }

    private static Result refused(Verdict verdict, String reason) {
        return new Result(verdict, reason);
    }

    /** An unverified claim, fit for one log line. */
    private static String printable(String claim) {
        if (claim == null) {
            return "(none)";
        }
        String s = claim.replaceAll("[^\\x20-\\x7e]", "?");
        return s.length() > 100 ? s.substring(0, 100) + "…" : s;
    }
}
