package io.latchkey.channel.apple.report;

import io.latchkey.channel.apple.plist.EnrollmentRef;
import io.latchkey.channel.apple.plist.MessageRefused;
import io.latchkey.channel.apple.plist.PlistBody;
import io.latchkey.channel.apple.plist.PlistDict;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decodes a command-endpoint body into a {@link CommandReport}. A missing {@code Status} is an
 * error, as in NanoMDM (micromdm/nanomdm mdm/command.go); so is a missing {@code CommandUUID}
 * with any status but Idle, because the report could not be matched to a command.
 */
public final class CommandReportDecoder {

    private static final Set<String> STANDARD_KEYS = Set.of("UDID", "EnrollmentID", "EnrollmentUserID", "UserID",
            "Status", "CommandUUID", "RequestType", "ErrorChain", "QueryResponses");

    private final int maxBytes;

    public CommandReportDecoder() {
        this(PlistBody.DEFAULT_MAX_BYTES);
    }

    public CommandReportDecoder(int maxBytes) {
        this.maxBytes = maxBytes;
    }

    /** @throws MessageRefused when the body is not a well-formed report */
    public CommandReport decode(byte[] body) {
        PlistDict m = PlistBody.parseDictionary(body, maxBytes);
        EnrollmentRef enrollment = EnrollmentRef.from(m);
        ReportStatus status = ReportStatus.fromWire(m.requiredString("Status"));
        Optional<String> commandUuid = m.optionalString("CommandUUID").filter(s -> !s.isBlank());
        if (status != ReportStatus.IDLE && commandUuid.isEmpty()) {
            throw new MessageRefused(MessageRefused.Reason.MISSING_KEY,
                    "the key CommandUUID is missing from a " + status.wire() + " report");
        }
        List<ErrorChainEntry> chain = m.optionalDictArray("ErrorChain").stream()
                .map(e -> new ErrorChainEntry(e.optionalInteger("ErrorCode"), e.optionalString("ErrorDomain"),
                        e.optionalString("LocalizedDescription"), e.optionalString("USEnglishDescription")))
                .toList();
        Optional<DeviceInformation> info = m.optionalDict("QueryResponses").map(CommandReportDecoder::deviceInformation);
        Map<String, Object> rest = new LinkedHashMap<>(m.toJava());
        rest.keySet().removeAll(STANDARD_KEYS);
        return new CommandReport(enrollment, status, commandUuid, m.optionalString("RequestType"), chain, info,
                Collections.unmodifiableMap(rest));
    }

    private static DeviceInformation deviceInformation(PlistDict q) {
        return new DeviceInformation(q.optionalString("UDID"), q.optionalString("SerialNumber"),
                q.optionalString("DeviceName"), q.optionalString("HostName"), q.optionalString("Model"),
                q.optionalString("ModelName"), q.optionalString("ProductName"), q.optionalString("OSVersion"),
                q.optionalString("BuildVersion"), q.optionalString("IMEI"), q.optionalString("MEID"),
                q.optionalBoolean("IsSupervised"), q.optionalBoolean("IsMDMLostModeEnabled"),
                q.optionalBoolean("PINRequiredForDeviceLock"), q.optionalBoolean("PINRequiredForEraseDevice"),
                Collections.unmodifiableMap(q.toJava()));
    }
}
