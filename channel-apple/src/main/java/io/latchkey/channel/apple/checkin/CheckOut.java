package io.latchkey.channel.apple.checkin;

import io.latchkey.channel.apple.plist.EnrollmentRef;

/**
 * The device removed the enrollment profile; sent only when the profile has
 * {@code CheckOutWhenRemoved} (apple/device-management mdm/checkin/checkout.yaml). The device is
 * unenrolled from then on.
 */
public record CheckOut(EnrollmentRef enrollment, String topic) implements CheckinMessage {
}
