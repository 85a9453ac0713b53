package io.latchkey.channel.apple.scep;

import io.latchkey.core.Rejected;

/**
 * A PKIOperation body that is not a SCEP message at all (not CMS, or without the attributes a
 * CertRep needs to answer it): there is nobody to send a FAILURE CertRep to, so the HTTP layer
 * answers 400, as a {@link Rejected} of kind INVALID.
 */
public final class MalformedScepRequest extends Rejected {

    public MalformedScepRequest(String message) {
        super(Kind.INVALID, message);
    }
}
