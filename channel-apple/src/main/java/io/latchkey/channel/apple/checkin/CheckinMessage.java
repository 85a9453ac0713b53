package io.latchkey.channel.apple.checkin;

import io.latchkey.channel.apple.plist.EnrollmentRef;

/**
 * A check-in message (PUT with Content-Type {@code application/x-apple-aspen-mdm-checkin}) after
 * decoding. The server answers each with HTTP 200 and an empty body (NanoMDM
 * http/mdm/mdm.go; Apple, "Check-in",
 * https://developer.apple.com/documentation/devicemanagement/check-in).
 */
public sealed interface CheckinMessage permits Authenticate, TokenUpdate, CheckOut {

    EnrollmentRef enrollment();

    /** The APNs topic, {@code com.apple.mgmt.…}; it must match the push certificate's. */
    String topic();
}
