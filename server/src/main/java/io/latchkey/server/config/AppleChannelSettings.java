package io.latchkey.server.config;

import io.latchkey.channel.apple.push.ApnsSettings;

import java.nio.file.Path;
import java.util.List;

/**
 * How the Apple channel reaches devices and knows them: APNs (null when no credentials are
 * configured: devices then get their commands at their next check-in), and the optional
 * certificate header of a trusted TLS-terminating proxy.
 *
 * @param identityHeader the header name, or null (off, the default)
 * @param trustedProxies the addresses or CIDR ranges allowed to set it; empty when off
 * @param profileSigningKeystore PKCS#12 that signs enrollment profiles, or null (served unsigned)
 */
public record AppleChannelSettings(ApnsSettings apns, String identityHeader, List<String> trustedProxies,
                                   Path profileSigningKeystore, String profileSigningPassword) {
    public static final AppleChannelSettings NONE = new AppleChannelSettings(null, null, List.of(), null, null);

    public AppleChannelSettings {
        trustedProxies = List.copyOf(trustedProxies);
    }

    /** The same with push pointed elsewhere (the demo's mock APNs). */
    public AppleChannelSettings withApns(ApnsSettings other) {
        return new AppleChannelSettings(other, identityHeader, trustedProxies, profileSigningKeystore,
                profileSigningPassword);
    }

    @Override
    public String toString() {
        return "AppleChannelSettings[apns=" + (apns == null ? "off" : apns.host() + ":" + apns.port())
                + ", identityHeader=" + (identityHeader == null ? "off" : identityHeader) + ", trustedProxies="
                + trustedProxies + ", profileSigning=" + (profileSigningKeystore == null ? "off" : profileSigningKeystore)
                + "]";
    }
}
