package io.latchkey.channel.apple.plist;

/**
 * Which enrollment a message speaks for: the device's {@code UDID}, or the {@code EnrollmentID}
 * that replaces it in User Enrollment (apple/device-management mdm/checkin/authenticate.yaml;
 * NanoMDM normalises the same way in service/nanomdm/service.go). The server must check that this
 * identifier belongs to the certificate that authenticated the request.
 */
public record EnrollmentRef(Kind kind, String value) {

    public enum Kind { UDID, ENROLLMENT_ID }

    public EnrollmentRef {
        if (kind == null || value == null || value.isBlank()) {
            throw new IllegalArgumentException("an enrollment reference needs a kind and a value");
        }
    }

    /** Reads {@code UDID}, else {@code EnrollmentID}; a message with neither is refused. */
    public static EnrollmentRef from(PlistDict message) {
        var udid = message.optionalString("UDID").filter(s -> !s.isBlank());
        if (udid.isPresent()) {
            return new EnrollmentRef(Kind.UDID, udid.get());
        }
        return message.optionalString("EnrollmentID").filter(s -> !s.isBlank())
                .map(id -> new EnrollmentRef(Kind.ENROLLMENT_ID, id))
                .orElseThrow(() -> new MessageRefused(MessageRefused.Reason.NO_DEVICE_IDENTIFIER,
                        "the message has neither UDID nor EnrollmentID"));
    }
}
