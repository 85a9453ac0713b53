package io.latchkey.server.config;

import java.util.Locale;

/**
 * Every setting, once: its config-file key, from which the environment variable
 * ({@code LATCHKEY_DATA_DIR}) and the flag ({@code --data-dir}) are derived, so the three can never
 * drift apart. The CLI, the loader and the README table all read this list.
 */
public enum Option {
    PORT("port", "8080", "HTTP port; 0 picks a free port (the chosen one is printed)", false),
    BIND("bind", "0.0.0.0", "address to listen on", false),
    HTTP_MAX_REQUEST_MB("http.max.request.mb", "64", "largest request body accepted, in MiB (1 to 1024): an "
            + "inventory import or a bulk action naming a million devices (about 40 MB of JSON) must fit; larger "
            + "bodies are answered 413", false),
    ENROLLMENT_RATE_LIMIT("enrollment.rate.limit", "600", "requests a minute one client address may make to the "
            + "enrollment endpoints (Apple profile and SCEP, Windows EnrollmentServer); more are answered 429; 0 turns "
            + "the limit off (load tests; or when a proxy in front limits per client)", false),
    TLS_KEYSTORE("tls.keystore", null, "PKCS#12 with the server's certificate and key: Latchkey then serves HTTPS on "
            + "its port itself and asks devices for their identity certificate (mutual TLS); plain HTTP when unset "
            + "(behind a TLS-terminating proxy)", false),
    TLS_KEYSTORE_PASSWORD("tls.keystore.password", null, "password of that PKCS#12 file", true),
    DATA_DIR("data.dir", "./data", "directory for the embedded database and the generated secret key", false),
    DATABASE_URL("database.url", null, "JDBC URL (jdbc:postgresql://…, jdbc:sqlite:… or "
            + "jdbc:h2:file:…); default: the embedded SQLite database in the data directory (an H2 database left "
            + "there by an earlier version is kept)", false),
    DATABASE_USER("database.user", null, "database user (embedded default: sa)", false),
    DATABASE_PASSWORD("database.password", null, "database password", true),
    DATABASE_POOL_SIZE("database.pool.size", "10", "maximum database connections", false),
    SECRET_KEY("secret.key", null, "master key(s) wrapping the data keys that seal secrets at rest: base64 of 32 "
            + "bytes, several separated by commas with the primary first; default: the key file", true),
    SECRET_KEY_FILE("secret.key.file", null, "file of master keys, one base64 32-byte key per line, the primary "
            + "first; default: <data-dir>/secret.key, generated once (mode 0600)", false),
    LOG_FORMAT("log.format", "text", "log format: text or json", false),
    DEFAULT_ACTION_TTL("default.action.ttl", "7d", "how long a command waits for its device before it expires "
            + "(30m, 12h, 7d or ISO-8601 like PT12H; 1 minute to 90 days)", false),
    MIGRATE_ON_START("migrate.on.start", "true", "bring the database schema up to date at start (true/false)",
            false),
    BOOTSTRAP_ADMIN_USER("bootstrap.admin.user", "admin", "name of the first administrator", false),
    BOOTSTRAP_ADMIN_PASSWORD("bootstrap.admin.password", null, "console password of the first administrator, "
            + "used only at a start with no administrator yet", true),
    BOOTSTRAP_ADMIN_TOKEN("bootstrap.admin.token", null, "API bearer token of the first administrator, used only "
            + "at a start with no administrator yet", true),
    PUBLIC_URL("public.url", null, "the URL devices reach this server at, written into enrollment profiles "
            + "(https://mdm.example.com); default: http://localhost:<port>", false),
    APPLE_MDM_TOPIC("apple.mdm.topic", AppleDefaults.PLACEHOLDER_TOPIC, "APNs topic of the Apple MDM push "
            + "certificate (com.apple.mgmt.External.<uuid>); the default is a placeholder until push is configured",
            false),
    APPLE_CA_PASSWORD("apple.ca.password", null, "password of the Apple device CA keystore "
            + "<data-dir>/apple/apple-device-ca.p12; default: generated once into <data-dir>/apple/ca.password "
            + "(mode 0600)", true),
    APPLE_APNS_SERVER("apple.apns.server", "production", "APNs server: production, sandbox, or host:port "
            + "(a mock or a pinned relay)", false),
    APPLE_APNS_CERTIFICATE("apple.apns.certificate", null, "PKCS#12 file of the MDM push certificate (from "
            + "Apple's Push Certificates Portal); without APNs credentials devices get commands at their next "
            + "check-in only", false),
    APPLE_APNS_CERTIFICATE_PASSWORD("apple.apns.certificate.password", null, "password of that PKCS#12 file",
            true),
    APPLE_APNS_KEY("apple.apns.key", null, "APNs token signing key (.p8), instead of a certificate", false),
    APPLE_APNS_TEAM_ID("apple.apns.team.id", null, "Apple team id, with apple.apns.key", false),
    APPLE_APNS_KEY_ID("apple.apns.key.id", null, "key id of apple.apns.key", false),
    APPLE_APNS_TRUSTED_CERTIFICATE("apple.apns.trusted.certificate", null, "PEM file of the only server "
            + "certificate to trust for APNs (pinning, or a mock server in tests)", false),
    APPLE_APNS_RATE("apple.apns.rate", "1000", "at most this many pushes per second", false),
    APPLE_PROFILE_SIGNING_KEYSTORE("apple.profile.signing.keystore", null, "PKCS#12 file with the certificate "
            + "(and chain) that signs enrollment profiles, so devices show them as verified; unsigned when unset",
            false),
    APPLE_PROFILE_SIGNING_PASSWORD("apple.profile.signing.password", null, "password of that PKCS#12 file", true),
    APPLE_IDENTITY_HEADER("apple.identity.header", null, "header in which a TLS-terminating proxy forwards the "
            + "device's client certificate (RFC 9440 or URL-escaped PEM); off unless set", false),
    APPLE_IDENTITY_PROXIES("apple.identity.proxies", null, "comma-separated addresses or CIDR ranges of the "
            + "proxies allowed to set apple.identity.header; required with it", false),
    WINDOWS_WNS_PACKAGE_SID("windows.wns.package.sid", null, "package SID of the Microsoft Store app registered "
            + "for WNS (ms-app://s-1-15-2-…); without it Windows devices come back on their poll schedule only", false),
    WINDOWS_WNS_CLIENT_SECRET("windows.wns.client.secret", null, "client secret of that app", true),
    WINDOWS_WNS_TOKEN_URL("windows.wns.token.url", "https://login.live.com/accesstoken.srf", "WNS OAuth token "
            + "endpoint", false),
    WINDOWS_WNS_HOSTS("windows.wns.hosts", ".notify.windows.com", "comma-separated host suffixes a device's "
            + "channel URI may name; no other host is ever called", false),
    WINDOWS_WNS_ALLOW_HTTP("windows.wns.allow.http", "false", "also call plain-http channel URIs (a local WNS "
            + "stand-in only)", false),
    REPUSH_AFTER("repush.after", "15m", "wake again devices that were pushed a command and have not answered "
            + "after this long (push services drop pushes; 10 seconds to 90 days)", false),
    PUSH_BREAKER_FAILURES("push.breaker.failures", "20", "APNs or WNS failures in a row (5xx, no answer) that open "
            + "its circuit breaker: no pushes until a probe after push.breaker.cooldown succeeds; commands stay due "
            + "(1 to 100000)", false),
    PUSH_BREAKER_COOLDOWN("push.breaker.cooldown", "30s", "how long an open push circuit breaker waits before a "
            + "probe push (1 second to 1 hour)", false),
    CHECKIN_CACHE_DEVICES("checkin.cache.devices", "20000", "quiet devices (nothing due) each node remembers for "
            + "up to a minute (about 700 bytes of heap each), so that their Idle check-ins need no database read; "
            + "0 turns it off (every check-in reads the database); 0 to 1,000,000", false),
    SHUTDOWN_DRAIN_TIMEOUT("shutdown.drain.timeout", "20s", "on SIGTERM, how long requests in flight may take to "
            + "finish while new connections are refused, before the process stops anyway (1 second to 10 minutes)",
            false),
    SIGNIN_MAX_FAILURES("signin.max.failures", "5", "failed sign-ins of one account, within signin.window, that "
            + "lock it for signin.lockout", false),
    SIGNIN_ADDRESS_MAX_FAILURES("signin.address.max.failures", "20", "failed sign-ins from one client address, "
            + "within signin.window, that lock that address for signin.lockout", false),
    SIGNIN_WINDOW("signin.window", "15m", "how far back failed sign-ins are counted", false),
    SIGNIN_LOCKOUT("signin.lockout", "15m", "how long a locked account or address is refused sign-in", false),
    ENROLLMENT_CODE_TTL("enrollment.code.ttl", "7d", "how long a one-time enrollment code stays usable "
            + "(30m, 12h, 7d; 1 minute to 90 days)", false),
    ANDROID_SERVICE_ACCOUNT_KEY("android.service.account.key", null, "Google Cloud service-account key file "
            + "(JSON) for the Android Management API; the Android channel is off without it (its content is never "
            + "logged)", false),
    ANDROID_PROJECT_ID("android.project.id", null, "Google Cloud project of the Android Enterprise; default: the "
            + "key file's project_id", false),
    ANDROID_AMAPI_ROOT_URL("android.amapi.root.url", "https://androidmanagement.googleapis.com/", "root URL of "
            + "the Android Management API (a local stand-in in tests and the demo)", false),
    ANDROID_PUBSUB_TOPIC("android.pubsub.topic", null, "Pub/Sub topic the enterprise publishes notifications to "
            + "(projects/<project>/topics/<topic>); without it devices are followed by polling only", false),
    ANDROID_PUBSUB_AUDIENCE("android.pubsub.audience", null, "audience of the authenticated Pub/Sub push "
            + "subscription: pushes must carry a Google-signed ID token for it (with android.pubsub.service.account)",
            false),
    ANDROID_PUBSUB_SERVICE_ACCOUNT("android.pubsub.service.account", null, "service account of the authenticated "
            + "push subscription: the ID token's verified email must be this one", false),
    ANDROID_PUBSUB_CERTS_URL("android.pubsub.certs.url", "https://www.googleapis.com/oauth2/v1/certs", "where the "
            + "certificates signing push ID tokens are published (https; a local stand-in in tests)", false),
    ANDROID_PUSH_TOKEN("android.push.token", null, "shared secret the Pub/Sub push subscription sends in its URL "
            + "(/android/pubsub?token=…) or as a bearer token, where the subscription is not authenticated; pushes "
            + "are refused without this or android.pubsub.audience", true),
    ANDROID_RATE("android.rate", "20", "at most this many Android Management API calls per second", false),
    ANDROID_COMMAND_DURATION("android.command.duration", null, "longest duration given to an AMAPI command "
            + "before the device must have run it (90s, 30m, 7d); default: the action's time to live", false),
    ANDROID_POLL_EVERY("android.poll.every", "30s", "ask the API about commands without news this often", false),
    ANDROID_RECONCILE_EVERY("android.reconcile.every", "15m", "refresh every Android device from devices.list "
            + "this often", false),
    OIDC_ISSUER("oidc.issuer", null, "issuer URL of an OpenID Connect provider whose access tokens (JWT) the API "
            + "accepts as bearer tokens; its discovery document and JWKS are fetched from it; off when unset", false),
    OIDC_API_AUDIENCE("oidc.api.audience", null, "a value the access token's aud claim must contain (the API's "
            + "identifier at the provider); required with oidc.issuer unless only the console signs in through it "
            + "(oidc.console.client.id), and then API bearer JWTs are refused", false),
    OIDC_ROLES_CLAIM("oidc.roles.claim", "roles", "the access-token claim listing the provider's roles or groups",
            false),
    APPROVAL_ENABLED("approval.enabled", "true", "hold the submissions approval.actions names for a second "
            + "administrator's approval (multi-admin approval); false queues every submission at once", false),
    APPROVAL_ACTIONS("approval.actions", "wipe,retire", "comma-separated actions an approval policy covers "
            + "(remoteLock, resetPasscode, retire, wipe, enableLostMode, disableLostMode, syncDevice)", false),
    APPROVAL_DEVICE_THRESHOLD("approval.device.threshold", "1", "a covered action of more devices than this "
            + "needs approval (0: every one)", false),
    APPROVAL_COMPANY_OWNED("approval.company.owned", "true", "a covered action of any company-owned device "
            + "needs approval, however few devices", false),
    OIDC_ROLE_MAP("oidc.role.map", null, "provider role → Latchkey role, comma-separated: latchkey-admins="
            + "Administrator,helpdesk=Help Desk Operator; a token with no mapped role is refused", false),
    EAS_UPSTREAM("eas.upstream", null, "URL of the Exchange ActiveSync endpoint the gateway at "
            + "/Microsoft-Server-ActiveSync forwards to (https://mail.example.com/Microsoft-Server-ActiveSync); "
            + "gateway off when unset", false),
    EAS_ACCESS_DEFAULT("eas.access.default", "allow", "what a phone the EAS gateway has never seen may do: allow, "
            + "quarantine (may report itself, gets no mail until an administrator allows it) or block", false),
    OIDC_CONSOLE_CLIENT_ID("oidc.console.client.id", null, "client id registered at the oidc.issuer provider: the "
            + "console then offers \"Sign in with …\" (authorization code flow with PKCE); off when unset", false),
    OIDC_CONSOLE_CLIENT_SECRET("oidc.console.client.secret", null, "that client's secret (confidential client); "
            + "unset: a public client, protected by PKCE alone", true),
    OIDC_CONSOLE_REDIRECT("oidc.console.redirect", null, "the redirect URI registered at the provider, "
            + "https://<host>/console/login/oidc/callback; default: public.url + that path, else the request's own URL",
            false),
    OIDC_CONSOLE_SCOPES("oidc.console.scopes", "openid profile", "scopes asked at console sign-in, space-separated; "
            + "must include openid", false),
    OIDC_CONSOLE_NAME("oidc.console.name", null, "the provider's name on the sign-in button (Entra ID, Keycloak); "
            + "default: the issuer's host", false),
    OIDC_CONSOLE_LOCAL_SIGNIN("oidc.console.local.signin", "true", "false: only the bootstrap administrator "
            + "(bootstrap.admin.user) may sign in to the console with a password; everyone else through the provider",
            false);

    private final String key;
    private final String defaultValue;
    private final String description;
    private final boolean secret;

    Option(String key, String defaultValue, String description, boolean secret) {
        this.key = key;
        this.defaultValue = defaultValue;
        this.description = description;
        this.secret = secret;
    }

    /** The config-file key, e.g. {@code data.dir}. */
    public String key() {
        return key;
    }

    /** e.g. {@code LATCHKEY_DATA_DIR}. */
    public String env() {
        return "LATCHKEY_" + key.toUpperCase(Locale.ROOT).replace('.', '_');
    }

    /** e.g. {@code --data-dir}. */
    public String flag() {
        return "--" + key.replace('.', '-');
    }

    public String defaultValue() {
        return defaultValue;
    }

    public String description() {
        return description;
    }

    /** Secret values are never printed, logged or echoed in an error. */
    public boolean secret() {
        return secret;
    }

    public static java.util.Optional<Option> byKey(String key) {
        for (Option o : values()) {
            if (o.key.equals(key)) {
                return java.util.Optional.of(o);
            }
        }
        return java.util.Optional.empty();
    }
}
