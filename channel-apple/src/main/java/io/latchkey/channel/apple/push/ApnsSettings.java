package io.latchkey.channel.apple.push;

import com.eatthepath.pushy.apns.ApnsClientBuilder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How to reach APNs, validated when constructed: a bad value fails at startup with a message that
 * names the setting, not at the first push.
 *
 * <p>Credentials are of exactly one kind:
 * <ul>
 *   <li>certificate: {@code certificateP12} (the MDM push certificate and its key, as Apple's
 *       Push Certificates Portal issues it) and {@code certificatePassword} (may be empty);</li>
 *   <li>token: {@code signingKeyP8}, {@code teamId} and {@code keyId}. Apple documents MDM pushes
 *       with the MDM push certificate, whose UID is the topic (docs/reference apple-mdm.md §3);
 *       token credentials are accepted for completeness, not because Apple documents them for MDM.</li>
 * </ul>
 *
 * @param trustedServerCertificate optional PEM file: trust only this server certificate (chain)
 *                                 instead of the JDK's trust store, to pin APNs or to reach a mock
 * @param pushesPerSecond          at most this many pushes leave per second
 * @param maxInFlight              at most this many pushes wait for an APNs answer at once
 * @param maxRetryAge              a wake that keeps failing (429, 5xx, network) is retried for this long
 *                                 after its first attempt, then dropped
 */
