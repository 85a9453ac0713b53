package io.latchkey.channel.apple.scep;

import java.security.cert.X509Certificate;

/**
 * A device identity just issued through SCEP, for the server to record: the user whose challenge
 * was redeemed and the certificate the device will present from now on.
 */
public record IssuedIdentity(String userId, X509Certificate certificate, String transactionId) {
}
