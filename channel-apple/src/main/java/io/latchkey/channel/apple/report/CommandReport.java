package io.latchkey.channel.apple.report;

import io.latchkey.channel.apple.plist.EnrollmentRef;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A device's PUT to the command endpoint: the status of the previous command (or Idle) plus that
 * command's result keys. Results are matched by {@code commandUuid}; a device may report the same
 * status twice (sending-mdm-commands doc), so whoever applies a report must be idempotent.
 *
 * @param commandUuid absent only when the status is Idle
 * @param requestType present in some replies (DeviceInformation.1 fixture), not required
 * @param deviceInformation the typed QueryResponses when the reply carries them
 * @param resultKeys every other top-level key as plain Java values (e.g. {@code MessageResult} of DeviceLock)
 */
public record CommandReport(
        EnrollmentRef enrollment,
        ReportStatus status,
        Optional<String> commandUuid,
        Optional<String> requestType,
        List<ErrorChainEntry> errorChain,
        Optional<DeviceInformation> deviceInformation,
        Map<String, Object> resultKeys) {

    /** The ErrorChain as one line per entry, kept as the command's failure reason. */
    public String failureReason() {
        if (errorChain.isEmpty()) {
            return status.wire();
        }
        return String.join("; ", errorChain.stream().map(ErrorChainEntry::summary).toList());
    }
}
