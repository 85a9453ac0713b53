package io.latchkey.channel.eas.http;

import java.util.Map;
import java.util.Objects;

/**
 * What the gateway reads from one ActiveSync POST's URI and headers (MS-ASHTTP §2.2.1.1), in
 * either query form. Nothing here is a credential: the Authorization header is never read into it.
 *
 * @param protocolVersion e.g. "14.1", from MS-ASProtocolVersion or the base64 query's version byte
 * @param policyKey       the client's policy key (X-MS-PolicyKey or the base64 field); null when not sent
 * @param parameters      the other URI parameters (CollectionId, ItemId, SaveInSent, ...), by name
 * @param base64          whether the request used the base64-encoded query form
 */
public record EasRequest(EasCommand command, String user, String deviceId, String deviceType,
                         String protocolVersion, Long policyKey, Map<String, String> parameters, boolean base64) {
    public EasRequest {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(deviceType, "deviceType");
        Objects.requireNonNull(protocolVersion, "protocolVersion");
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
    }

    /** The protocol version as a comparable number: "12.1" → 121, "16.1" → 161. */
    public int versionNumber() {
        return ProtocolVersions.number(protocolVersion);
    }
}
