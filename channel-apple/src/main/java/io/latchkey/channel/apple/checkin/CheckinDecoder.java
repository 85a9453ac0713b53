package io.latchkey.channel.apple.checkin;

import io.latchkey.channel.apple.plist.EnrollmentRef;
import io.latchkey.channel.apple.plist.MessageRefused;
import io.latchkey.channel.apple.plist.PlistBody;
import io.latchkey.channel.apple.plist.PlistDict;

/**
 * Decodes a check-in body into {@link Authenticate}, {@link TokenUpdate} or {@link CheckOut}.
 * Any other {@code MessageType} (including real ones this server does not serve yet, such as
 * {@code SetBootstrapToken} or {@code DeclarativeManagement}) is refused as NanoMDM does with
 * HTTP 400 (micromdm/nanomdm service/request.go, ErrUnrecognizedMessageType).
 */
public final class CheckinDecoder {

    private final int maxBytes;

    public CheckinDecoder() {
        this(PlistBody.DEFAULT_MAX_BYTES);
    }

    public CheckinDecoder(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** @throws MessageRefused for anything that is not one of the three check-ins, well formed */
    public CheckinMessage decode(byte[] body) {
        PlistDict m = PlistBody.parseDictionary(body, maxBytes);
        String type = m.requiredString("MessageType");
        return switch (type) {
            case "Authenticate" -> authenticate(m);
            case "TokenUpdate" -> tokenUpdate(m);
            case "CheckOut" -> new CheckOut(EnrollmentRef.from(m), m.requiredString("Topic"));
            default -> throw new MessageRefused(MessageRefused.Reason.UNKNOWN_MESSAGE_TYPE,
                    "unsupported check-in MessageType " + MessageRefused.quote(type));
        };
    }

    private static Authenticate authenticate(PlistDict m) {
        return new Authenticate(EnrollmentRef.from(m), m.requiredString("Topic"),
                m.optionalString("SerialNumber"), m.optionalString("Model"), m.optionalString("ModelName"),
                m.optionalString("ProductName"), m.optionalString("OSVersion"), m.optionalString("BuildVersion"),
                m.optionalString("DeviceName"), m.optionalString("IMEI"), m.optionalString("MEID"));
    }

    private static TokenUpdate tokenUpdate(PlistDict m) {
        // Token and PushMagic are required by tokenupdate.yaml: without them the device cannot be woken.
        return new TokenUpdate(EnrollmentRef.from(m), m.requiredString("Topic"), m.requiredData("Token"),
                m.requiredString("PushMagic"), m.optionalData("UnlockToken").filter(t -> t.length > 0),
                m.optionalBoolean("AwaitingConfiguration"), m.optionalString("UserID"),
                m.optionalString("UserShortName"));
    }
}
