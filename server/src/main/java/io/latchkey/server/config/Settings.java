package io.latchkey.server.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * The validated, immutable configuration of one process. Built only by {@link SettingsLoader};
 * {@link #toString()} masks every secret.
 *
 * @param databaseUrl   always set: the embedded database's file URL when none was configured
 * @param embedded      the database is the embedded one in {@code dataDir} (SQLite, or an earlier version's H2)
 * @param secretKey     the master keys as configured; null when none was: the key file in the data directory
 * @param publicUrl     null when none was configured: http://localhost:<bound port>
 * @param appleCaPassword null when none was configured: the password file in the data directory is used
 * @param tls           null when Latchkey serves plain HTTP (TLS is terminated in front of it)
 * @param wns           null when no WNS credentials are configured (Windows devices poll)
 * @param android       null when no Android service-account key is configured (Android channel off)
 * @param maxRequestBytes the largest request body the HTTP server accepts
 * @param oidc          null when no OpenID Connect provider is configured (JWT bearers refused)
 * @param enrollmentRateLimit requests a minute per client address on the enrollment endpoints; 0 = no limit
 * @param eas           null when no upstream Exchange is configured (the EAS gateway is off)
 * @param approval      which submissions wait for a second administrator (approval.*)
 * @param pushBreaker   the circuit breaker in front of each push service (APNs, WNS)
 * @param drainTimeout  on SIGTERM, how long requests in flight may take to finish
 * @param checkInCacheDevices quiet devices whose Idle answer a node keeps in memory; 0 = none
 */
public record Settings(int port, String bind, Path dataDir, String databaseUrl, String databaseUser,
                       String databasePassword, int databasePoolSize, boolean embedded, MasterKeys secretKey,
                       LogFormat logFormat, Duration defaultActionTtl, boolean migrateOnStart,
                       String bootstrapAdminUser, String bootstrapAdminPassword, String bootstrapAdminToken,
                       URI publicUrl, String appleMdmTopic, String appleCaPassword, Duration enrollmentCodeTtl,
                       AppleChannelSettings apple, TlsSettings tls, Duration repushAfter,
                       io.latchkey.channel.windows.wns.WnsSettings wns,
                       io.latchkey.channel.android.AndroidSettings android, long maxRequestBytes,
                       io.latchkey.core.admin.SignInThrottle.Limits signIn, OidcSettings oidc,
                       int enrollmentRateLimit, EasSettings eas,
                       io.latchkey.core.approval.ApprovalPolicy approval,
                       io.latchkey.wake.CircuitBreaker.Settings pushBreaker, Duration drainTimeout,
                       int checkInCacheDevices) {

    public Settings {
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(databaseUrl, "databaseUrl");
        Objects.requireNonNull(logFormat, "logFormat");
        Objects.requireNonNull(defaultActionTtl, "defaultActionTtl");
        Objects.requireNonNull(appleMdmTopic, "appleMdmTopic");
        Objects.requireNonNull(enrollmentCodeTtl, "enrollmentCodeTtl");
        apple = apple == null ? AppleChannelSettings.NONE : apple;
        signIn = signIn == null ? io.latchkey.core.admin.SignInThrottle.Limits.DEFAULT : signIn;
        approval = approval == null ? io.latchkey.core.approval.ApprovalPolicy.defaults() : approval;
        pushBreaker = pushBreaker == null ? io.latchkey.wake.CircuitBreaker.Settings.DEFAULT : pushBreaker;
        drainTimeout = drainTimeout == null ? Duration.ofSeconds(20) : drainTimeout;
    }

    public Settings withPort(int newPort) {
        return new Settings(newPort, bind, dataDir, databaseUrl, databaseUser, databasePassword, databasePoolSize,
                embedded, secretKey, logFormat, defaultActionTtl, migrateOnStart, bootstrapAdminUser,
                bootstrapAdminPassword, bootstrapAdminToken, publicUrl, appleMdmTopic, appleCaPassword, enrollmentCodeTtl,
                apple, tls, repushAfter, wns, android, maxRequestBytes, signIn, oidc, enrollmentRateLimit, eas, approval, pushBreaker, drainTimeout,
                checkInCacheDevices);
    }

    /** The same settings with another Apple channel configuration (the demo points APNs at its mock). */
    public Settings withApple(AppleChannelSettings newApple) {
        return new Settings(port, bind, dataDir, databaseUrl, databaseUser, databasePassword, databasePoolSize,
                embedded, secretKey, logFormat, defaultActionTtl, migrateOnStart, bootstrapAdminUser,
                bootstrapAdminPassword, bootstrapAdminToken, publicUrl, appleMdmTopic, appleCaPassword, enrollmentCodeTtl,
                newApple, tls, repushAfter, wns, android, maxRequestBytes, signIn, oidc, enrollmentRateLimit, eas, approval, pushBreaker, drainTimeout,
                checkInCacheDevices);
    }

    /** The same settings with another Android channel configuration (the demo points it at its stand-in). */
    public Settings withAndroid(io.latchkey.channel.android.AndroidSettings newAndroid) {
        return new Settings(port, bind, dataDir, databaseUrl, databaseUser, databasePassword, databasePoolSize,
                embedded, secretKey, logFormat, defaultActionTtl, migrateOnStart, bootstrapAdminUser,
                bootstrapAdminPassword, bootstrapAdminToken, publicUrl, appleMdmTopic, appleCaPassword, enrollmentCodeTtl,
                apple, tls, repushAfter, wns, newAndroid, maxRequestBytes, signIn, oidc, enrollmentRateLimit, eas, approval, pushBreaker, drainTimeout,
                checkInCacheDevices);
    }

    /** The same settings with another EAS gateway configuration (the demo points it at its stand-in). */
    public Settings withEas(EasSettings newEas) {
        return new Settings(port, bind, dataDir, databaseUrl, databaseUser, databasePassword, databasePoolSize,
                embedded, secretKey, logFormat, defaultActionTtl, migrateOnStart, bootstrapAdminUser,
                bootstrapAdminPassword, bootstrapAdminToken, publicUrl, appleMdmTopic, appleCaPassword, enrollmentCodeTtl,
                apple, tls, repushAfter, wns, android, maxRequestBytes, signIn, oidc, enrollmentRateLimit, newEas, approval, pushBreaker, drainTimeout,
                checkInCacheDevices);
    }

    /** "SQLite" or "H2", for the start-up line and warnings. */
    public String embeddedEngine() {
        return databaseUrl.startsWith("jdbc:h2:") ? "H2" : "SQLite";
    }

    @Override
    public String toString() {
        return "Settings[port=" + port + ", bind=" + bind + ", dataDir=" + dataDir + ", database="
                + (embedded ? "embedded " + embeddedEngine() : databaseUrl.replaceAll("password=[^&;]*", "password=****"))
                + ", databaseUser=" + databaseUser + ", databasePassword=" + mask(databasePassword)
                + ", databasePoolSize=" + databasePoolSize + ", secretKey=" + (secretKey == null ? "(key file in the data directory)" : secretKey)
                + ", logFormat=" + logFormat + ", defaultActionTtl=" + defaultActionTtl
                + ", migrateOnStart=" + migrateOnStart + ", bootstrapAdminUser=" + bootstrapAdminUser
                + ", bootstrapAdminPassword=" + mask(bootstrapAdminPassword)
                + ", bootstrapAdminToken=" + mask(bootstrapAdminToken)
                + ", publicUrl=" + (publicUrl == null ? "(http://localhost:<port>)" : publicUrl)
                + ", appleMdmTopic=" + appleMdmTopic + ", appleCaPassword=" + mask(appleCaPassword)
                + ", enrollmentCodeTtl=" + enrollmentCodeTtl + ", apple=" + apple + ", tls="
                + (tls == null ? "off" : tls.keystore()) + ", repushAfter=" + repushAfter + ", wns=" + (wns == null ? "off" : wns)
                + ", android=" + (android == null ? "off" : android) + ", maxRequestBytes=" + maxRequestBytes + ", signIn=" + signIn + ", oidc=" + (oidc == null ? "off" : oidc) + ", eas=" + (eas == null ? "off" : eas) 
                + ", pushBreaker=" + pushBreaker + ", drainTimeout=" + drainTimeout + "]";
    }

    private static String mask(String secret) {
        return secret == null ? "(none)" : "****";
    }
}