public record ApnsSettings(String host, int port,
                           Path certificateP12, char[] certificatePassword,
                           Path signingKeyP8, String teamId, String keyId,
                           Path trustedServerCertificate,
                           int pushesPerSecond, int maxInFlight, Duration maxRetryAge) {

    /** Pushy's constants, which are Apple's published hosts and ports. */
    public static final String PRODUCTION_HOST = ApnsClientBuilder.PRODUCTION_APNS_HOST;
    public static final String SANDBOX_HOST = ApnsClientBuilder.DEVELOPMENT_APNS_HOST;
    public static final int DEFAULT_PORT = ApnsClientBuilder.DEFAULT_APNS_PORT;
    public static final int ALTERNATE_PORT = ApnsClientBuilder.ALTERNATE_APNS_PORT;

    public static final int DEFAULT_PUSHES_PER_SECOND = 100;
    public static final int DEFAULT_MAX_IN_FLIGHT = 100;
    public static final Duration DEFAULT_MAX_RETRY_AGE = Duration.ofMinutes(15);

    public ApnsSettings {
        List<String> problems = new ArrayList<>();
        if (host == null || host.isBlank()) {
            problems.add("host is required (e.g. " + PRODUCTION_HOST + " or " + SANDBOX_HOST + ")");
        }
        if (port < 1 || port > 65535) {
            problems.add("port must be between 1 and 65535, was " + port);
        }
        boolean certificateKind = certificateP12 != null || certificatePassword != null;
        boolean tokenKind = signingKeyP8 != null || teamId != null || keyId != null;
        if (certificateKind && tokenKind) {
            problems.add("give either certificate credentials (certificateP12, certificatePassword)"
                    + " or token credentials (signingKeyP8, teamId, keyId), not both");
        } else if (!certificateKind && !tokenKind) {
            problems.add("no APNs credentials: give certificate credentials (certificateP12, certificatePassword)"
                    + " or token credentials (signingKeyP8, teamId, keyId)");
        } else if (certificateKind) {
            if (certificateP12 == null) {
                problems.add("certificatePassword is set but certificateP12 is missing");
            } else {
                checkReadable("certificateP12", certificateP12, problems);
            }
            if (certificatePassword == null) {
                problems.add("certificatePassword is required with certificateP12 (use an empty password if it has none)");
            }
        } else {
            if (signingKeyP8 == null) {
                problems.add("signingKeyP8 is required with token credentials");
            } else {
                checkReadable("signingKeyP8", signingKeyP8, problems);
            }
            if (teamId == null || teamId.isBlank()) {
                problems.add("teamId is required with token credentials");
            }
            if (keyId == null || keyId.isBlank()) {
                problems.add("keyId is required with token credentials");
            }
        }
        if (trustedServerCertificate != null) {
            checkReadable("trustedServerCertificate", trustedServerCertificate, problems);
        }
        if (pushesPerSecond < 1) {
            problems.add("pushesPerSecond must be at least 1, was " + pushesPerSecond);
        }
        if (maxInFlight < 1) {
            problems.add("maxInFlight must be at least 1, was " + maxInFlight);
        }
        if (maxRetryAge == null || maxRetryAge.isNegative() || maxRetryAge.isZero()) {
            problems.add("maxRetryAge must be a positive duration, was " + maxRetryAge);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Invalid APNs settings: " + String.join("; ", problems));
        }
        // The record keeps its own copy so a caller wiping its array (good practice) cannot change it.
        certificatePassword = certificatePassword == null ? null : certificatePassword.clone();
    }

    /** APNs production with the MDM push certificate, default limits. */
    public static ApnsSettings production(Path certificateP12, char[] certificatePassword) {
        return certificate(PRODUCTION_HOST, certificateP12, certificatePassword);
    }

    /** APNs sandbox (profiles with {@code UseDevelopmentAPNS}) with the MDM push certificate, default limits. */
    public static ApnsSettings sandbox(Path certificateP12, char[] certificatePassword) {
        return certificate(SANDBOX_HOST, certificateP12, certificatePassword);
    }

    private static ApnsSettings certificate(String host, Path certificateP12, char[] certificatePassword) {
        return new ApnsSettings(host, DEFAULT_PORT, certificateP12, certificatePassword, null, null, null, null,
                DEFAULT_PUSHES_PER_SECOND, DEFAULT_MAX_IN_FLIGHT, DEFAULT_MAX_RETRY_AGE);
    }

    /** The same settings against another server, e.g. port 2197 or a mock. */
    public ApnsSettings withServer(String host, int port) {
        return new ApnsSettings(host, port, certificateP12, certificatePassword, signingKeyP8, teamId, keyId,
                trustedServerCertificate, pushesPerSecond, maxInFlight, maxRetryAge);
    }

    public ApnsSettings withTrustedServerCertificate(Path pem) {
        return new ApnsSettings(host, port, certificateP12, certificatePassword, signingKeyP8, teamId, keyId,
                pem, pushesPerSecond, maxInFlight, maxRetryAge);
    }

    public ApnsSettings withLimits(int pushesPerSecond, int maxInFlight, Duration maxRetryAge) {
        return new ApnsSettings(host, port, certificateP12, certificatePassword, signingKeyP8, teamId, keyId,
                trustedServerCertificate, pushesPerSecond, maxInFlight, maxRetryAge);
    }

    /** A copy: the caller may wipe it after use. */
    @Override
    public char[] certificatePassword() {
        return certificatePassword == null ? null : certificatePassword.clone();
    }

    /** The password is never printed. */
    @Override
    public String toString() {
        return "ApnsSettings[" + host + ":" + port
                + (certificateP12 != null ? ", certificateP12=" + certificateP12 : ", signingKeyP8=" + signingKeyP8
                        + ", teamId=" + teamId + ", keyId=" + keyId)
                + (trustedServerCertificate != null ? ", trustedServerCertificate=" + trustedServerCertificate : "")
                + ", pushesPerSecond=" + pushesPerSecond + ", maxInFlight=" + maxInFlight
                + ", maxRetryAge=" + maxRetryAge + "]";
    }

    private static void checkReadable(String name, Path file, List<String> problems) {
        if (!Files.isRegularFile(file)) {
            problems.add(name + " " + file + " does not exist or is not a regular file");
        } else if (!Files.isReadable(file)) {
            problems.add(name + " " + file + " is not readable");
        }
    }
}
