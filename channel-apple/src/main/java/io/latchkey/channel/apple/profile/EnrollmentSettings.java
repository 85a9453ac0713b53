package io.latchkey.channel.apple.profile;

import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * What every enrollment profile of this server shares; the per-user parts (challenge, subject)
 * are arguments of {@link EnrollmentProfileWriter#write}.
 *
 * @param profileIdentifier the outer PayloadIdentifier; RemoveProfile names it to retire a device
 * @param topic the APNs topic, the UID in the push certificate's subject ({@code com.apple.mgmt.…})
 * @param serverCapabilities announced to the device; only what the server really serves, since a
 *        device that is told {@code com.apple.mdm.per-user-connections} or
 *        {@code com.apple.mdm.bootstraptoken} sends check-ins that this server refuses today
 * @param developmentApns sets UseDevelopmentAPNS, for a sandbox push certificate
 */
public record EnrollmentSettings(
        String organization,
        String profileIdentifier,
        URI scepUrl,
        URI serverUrl,
        URI checkInUrl,
        String topic,
        List<String> serverCapabilities,
        boolean developmentApns) {

    public EnrollmentSettings {
        Objects.requireNonNull(organization, "organization");
        Objects.requireNonNull(profileIdentifier, "profileIdentifier");
        Objects.requireNonNull(scepUrl, "scepUrl");
        Objects.requireNonNull(serverUrl, "serverUrl");
        Objects.requireNonNull(checkInUrl, "checkInUrl");
        if (topic == null || !topic.startsWith("com.apple.mgmt.")) {
            // token-update doc: the check-in Topic must start with com.apple.mgmt.
            throw new IllegalArgumentException("the MDM topic starts with com.apple.mgmt.");
        }
        serverCapabilities = List.copyOf(serverCapabilities);
    }
}
