package io.latchkey.channel.apple.identity;

/**
 * A request's device identity was not accepted. The HTTP layer answers 401 (no or unreadable
 * identity) or 403 (an identity this server does not trust), logs the reason and never the body.
 */
public final class IdentityRefused extends RuntimeException {

    public enum Reason {
        /** No Mdm-Signature header (and no other identity). */
        MISSING,
        /** The header is not base64 of a CMS SignedData with one signer and its certificate. */
        MALFORMED,
        /** The signature does not match the body: altered in transit, or signed over something else. */
        BAD_SIGNATURE,
        /** The certificate was not issued by this server's device CA. */
        UNTRUSTED_ISSUER,
        EXPIRED,
        NOT_YET_VALID,
        /** Issued by this CA but not recorded as issued (a restored CA, a forged record): not trusted. */
        UNKNOWN_IDENTITY,
        /** Revoked: the device enrolled again with a new certificate, checked out, or was erased. */
        REVOKED,
        /** The message names another device than the one the certificate is bound to. */
        WRONG_DEVICE,
        /** A check-in other than Authenticate from an identity no Authenticate has bound yet. */
        NOT_AUTHENTICATED;

        /** 401 when there is no usable identity, 403 when there is one that is refused. */
        public int httpStatus() {
            return this == MISSING || this == MALFORMED ? 401 : 403;
        }
    }

    private final Reason reason;

    public IdentityRefused(Reason reason, String message) {
        super(message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
