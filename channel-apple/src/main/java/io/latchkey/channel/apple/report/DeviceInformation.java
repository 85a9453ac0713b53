package io.latchkey.channel.apple.report;

import java.util.Map;
import java.util.Optional;

/**
 * The {@code QueryResponses} of a DeviceInformation reply (apple/device-management
 * mdm/commands/information.device.yaml), with the keys the inventory and the capability matrix
 * use typed, and every key available in {@link #all()}.
 */
public record DeviceInformation(
        Optional<String> udid,
        Optional<String> serialNumber,
        Optional<String> deviceName,
        Optional<String> hostName,
        Optional<String> model,
        Optional<String> modelName,
        Optional<String> productName,
        Optional<String> osVersion,
        Optional<String> buildVersion,
        Optional<String> imei,
        Optional<String> meid,
        Optional<Boolean> supervised,
        Optional<Boolean> lostModeEnabled,
        Optional<Boolean> pinRequiredForDeviceLock,
        Optional<Boolean> pinRequiredForEraseDevice,
        Map<String, Object> all) {
}
