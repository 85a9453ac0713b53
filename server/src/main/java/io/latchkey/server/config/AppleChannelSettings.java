package io.latchkey.server.config;

import io.latchkey.channel.apple.push.ApnsSettings;

import java.util.List;

/**
 * How the Apple channel reaches devices and knows them: APNs (null when no credentials are
 * configured: devices then get their commands at their next check-in), and the optional
 * certificate header of a trusted TLS-terminating proxy.
 *
 * @param identityHeader the header name, or null (off, the default)
 * @param trustedProxies the addresses or CIDR ranges allowed to set it; empty when off
 */
public record AppleChannelSettings(ApnsSettings apns, String identityHeader, List<String> trustedProxies) {
    public static final AppleChannelSettings NONE = new AppleChannelSettings(null, null, List.of());

    public AppleChannelSettings {
        trustedProxies = List.copyOf(trustedProxies);
    }

    @Override
    public String toString() {
        return "AppleChannelSettings[apns=" + (apns == null ? "off" : apns.host() + ":" + apns.port())
                + ", identityHeader=" + (identityHeader == null ? "off" : identityHeader) + ", trustedProxies="
                + trustedProxies + "]";
    }
}
