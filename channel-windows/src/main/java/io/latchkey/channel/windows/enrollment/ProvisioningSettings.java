package io.latchkey.channel.windows.enrollment;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * What the provisioning document tells a newly enrolled device about this server (reference
 * windows-mdm.md §1.2): the OMA-DM account ({@code APPLICATION} w7: PROVIDER-ID, NAME, ADDR,
 * ServerList) and the DMClient poll schedule. Validated when built.
 *
 * @param providerId                 PROVIDER-ID of w7 and the DMClient Provider node name; they MUST be equal
 *                                   (WSO2 sample comment quoted in §1.2), so there is one field for both
 * @param providerName               NAME, shown in Settings > Accounts > Access work or school
 * @param managementUrl              ADDR: the https OMA-DM endpoint
 * @param serverListUrl              ServerList, when the server has one
 * @param pollIntervalMinutes        IntervalForRemainingScheduledRetries: the steady poll once the first
 *                                   retries are used up; NumberOfRemainingScheduledRetries is 0 (poll forever)
 * @param firstRetries               NumberOfFirstRetries (right after enrollment)
 * @param firstRetryIntervalMinutes  IntervalForFirstSetOfRetries
 * @param secondRetries              NumberOfSecondRetries
 * @param secondRetryIntervalMinutes IntervalForSecondSetOfRetries
 * @param pollOnLogin                PollOnLogin: a session at each user sign-in
 */
public record ProvisioningSettings(String providerId, String providerName, URI managementUrl, Optional<URI> serverListUrl,
                                   int pollIntervalMinutes, int firstRetries, int firstRetryIntervalMinutes,
                                   int secondRetries, int secondRetryIntervalMinutes, boolean pollOnLogin) {

    /**
     * Without WNS push (it needs a Store-registered app, reference §5) polling is the only way a
     * queued command reaches the device, so the default steady poll is hourly rather than the
     * 1560 minutes Fleet and the WSO2 sample use alongside push. First retries as Fleet's defaults
     * (reference §1.2): 8 polls 15 minutes apart, then 5 polls 3 minutes apart.
     */
    public static final int DEFAULT_POLL_INTERVAL_MINUTES = 60;

    public ProvisioningSettings {
        Objects.requireNonNull(providerId, "providerId");
        Objects.requireNonNull(providerName, "providerName");
        Objects.requireNonNull(managementUrl, "managementUrl");
        Objects.requireNonNull(serverListUrl, "serverListUrl");
        if (providerId.isBlank() || providerId.length() > 64 || providerId.contains("/")) {
            // The id becomes an OMA-DM node name (./Vendor/MSFT/DMClient/Provider/<id>).
            throw new IllegalArgumentException("providerId must be 1 to 64 characters, no '/'");
        }
        if (providerName.isBlank()) {
            throw new IllegalArgumentException("providerName is blank");
        }
        requireHttps(managementUrl);
        serverListUrl.ifPresent(ProvisioningSettings::requireHttps);
        if (pollIntervalMinutes < 1 || firstRetries < 0 || firstRetryIntervalMinutes < 1
                || secondRetries < 0 || secondRetryIntervalMinutes < 1) {
            throw new IllegalArgumentException("poll counts must be >= 0 and intervals >= 1 minute");
        }
    }

    /** The defaults above for one server. */
    public static ProvisioningSettings of(String providerId, String providerName, URI managementUrl) {
        return new ProvisioningSettings(providerId, providerName, managementUrl, Optional.empty(),
                DEFAULT_POLL_INTERVAL_MINUTES, 8, 15, 5, 3, true);
    }

    public ProvisioningSettings withPollIntervalMinutes(int minutes) {
        return new ProvisioningSettings(providerId, providerName, managementUrl, serverListUrl, minutes,
                firstRetries, firstRetryIntervalMinutes, secondRetries, secondRetryIntervalMinutes, pollOnLogin);
    }

    public ProvisioningSettings withServerListUrl(URI url) {
        return new ProvisioningSettings(providerId, providerName, managementUrl, Optional.of(url), pollIntervalMinutes,
                firstRetries, firstRetryIntervalMinutes, secondRetries, secondRetryIntervalMinutes, pollOnLogin);
    }

    private static void requireHttps(URI url) {
        if (!url.isAbsolute() || !"https".equalsIgnoreCase(url.getScheme()) || url.getHost() == null) {
            throw new IllegalArgumentException("not an absolute https URL: " + url);
        }
    }
}
