package io.latchkey.core.admin;

/** The administrator-identity use cases, wired once in the composition root and handed to each surface. */
public record AdminIdentities(SignIn signIn, Passwords passwords, ApiTokenIssuer tokens, TotpEnrollment totp) {
}
