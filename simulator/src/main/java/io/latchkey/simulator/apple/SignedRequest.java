package io.latchkey.simulator.apple;

import java.net.URI;
import java.util.Optional;

/**
 * One MDM request exactly as the device would send it, signed once: for load tests that measure
 * the server, not the simulator's signing (an RSA signature per request would otherwise be most
 * of the client's CPU). The server checks the signature on every request all the same.
 */
public record SignedRequest(URI url, byte[] body, String contentType, Optional<String> mdmSignature) {
}
