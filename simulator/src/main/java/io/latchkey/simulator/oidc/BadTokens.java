package io.latchkey.simulator.oidc;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/** Tokens a verifier must refuse, each wrong in exactly one way. */
public final class BadTokens {
    private final SimulatedOidcProvider provider;
    private final String audience;

    public BadTokens(SimulatedOidcProvider provider, String audience) {
        this.provider = provider;
        this.audience = audience;
    }

    /** Signed by a key the provider never published, under a kid it does not know. */
    public String otherKey(String subject, List<String> roles) {
        return SimulatedOidcProvider.sign(SimulatedOidcProvider.newKey(),
                provider.claims(audience, subject, roles).build());
    }

    public String wrongAudience(String subject, List<String> roles) {
        return provider.accessToken("someone-else", subject, roles);
    }

    public String wrongIssuer(String subject, List<String> roles) {
        return provider.sign(provider.claims(audience, subject, roles).issuer("https://evil.example").build());
    }

    /** Expired ten minutes ago: well beyond any reasonable clock skew. */
    public String expired(String subject, List<String> roles) {
        Instant past = Instant.now().minus(Duration.ofMinutes(10));
        return provider.sign(provider.claims(audience, subject, roles).issueTime(Date.from(past.minusSeconds(3600)))
                .expirationTime(Date.from(past)).build());
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
