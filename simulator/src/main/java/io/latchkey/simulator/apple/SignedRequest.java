package io.latchkey.simulator.apple;

import java.net.URI;
import java.util.Map;

/**
 * One MDM request exactly as the device would send it, identity included: for load tests that
 * measure the server, not the simulator's signing (an RSA signature per request would otherwise be
 * most of the client's CPU). The server checks the identity on every request all the same.
 *
 * @param identityHeaders {@code Mdm-Signature}, or the certificate header a TLS-terminating proxy
 *                        sets when the devices sit behind one ({@link DeviceHttp#behindProxy})
 */
public record SignedRequest(URI url, byte[] body, String contentType, Map<String, String> identityHeaders) {
    public SignedRequest {
        identityHeaders = Map.copyOf(identityHeaders);
    }
}
