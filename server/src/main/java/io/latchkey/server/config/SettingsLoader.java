package io.latchkey.server.config;

import io.latchkey.store.jdbc.JdbcStorage;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Reads the configuration once: defaults, then the properties file ({@code --config} or
 * {@code LATCHKEY_CONFIG}), then {@code LATCHKEY_*} environment variables, then flags; later
 * sources win. Every value is checked and every problem reported at once, naming its source.
 */
public final class SettingsLoader {
    public static final String CONFIG_ENV = "LATCHKEY_CONFIG";

    private record Value(String text, String source) {
    }

    private SettingsLoader() {
    }

    /**
     * @param flags      values given on the command line (absent options are not in the map)
     * @param configFile the {@code --config} flag, or null
     * @param env        the process environment
     */
    public static Settings load(Map<Option, String> flags, Path configFile, Map<String, String> env) {
        List<String> problems = new ArrayList<>();
        Map<Option, Value> values = new EnumMap<>(Option.class);
        for (Option o : Option.values()) {
            if (o.defaultValue() != null) {
                values.put(o, new Value(o.defaultValue(), "default"));
            }
        }
        Path file = configFile != null ? configFile
                : env.get(CONFIG_ENV) != null && !env.get(CONFIG_ENV).isBlank() ? Path.of(env.get(CONFIG_ENV)) : null;
        if (file != null) {
            readFile(file, values, problems);
        }
        for (Option o : Option.values()) {
            String v = env.get(o.env());
            if (v != null) {
                values.put(o, new Value(v, "environment variable " + o.env()));
            }
        }
        flags.forEach((o, v) -> values.put(o, new Value(v, "flag " + o.flag())));
        Settings settings = build(values, problems);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return settings;
    }

