package io.latchkey.channel.apple.report;

import java.util.Optional;

/**
 * One item of a report's {@code ErrorChain}. Apple: "don't rely on these values" (sending-mdm-
 * commands doc), so every field is optional; they are kept as the failure reason shown to admins.
 * Known code: 12021 in MCMDMErrorDomain, "not a valid request type" (micromdm/micromdm issue #970).
 */
public record ErrorChainEntry(
        Optional<Long> errorCode,
        Optional<String> errorDomain,
        Optional<String> localizedDescription,
        Optional<String> usEnglishDescription) {

    /** One line for a failure reason: "MCMDMErrorDomain 12021: …". */
    public String summary() {
        String text = usEnglishDescription.or(() -> localizedDescription).orElse("no description");
        return errorDomain.orElse("unknown domain") + " " + errorCode.map(String::valueOf).orElse("?") + ": " + text;
    }
}
