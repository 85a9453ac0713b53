package io.latchkey.channel.windows.wns;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How to reach WNS (shared/reference/windows-mdm.md §5): the Store app's package SID and client
 * secret for the OAuth token, the token endpoint, and which hosts a channel URI may name.
 *
 * @param tokenEndpoint       {@code https://login.live.com/accesstoken.srf} (Fleet's wns.go), or a stand-in
 * @param channelHostSuffixes a device reports its channel URI; only URIs on these hosts (suffix match,
 *                            https) are ever called, so a device cannot make the server POST anywhere
 */
public record WnsSettings(URI tokenEndpoint, String packageSid, String clientSecret,
                          List<String> channelHostSuffixes, boolean allowPlainHttp, int pushesPerSecond,
                          int maxInFlight, Duration maxRetryAge) {
    public static final URI LIVE_TOKEN_ENDPOINT = URI.create("https://login.live.com/accesstoken.srf");
    public static final String WNS_HOST_SUFFIX = ".notify.windows.com";

    public WnsSettings {
        Objects.requireNonNull(tokenEndpoint, "tokenEndpoint");
        if (packageSid == null || packageSid.isBlank() || clientSecret == null || clientSecret.isBlank()) {
            throw new IllegalArgumentException("WNS needs the Store app's package SID and client secret");
        }
        channelHostSuffixes = channelHostSuffixes.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
        if (channelHostSuffixes.isEmpty()) {
            throw new IllegalArgumentException("WNS needs at least one allowed channel host");
        }
        if (pushesPerSecond < 1 || maxInFlight < 1 || maxRetryAge == null || maxRetryAge.isNegative()
                || maxRetryAge.isZero()) {
            throw new IllegalArgumentException("WNS limits must be positive");
        }
    }

    /** Microsoft's endpoints, 1,000 pushes a second. */
    public static WnsSettings live(String packageSid, String clientSecret) {
        return new WnsSettings(LIVE_TOKEN_ENDPOINT, packageSid, clientSecret, List.of(WNS_HOST_SUFFIX), false, 1000,
                1000, Duration.ofMinutes(15));
    }

    /** Whether the server may POST to this channel URI at all. */
    public boolean allows(URI channel) {
        if (channel == null || channel.getHost() == null) {
            return false;
        }
        boolean schemeOk = "https".equals(channel.getScheme()) || (allowPlainHttp && "http".equals(channel.getScheme()));
        String host = channel.getHost().toLowerCase(Locale.ROOT);
        return schemeOk && channelHostSuffixes.stream().anyMatch(s -> host.equals(s.replaceFirst("^\\.", ""))
                || host.endsWith(s.startsWith(".") ? s : "." + s));
    }

    @Override
    public String toString() {
        return "WnsSettings[tokenEndpoint=" + tokenEndpoint + ", packageSid=" + packageSid + ", clientSecret=****, "
                + "channelHosts=" + channelHostSuffixes + "]";
    }
}
