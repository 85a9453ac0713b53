package io.latchkey.channel.apple.scep;

import java.util.Optional;

/**
 * The answer to a PKIOperation: always a CertRep body (HTTP 200, {@link #CONTENT_TYPE}), SUCCESS
 * with {@code issued} or FAILURE with {@code failure}. RFC 8894 §4.3 answers a refused request
 * with a FAILURE CertRep, not with an HTTP error.
 */
public record ScepReply(byte[] body, Optional<IssuedIdentity> issued, Optional<FailInfo> failure) {

    public static final String CONTENT_TYPE = "application/x-pki-message";
}
