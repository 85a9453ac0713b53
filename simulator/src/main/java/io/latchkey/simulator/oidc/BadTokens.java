package io.latchkey.simulator.oidc;

import com.nimbusds.jwt.JWTClaimsSet;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/** Tokens a verifier must refuse, each wrong in exactly one way. */
public final class BadTokens {
    /** One way for a token to be wrong; the stand-in's token endpoint can answer an ID token so. */
    public enum Fault {
        /** Signed by a key the provider never published, under a kid it does not know. */
        OTHER_KEY,
        WRONG_AUDIENCE,
        WRONG_ISSUER,
        /** Expired ten minutes ago: well beyond any reasonable clock skew. */
        EXPIRED,
        /** A nonce the relying party never sent (an ID token replayed from another sign-in). */
        WRONG_NONCE,
        /** No roles claim at all. */
        NO_ROLES,
        /** Also for another client, and issued to that one (azp): OpenID Connect Core 1.0 section 3.1.3.7 steps 3-5. */
        OTHER_PARTY
    }

    private final SimulatedOidcProvider provider;
    private final String audience;

    public BadTokens(SimulatedOidcProvider provider, String audience) {
        this.provider = provider;
        this.audience = audience;
    }

    /** The claims made wrong by {@code fault}, signed (by the wrong key for {@link Fault#OTHER_KEY}). */
    static String spoil(SimulatedOidcProvider provider, JWTClaimsSet.Builder claims, Fault fault) {
        switch (fault) {
            case OTHER_KEY -> {
                return SimulatedOidcProvider.sign(SimulatedOidcProvider.newKey(), claims.build());
            }
            case WRONG_AUDIENCE -> claims.audience("someone-else").claim("azp", "someone-else");
            case WRONG_ISSUER -> claims.issuer("https://evil.example");
            case EXPIRED -> {
                Instant past = Instant.now().minus(Duration.ofMinutes(10));
                claims.issueTime(Date.from(past.minusSeconds(3600))).expirationTime(Date.from(past));
            }
            case WRONG_NONCE -> claims.claim("nonce", UUID.randomUUID().toString());
            case NO_ROLES -> claims.claim(SimulatedOidcProvider.DEFAULT_ROLES_CLAIM, null);
            case OTHER_PARTY -> {
                List<String> audience = new java.util.ArrayList<>(claims.build().getAudience());
                audience.add("other-app");
                claims.audience(audience).claim("azp", "other-app");
            }
        }
        return provider.sign(claims.build());
    }

    public String otherKey(String subject, List<String> roles) {
        return spoil(provider, provider.claims(audience, subject, roles), Fault.OTHER_KEY);
    }

    public String wrongAudience(String subject, List<String> roles) {
        return provider.accessToken("someone-else", subject, roles);
    }

    public String wrongIssuer(String subject, List<String> roles) {
        return spoil(provider, provider.claims(audience, subject, roles), Fault.WRONG_ISSUER);
    }

    /** Expired ten minutes ago: well beyond any reasonable clock skew. */
    public String expired(String subject, List<String> roles) {
        return spoil(provider, provider.claims(audience, subject, roles), Fault.EXPIRED);
    }

    /** Not valid before ten minutes from now: beyond the skew a verifier allows. */
    public String notYetValid(String subject, List<String> roles) {
        return provider.sign(provider.claims(audience, subject, roles)
                .notBeforeTime(Date.from(Instant.now().plus(Duration.ofMinutes(10)))).build());
    }

    /** Expired thirty seconds ago: within a 60-second skew, so still accepted. */
    public String justExpired(String subject, List<String> roles) {
        return provider.sign(provider.claims(audience, subject, roles)
                .expirationTime(Date.from(Instant.now().minusSeconds(30))).build());
    }
}
