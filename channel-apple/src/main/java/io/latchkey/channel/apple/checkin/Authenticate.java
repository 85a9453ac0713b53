package io.latchkey.channel.apple.checkin;

import io.latchkey.channel.apple.plist.EnrollmentRef;

import java.util.Optional;

/**
 * The first check-in of an enrollment (apple/device-management mdm/checkin/authenticate.yaml).
 * NanoMDM clears the command queue and disables the enrollment until the next TokenUpdate
 * (micromdm/nanomdm service/nanomdm/service.go). The inventory keys are optional: an iPad sends
 * no {@code Model} or {@code DeviceName}, a Mac sends both (fixtures Authenticate.1 and .2).
 */
public record Authenticate(
        EnrollmentRef enrollment,
        String topic,
        Optional<String> serialNumber,
        Optional<String> model,
        Optional<String> modelName,
        Optional<String> productName,
        Optional<String> osVersion,
        Optional<String> buildVersion,
        Optional<String> deviceName,
        Optional<String> imei,
        Optional<String> meid) implements CheckinMessage {
}