    private static void readFile(Path file, Map<Option, Value> values, List<String> problems) {
        Properties props = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(in);
        } catch (IOException e) {
            problems.add("cannot read config file " + file + ": " + e.getMessage());
            return;
        }
        for (String key : props.stringPropertyNames()) {
            var option = Option.byKey(key);
            if (option.isEmpty()) {
                problems.add("unknown key '" + key + "' in config file " + file);
                continue;
            }
            values.put(option.get(), new Value(props.getProperty(key).trim(), "config file " + file));
        }
    }

    /**
     * SQLite in the data directory; but a directory that holds only the H2 database of a Latchkey
     * from before SQLite became the default keeps it, so an upgrade finds its fleet where it was
     * (the server warns at start; docs/deployment.md says how to move to SQLite).
     */
    static String embeddedUrl(Path dataDir) {
        boolean h2Only = Files.exists(dataDir.resolve(JdbcStorage.H2_FILE_NAME))
                && !Files.exists(dataDir.resolve(JdbcStorage.SQLITE_FILE_NAME));
        return h2Only ? JdbcStorage.h2FileUrl(dataDir) : JdbcStorage.sqliteFileUrl(dataDir);
    }

    private static Settings build(Map<Option, Value> v, List<String> problems) {
        int port = integer(v, Option.PORT, 0, 65_535, problems);
        String bind = text(v, Option.BIND);
        if (bind == null || bind.isBlank()) {
            problems.add("bind must not be empty (" + source(v, Option.BIND) + ")");
            bind = "0.0.0.0";
        }
        Path dataDir = Path.of(".");
        try {
            dataDir = Path.of(text(v, Option.DATA_DIR)).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            problems.add("data.dir '" + text(v, Option.DATA_DIR) + "' is not a valid path (" + source(v, Option.DATA_DIR) + ")");
        }
        String url = text(v, Option.DATABASE_URL);
        boolean embedded = url == null || url.isBlank();
        String user = text(v, Option.DATABASE_USER);
        String password = text(v, Option.DATABASE_PASSWORD);
        if (embedded) {
            url = embeddedUrl(dataDir);
            user = user == null ? "sa" : user;
            password = password == null ? "" : password;
        } else if (!url.startsWith("jdbc:postgresql:") && !url.startsWith("jdbc:sqlite:")
                && !url.startsWith("jdbc:h2:file:")) {
            // Embedded databases only as a file of this one process: an in-memory database loses
            // everything at a restart, and a shared (tcp) H2 would defeat the in-process lock that
            // serialises claims.
            problems.add("database.url must start with jdbc:postgresql:, jdbc:sqlite: or jdbc:h2:file: ("
                    + source(v, Option.DATABASE_URL) + ")");
        } else if (url.startsWith("jdbc:sqlite:") && (url.contains(":memory:") || url.contains("mode=memory"))) {
            problems.add("database.url: an in-memory SQLite database would lose everything at a restart ("
                    + source(v, Option.DATABASE_URL) + ")");
        }
        int pool = integer(v, Option.DATABASE_POOL_SIZE, 1, 500, problems);
        MasterKeys key = masterKeys(v, problems);
        if (key == null && url != null && url.startsWith("jdbc:postgresql:")) {
            // A key generated per data directory would differ per node: a passcode sealed on one
            // node could not be revealed through another, and a throwaway container loses it.
            problems.add("secret.key or secret.key.file is required with PostgreSQL, the same keys on every node "
                    + "(generate one with: openssl rand -base64 32)");
        }
        LogFormat format = LogFormat.TEXT;
        String rawFormat = text(v, Option.LOG_FORMAT);
        try {
            format = LogFormat.valueOf(rawFormat.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add("log.format must be text or json, not '" + rawFormat + "' (" + source(v, Option.LOG_FORMAT) + ")");
        }
        Duration ttl = duration(v, Option.DEFAULT_ACTION_TTL, problems);
        boolean migrate = bool(v, Option.MIGRATE_ON_START, problems);
        String adminUser = text(v, Option.BOOTSTRAP_ADMIN_USER);
        if (adminUser == null || !adminUser.matches("[A-Za-z0-9._@-]{1,64}")) {
            problems.add("bootstrap.admin.user must be 1 to 64 letters, digits or . _ @ - ("
                    + source(v, Option.BOOTSTRAP_ADMIN_USER) + ")");
        }
        String adminPassword = blankToNull(text(v, Option.BOOTSTRAP_ADMIN_PASSWORD));
        if (adminPassword != null && adminPassword.length() < 12) {
            problems.add("bootstrap.admin.password must be at least 12 characters ("
                    + source(v, Option.BOOTSTRAP_ADMIN_PASSWORD) + ")");
        }
        String adminToken = blankToNull(text(v, Option.BOOTSTRAP_ADMIN_TOKEN));
        if (adminToken != null && (adminToken.length() < 20 || adminToken.chars().anyMatch(Character::isWhitespace))) {
            problems.add("bootstrap.admin.token must be at least 20 characters without spaces ("
                    + source(v, Option.BOOTSTRAP_ADMIN_TOKEN) + ")");
        }
        URI publicUrl = publicUrl(v, problems);
        String topic = text(v, Option.APPLE_MDM_TOPIC).trim();
        if (!topic.matches("com\\.apple\\.mgmt\\.[A-Za-z0-9._-]+")) {
            problems.add("apple.mdm.topic must look like com.apple.mgmt.External.<uuid>, not '" + topic + "' ("
                    + source(v, Option.APPLE_MDM_TOPIC) + ")");
        }
        String caPassword = blankToNull(text(v, Option.APPLE_CA_PASSWORD));
        if (caPassword != null && caPassword.length() < 12) {
            problems.add("apple.ca.password must be at least 12 characters (" + source(v, Option.APPLE_CA_PASSWORD) + ")");
        }
        Duration codeTtl = duration(v, Option.ENROLLMENT_CODE_TTL, problems);
        AppleChannelSettings apple = AppleSettingsLoader.load(o -> text(v, o), o -> source(v, o), problems);
        TlsSettings tls = null;
        String keystore = blankToNull(text(v, Option.TLS_KEYSTORE));
        if (keystore != null) {
            if (Files.isRegularFile(Path.of(keystore))) {
                tls = new TlsSettings(Path.of(keystore), text(v, Option.TLS_KEYSTORE_PASSWORD));
            } else {
                problems.add("tls.keystore: " + keystore + " does not exist or is not a file ("
                        + source(v, Option.TLS_KEYSTORE) + ")");
            }
        }
        return new Settings(port, bind.trim(), dataDir, url, user, password, pool, embedded, key, format, ttl, migrate,
                adminUser, adminPassword, adminToken, publicUrl, topic, caPassword, codeTtl, apple, tls,
                duration(v, Option.REPUSH_AFTER, Duration.ofSeconds(10), Duration.ofDays(90), problems), wns(v, problems),
                AndroidSettingsLoader.load(o -> text(v, o), o -> source(v, o), problems),
                integer(v, Option.HTTP_MAX_REQUEST_MB, 1, 1024, problems) * 1024L * 1024L,
                signIn(v, problems), OidcSettingsLoader.load(o -> text(v, o), o -> source(v, o), problems),
                integer(v, Option.ENROLLMENT_RATE_LIMIT, 0, 1_000_000, problems),
                EasSettings.load(text(v, Option.EAS_UPSTREAM), text(v, Option.EAS_ACCESS_DEFAULT),
                        source(v, Option.EAS_UPSTREAM), source(v, Option.EAS_ACCESS_DEFAULT), problems),
                ApprovalSettingsLoader.load(o -> text(v, o), o -> source(v, o), problems),
                new io.latchkey.wake.CircuitBreaker.Settings(integer(v, Option.PUSH_BREAKER_FAILURES, 1, 100_000,
                        problems), duration(v, Option.PUSH_BREAKER_COOLDOWN, Duration.ofSeconds(1), Duration.ofHours(1),
                        problems)),
                duration(v, Option.SHUTDOWN_DRAIN_TIMEOUT, Duration.ofSeconds(1), Duration.ofMinutes(10), problems),
                integer(v, Option.CHECKIN_CACHE_DEVICES, 0, 1_000_000, problems));
    }

    /** Login throttling: the same window and lockout for accounts and addresses, their own thresholds. */
    private static io.latchkey.core.admin.SignInThrottle.Limits signIn(Map<Option, Value> v, List<String> problems) {
        int account = integer(v, Option.SIGNIN_MAX_FAILURES, 1, 1000, problems);
        int address = integer(v, Option.SIGNIN_ADDRESS_MAX_FAILURES, 1, 100_000, problems);
        Duration window = duration(v, Option.SIGNIN_WINDOW, problems);
        Duration lockout = duration(v, Option.SIGNIN_LOCKOUT, problems);
        return new io.latchkey.core.admin.SignInThrottle.Limits(account, window, lockout, address, window, lockout);
    }

    /** WNS when a package SID is set; its secret is then required. */
    private static io.latchkey.channel.windows.wns.WnsSettings wns(Map<Option, Value> v, List<String> problems) {
        String sid = blankToNull(text(v, Option.WINDOWS_WNS_PACKAGE_SID));
        if (sid == null) {
            return null;
        }
        String secret = blankToNull(text(v, Option.WINDOWS_WNS_CLIENT_SECRET));
        boolean allowHttp = bool(v, Option.WINDOWS_WNS_ALLOW_HTTP, problems);
        try {
            URI token = new URI(text(v, Option.WINDOWS_WNS_TOKEN_URL).trim());
            List<String> hosts = java.util.Arrays.stream(text(v, Option.WINDOWS_WNS_HOSTS).split(","))
                    .map(String::trim).filter(h -> !h.isEmpty()).toList();
            return new io.latchkey.channel.windows.wns.WnsSettings(token, sid, secret, hosts, allowHttp, 1000, 1000,
                    Duration.ofMinutes(15));
        } catch (URISyntaxException | IllegalArgumentException e) {
            problems.add("windows.wns.*: " + (secret == null ? "windows.wns.client.secret is required with "
                    + "windows.wns.package.sid" : e.getMessage()) + " (" + source(v, Option.WINDOWS_WNS_PACKAGE_SID)
                    + ")");
            return null;
        }
    }

    /** An absolute http(s) URL without query or fragment; a trailing slash is dropped. */
    private static URI publicUrl(Map<Option, Value> v, List<String> problems) {
        String raw = blankToNull(text(v, Option.PUBLIC_URL));
        if (raw == null) {
            return null;
        }
        try {
            URI uri = new URI(raw.trim().replaceAll("/+$", ""));
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null
                    && uri.getQuery() == null && uri.getFragment() == null) {
                return uri;
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        problems.add("public.url must be an absolute http(s) URL such as https://mdm.example.com, not '" + raw
                + "' (" + source(v, Option.PUBLIC_URL) + ")");
        return null;
    }

    private static String text(Map<Option, Value> v, Option o) {
        Value value = v.get(o);
        return value == null ? null : value.text();
    }

    private static String source(Map<Option, Value> v, Option o) {
        Value value = v.get(o);
        return value == null ? "not set" : "from " + value.source();
    }

    /** Secret values are never repeated in the message, only where they came from. */
    private static String shown(Map<Option, Value> v, Option o) {
        return o.secret() ? "" : " '" + text(v, o) + "'";
    }

    private static int integer(Map<Option, Value> v, Option o, int min, int max, List<String> problems) {
        try {
            int n = Integer.parseInt(text(v, o).trim());
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(o.key() + " must be a whole number from " + min + " to " + max + ", not" + shown(v, o)
                + " (" + source(v, o) + ")");
        return min;
    }

    private static boolean bool(Map<Option, Value> v, Option o, List<String> problems) {
        String t = text(v, o).trim().toLowerCase(Locale.ROOT);
        if (t.equals("true") || t.equals("false")) {
            return t.equals("true");
        }
        problems.add(o.key() + " must be true or false, not" + shown(v, o) + " (" + source(v, o) + ")");
        return true;
    }

    private static MasterKeys masterKeys(Map<Option, Value> v, List<String> problems) {
        String raw = blankToNull(text(v, Option.SECRET_KEY));
        String file = blankToNull(text(v, Option.SECRET_KEY_FILE));
        if (raw != null && file != null) {
            problems.add("set secret.key or secret.key.file, not both (" + source(v, Option.SECRET_KEY) + "; "
                    + source(v, Option.SECRET_KEY_FILE) + ")");
            return null;
        }
        if (file != null) {
            try {
                Path path = Path.of(file).toAbsolutePath().normalize();
                MasterKeys.read(path);
                return new MasterKeys(List.of(), path);
            } catch (RuntimeException e) {
                problems.add("secret.key.file: " + e.getMessage() + " (" + source(v, Option.SECRET_KEY_FILE) + ")");
                return null;
            }
        }
        if (raw == null) {
            return null;
        }
        List<byte[]> keys = MasterKeys.parseList(raw);
        if (keys == null) {
            problems.add("secret.key must be the base64 encoding of exactly 32 bytes (several separated by commas), "
                    + "e.g. the output of 'openssl rand -base64 32' (" + source(v, Option.SECRET_KEY) + ")");
            return null;
        }
        return new MasterKeys(keys, null);
    }

    /** Accepts 90s, 30m, 12h, 7d, or ISO-8601 (PT12H, P7D); 1 minute to 90 days, as the core allows. */
    static Duration duration(Map<Option, Value> v, Option o, List<String> problems) {
        return duration(v, o, Duration.ofMinutes(1), Duration.ofDays(90), problems);
    }

    /** As {@link #duration(Map, Option, List)}, between {@code min} and {@code max}. */
    static Duration duration(Map<Option, Value> v, Option o, Duration min, Duration max, List<String> problems) {
        String t = text(v, o).trim();
        Duration d = null;
        try {
            if (t.matches("[0-9]{1,9}[smhd]")) {
                long n = Long.parseLong(t.substring(0, t.length() - 1));
                d = switch (t.charAt(t.length() - 1)) {
                    case 's' -> Duration.ofSeconds(n);
                    case 'm' -> Duration.ofMinutes(n);
                    case 'h' -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
            } else {
                d = Duration.parse(t.toUpperCase(Locale.ROOT).startsWith("P") ? t : "P" + t);
            }
        } catch (DateTimeParseException e) {
            problems.add(o.key() + " must be a duration such as 30m, 12h or 7d, not" + shown(v, o) + " (" + source(v, o) + ")");
            return Duration.ofDays(7);
        }
        if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
            problems.add(o.key() + " must be between " + human(min) + " and " + human(max) + ", not" + shown(v, o)
                    + " (" + source(v, o) + ")");
            return min;
        }
        return d;
    }

    /** 1 minute, 90 days, 1 second: how the duration bounds read in a message. */
    private static String human(Duration d) {
        if (d.toDays() > 0 && d.equals(Duration.ofDays(d.toDays()))) {
            return d.toDays() + (d.toDays() == 1 ? " day" : " days");
        }
        if (d.toHours() > 0 && d.equals(Duration.ofHours(d.toHours()))) {
            return d.toHours() + (d.toHours() == 1 ? " hour" : " hours");
        }
        if (d.toMinutes() > 0 && d.equals(Duration.ofMinutes(d.toMinutes()))) {
            return d.toMinutes() + (d.toMinutes() == 1 ? " minute" : " minutes");
        }
        return d.toSeconds() + (d.toSeconds() == 1 ? " second" : " seconds");
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
