package io.latchkey.server;

import io.latchkey.api.AdminApi;
import io.latchkey.api.graph.GraphApi;
import io.latchkey.console.Console;
import io.latchkey.channel.apple.mdm.AppleChannel;
import io.latchkey.channel.apple.mdm.MdmEndpoint;
import io.latchkey.channel.apple.push.ApnsMdmPush;
import io.latchkey.channel.apple.push.ApnsSettings;
import io.latchkey.channel.apple.push.MdmPush;
import io.latchkey.channel.windows.enrollment.WindowsEnrollmentService;
import io.latchkey.channel.windows.mdm.WindowsChannel;
import io.latchkey.channel.windows.mdm.WindowsMdmEndpoint;
import io.latchkey.channel.windows.mdm.WindowsSession;
import io.latchkey.channel.windows.wns.WnsPush;
import io.latchkey.channel.windows.wns.WnsSettings;
import io.latchkey.ca.DeviceCertificateIssuer;
import io.latchkey.core.action.ChannelKind;
import io.latchkey.core.action.CommandOutbox;
import io.latchkey.core.action.RemoteActions;
import io.latchkey.core.action.Wakeups;
import io.latchkey.core.admin.Admin;
import io.latchkey.core.admin.AdminAccounts;
import io.latchkey.core.enrollment.EnrollmentCodeIssuer;
import io.latchkey.core.enrollment.Escrow;
import io.latchkey.core.inventory.CheckInRecorder;
import io.latchkey.core.inventory.InventoryImporter;
import io.latchkey.core.secret.AesGcmSealer;
import io.latchkey.server.apple.AppleEnrollment;
import io.latchkey.server.apple.NoApplePush;
import io.latchkey.server.apple.ProfileSigning;
import io.latchkey.channel.apple.profile.ProfileSigner;
import io.latchkey.server.config.AppleDefaults;
import io.latchkey.server.config.SecretKeyFile;
import io.latchkey.server.config.Settings;
import io.latchkey.server.http.HttpServer;
import io.latchkey.server.metrics.DomainMeters;
import io.latchkey.server.metrics.Metrics;
import io.latchkey.server.metrics.PushMeters;
import io.latchkey.store.jdbc.JdbcStorage;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The composition root: builds every adapter and use case by constructor, once, from the settings.
 * {@link #open} wires storage and the core; {@link #serve} adds the HTTP server and the wake-up loop.
 */
public final class App implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(App.class);
    private static final int WAKEUP_BATCH = 500;
    private static final Duration WAKEUP_LEASE = Duration.ofMinutes(2);
    private static final Duration WAKEUP_IDLE = Duration.ofSeconds(5);
    private static final Duration METRICS_MAX_AGE = Duration.ofSeconds(10);
    private static final Duration CHECK_IN_FLUSH = Duration.ofSeconds(5);
    private static final Duration DEVICE_CERT_VALIDITY = Duration.ofDays(365);
    /** The DMClient provider id in Windows provisioning documents and the Unenroll node. */
    private static final String WINDOWS_PROVIDER = "LATCHKEY";
    /** OMA-DM sessions last minutes; their CmdID references are kept a day. */
    private static final Duration WIRE_REF_LIFETIME = Duration.ofDays(1);
    private static final String APPLE_CA_PASSWORD_FILE = "ca.password";

    private final Settings settings;
    private final Clock clock;
    private final JdbcStorage storage;
    private final AdminAccounts accounts;
    private final io.latchkey.core.admin.AdminIdentities identities;
    private final Wakeups wakeups;
    /** On PostgreSQL, the other nodes' wake-up loops hear of new work through it; null on H2 or before serving. */
    private volatile io.latchkey.store.jdbc.PgWakeSignal wakeSignal;
    private final RemoteActions actions;
    private final InventoryImporter importer;
    private final EnrollmentCodeIssuer enrollmentCodes;
    private final AesGcmSealer sealer;
    private final CommandOutbox outbox;
    private final Escrow escrow;
    private final MdmPush applePush;
    private final CheckInRecorder checkIns;
    private WnsPush windowsPush;
    /** Null when the Android channel is off (no service-account key). */
    private final io.latchkey.server.android.AndroidParts android;
    private Thread androidThread;
    private Thread checkInThread;
    /** Set once the server listens: the configured public URL, or http://localhost:<bound port>. */
    private volatile URI publicUrl;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicBoolean closing = new AtomicBoolean();
    private HttpServer http;
    private Thread wakeupThread;

    private App(Settings settings, Clock clock, JdbcStorage storage, byte[] secretKey) {
        this.settings = settings;
        this.clock = clock;
        this.storage = storage;
        this.sealer = new AesGcmSealer(secretKey);
        var hasher = new io.latchkey.server.auth.Argon2idHasher();
        this.accounts = new AdminAccounts(storage.admins(), hasher, clock);
        this.identities = io.latchkey.server.auth.IdentityWiring.wire(storage, hasher, sealer,
                settings.signIn(), clock);
        this.outbox = new CommandOutbox(storage.queue(), storage.transitions(), sealer, clock);
        this.escrow = new Escrow(storage.escrowedSecrets(), sealer, clock);
        ApnsSettings apns = settings.apple().apns();
        AppleChannel apple = new AppleChannel(storage.pushAddresses(), feedback -> apns == null ? new NoApplePush()
                : ApnsMdmPush.open(apns, feedback, clock, settings.pushBreaker()));
        this.applePush = apple.push();
        this.checkIns = new CheckInRecorder(storage.devices(), clock);
        // Without WNS credentials Windows devices come back on their DMClient poll schedule.
        WnsSettings wns = settings.wns();
        WindowsChannel windows = new WindowsChannel(storage.pushAddresses(), feedback -> {
            if (wns == null) {
                return null;
            }
            this.windowsPush = WnsPush.open(wns, feedback, clock, settings.pushBreaker());
            return windowsPush::wake;
        });
        // Without a service-account key Android commands wait pending; the EAS channel arrives with its issue.
        this.android = settings.android() == null ? null
                : io.latchkey.server.android.AndroidParts.open(settings.android(), storage, outbox, sealer, clock);
        Map<ChannelKind, io.latchkey.core.action.Channel> channels = new java.util.EnumMap<>(ChannelKind.class);
        channels.put(ChannelKind.APPLE_MDM, apple);
        channels.put(ChannelKind.WINDOWS_MDM, windows);
        if (android != null) {
            channels.put(ChannelKind.ANDROID_MANAGEMENT, android.channel());
        }
        this.wakeups = new Wakeups(storage.queue(), storage.transitions(), channels, clock,
                WAKEUP_BATCH, WAKEUP_LEASE, WAKEUP_IDLE, e -> LOG.warn("wake-up pass failed: {}", e.toString()))
                .repushingAfter(settings.repushAfter());
        this.actions = new RemoteActions(storage.devices(), storage.groups(), storage.requests(),
                storage.transitions(), storage.audit(), sealer, this::pokeAllNodes, clock, settings.defaultActionTtl());
        this.importer = new InventoryImporter(storage.users(), storage.devices(), storage.imports(), storage.audit(),
                clock);
        this.enrollmentCodes = new EnrollmentCodeIssuer(storage.enrollmentCodes(), storage.users(), storage.audit(),
                clock, settings.enrollmentCodeTtl());
    }

    /** Opens the database (migrating it unless disabled) and wires the core. */
    public static App open(Settings settings) {
        DatabaseInUse.check(settings);
        byte[] key = secretKey(settings);
        JdbcStorage storage = JdbcStorage.open(new JdbcStorage.Settings(settings.databaseUrl(),
                settings.databaseUser(), settings.databasePassword(), settings.databasePoolSize()));
        try {
            if (settings.migrateOnStart()) {
                storage.migrate();
            }
            return new App(settings, Clock.systemUTC(), storage, key);
        } catch (RuntimeException e) {
            storage.close();
            throw e;
        }
    }

    private static byte[] secretKey(Settings settings) {
        byte[] configured = settings.secretKey();
        if (configured != null) {
            LOG.info("secrets are sealed with the configured secret key");
            return configured;
        }
        SecretKeyFile.Loaded loaded = SecretKeyFile.loadOrCreate(settings.dataDir());
        if (loaded.generated()) {
            LOG.info("generated a new secret key into {} (mode 0600); back it up with the database: "
                    + "stored secrets cannot be read without it", loaded.file());
        } else {
            LOG.info("secrets are sealed with the key in {}", loaded.file());
        }
        return loaded.key();
    }

    /**
     * Creates the first administrator when none exists and a password or token is given; returns
     * it, or empty when an administrator already existed or nothing was given.
     */
    public Optional<Admin> bootstrap(String user, String password, String token) {
        if (password == null && token == null) {
            return Optional.empty();
        }
        Optional<Admin> created;
        try {
            created = accounts.bootstrap(user, password, token);
        } catch (io.latchkey.core.Rejected weak) {
            // Say which setting to fix, not just what is wrong with a password nobody sees here.
            throw new io.latchkey.server.config.ConfigException(
                    java.util.List.of("bootstrap.admin.password: " + weak.getMessage()));
        }
        // The first administrator holds every permission everywhere, or nobody could grant any.
        created.ifPresent(a -> storage.roleAssignments().assign(a.id(), io.latchkey.core.access.Role.ADMINISTRATOR,
                io.latchkey.core.access.Scope.ALL));
        created.ifPresent(a -> LOG.info("created the first administrator '{}' from the bootstrap settings", a.name()));
        return created;
    }

    public boolean hasAdmin() {
        return accounts.hasAdmin();
    }

    /** Sign-in, passwords, API tokens and TOTP, for the CLI's {@code admin} commands. */
    public io.latchkey.core.admin.AdminIdentities identities() {
        return identities;
    }

    /** Starts the HTTP server and the wake-up loop; returns the port bound. */
    public int serve() {
        PrometheusMeterRegistry registry = Metrics.create(storage.dataSource(),
                new DomainMeters(storage.history(), clock, METRICS_MAX_AGE));
        if (applePush instanceof ApnsMdmPush apns) {
            PushMeters.bind(apns, registry);
            io.latchkey.server.metrics.BreakerMeters.bind("apns", apns, ApnsMdmPush::breaker, registry);
        }
        if (windowsPush != null) {
            io.latchkey.server.metrics.BreakerMeters.bind("wns", windowsPush, WnsPush::breaker, registry);
        }
        AdminApi api = new AdminApi(new AdminApi.Ports(accounts, storage.devices(), storage.users(),
                storage.groups(), storage.requests(), storage.history(), storage.audit(), actions, importer,
                enrollmentCodes, clock)).alongside(new GraphApi(new GraphApi.Ports(accounts, storage.devices(),
                storage.deviceSearch(), storage.deviceRemoval(), storage.users(), storage.userLookup(),
                storage.requests(), storage.history(), storage.audit(), actions,
                admin -> true /* no roles yet: every administrator may reveal, as in /api/v1 */, clock)))
                .withIdentities(identities).withRoles(storage.roleAssignments());
        if (settings.oidc() != null) {
            api.withFederation(new io.latchkey.core.admin.FederatedAdmins(
                    new io.latchkey.server.auth.oidc.OidcAccessTokens(settings.oidc()), storage.admins(), storage.audit(),
                    clock));
        }
        Console console = new Console(new Console.Ports(accounts, storage.devices(), storage.users(),
                storage.groups(), storage.requests(), storage.history(), storage.audit(), actions, enrollmentCodes,
                io.latchkey.server.android.ConsoleAndroidTokens.of(android, storage.androidEnterprises(),
                        settings.enrollmentCodeTtl()), clock, java.time.ZoneId.systemDefault(), identities));
        int purged = storage.enrollmentCodes().purgeExpired(clock.instant());
        if (purged > 0) {
            LOG.info("purged {} expired enrollment code(s)", purged);
        }
        AppleEnrollment apple = appleEnrollment();
        MdmEndpoint mdm = new MdmEndpoint(apple.caCertificate(), storage.devices(), storage.deviceIdentities(),
                storage.pushAddresses(), escrow, outbox, storage.history(), AppleEnrollment.PROFILE_IDENTIFIER, checkIns,
                clock);
        WindowsEnrollmentService windowsEnrollment = new WindowsEnrollmentService(storage.users(),
                storage.enrollmentCodes(), storage.devices(), storage.deviceIdentities(),
                new DeviceCertificateIssuer(apple.deviceCa(), DEVICE_CERT_VALIDITY, clock), apple.caCertificate(), clock);
        WindowsMdmEndpoint windowsMdm = new WindowsMdmEndpoint(apple.caCertificate(), storage.deviceIdentities(),
                storage.devices(), new WindowsSession(storage.devices(), storage.deviceIdentities(),
                storage.pushAddresses(), outbox, storage.history(), storage.wireRefs(), checkIns, WINDOWS_PROVIDER,
                clock), clock);
        http = HttpServer.start(new HttpServer.Listener(settings.bind(), settings.port(), settings.tls(),
                settings.maxRequestBytes(), settings.drainTimeout()), api, console, apple,
                new HttpServer.AppleDevices(mdm,
                settings.apple().identityHeader(), settings.apple().trustedProxies()),
                new HttpServer.WindowsDevices(windowsEnrollment, windowsMdm, () -> publicUrl),
                new HttpServer.AndroidDevices(android, storage.androidEnterprises(), settings.enrollmentCodeTtl()),
                storage::ready, registry,
                Version.current());
        if (settings.apple().apns() == null) {
            LOG.warn("no APNs credentials (apple.apns.certificate): Apple devices get commands only when they check "
                    + "in on their own");
        } else {
            LOG.info("APNs push to {}:{}", settings.apple().apns().host(), settings.apple().apns().port());
        }
        publicUrl = settings.publicUrl() != null ? settings.publicUrl()
                : URI.create((settings.tls() == null ? "http" : "https") + "://localhost:" + http.port());
        if (settings.appleMdmTopic().equals(AppleDefaults.PLACEHOLDER_TOPIC)) {
            LOG.warn("apple.mdm.topic is the placeholder {}: set the topic of your APNs push certificate before "
                    + "enrolling real devices", AppleDefaults.PLACEHOLDER_TOPIC);
        }
        LOG.info("enrollment profiles point devices at {}", publicUrl);
        wakeupThread = Thread.ofVirtual().name("wakeups").start(wakeups);
        wakeSignal = storage.listenForWakeups(wakeups::poke).orElse(null);
        checkInThread = Thread.ofVirtual().name("check-ins").start(this::recordCheckIns);
        if (android != null) {
            androidThread = Thread.ofVirtual().name("android-sync").start(android.sync());
            LOG.info("Android Management API at {} (at most {} calls/s)", settings.android().rootUrl(),
                    settings.android().requestsPerSecond());
        }
        LOG.info("Latchkey {} listening on {}://{}:{} ({} storage)", Version.current(),
                settings.tls() == null ? "http" : "https", settings.bind(),
                http.port(), storage.vendor());
        return http.port();
    }

    /** The device CA lives in {@code <data-dir>/apple/}, its keystore password configured or generated there. */
    private AppleEnrollment appleEnrollment() {
        Path dir = settings.dataDir().resolve("apple");
        String password = settings.appleCaPassword();
        if (password == null) {
            SecretKeyFile.Loaded loaded = SecretKeyFile.loadOrCreate(dir, APPLE_CA_PASSWORD_FILE);
            password = java.util.Base64.getEncoder().encodeToString(loaded.key());
        }
        var apple = settings.apple();
        var signer = apple.profileSigningKeystore() == null ? java.util.Optional.<ProfileSigner>empty()
                : java.util.Optional.of(ProfileSigning.load(apple.profileSigningKeystore(), apple.profileSigningPassword()));
        signer.ifPresent(s -> LOG.info("enrollment profiles are signed with {}", apple.profileSigningKeystore()));
        return AppleEnrollment.open(dir, password.toCharArray(), storage.enrollmentCodes(), storage.deviceIdentities(),
                enrollmentCodes, storage.users(), () -> publicUrl, settings.appleMdmTopic(), signer, clock);
    }

    /** Writes devices' last check-ins every few seconds until the server closes. */
    private void recordCheckIns() {
        while (!closing.get()) {
            try {
                Thread.sleep(CHECK_IN_FLUSH.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            flushCheckIns();
        }
    }

    private void flushCheckIns() {
        try {
            checkIns.flush();
            storage.wireRefs().purge(clock.instant().minus(WIRE_REF_LIFETIME));
        } catch (RuntimeException e) {
            LOG.warn("could not record devices' last check-ins: {}", e.toString());
        }
    }

    public JdbcStorage storage() {
        return storage;
    }

    public EnrollmentCodeIssuer enrollmentCodes() {
        return enrollmentCodes;
    }

    public InventoryImporter importer() {
        return importer;
    }

    public Clock clock() {
        return clock;
    }

    /** The Android channel, or empty when it is off. */
    public Optional<io.latchkey.server.android.AndroidParts> android() {
        return Optional.ofNullable(android);
    }

    /** Blocks until {@link #close} ran (on SIGTERM, through the shutdown hook). */
    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    /** New work was stored here: this node's loop now, every other node's through the database. */
    private void pokeAllNodes() {
        wakeups.poke();
        io.latchkey.store.jdbc.PgWakeSignal signal = wakeSignal;
        if (signal != null) {
            signal.announce();
        }
    }

    /** Stops taking requests, lets those in flight finish, stops the loop, closes the pool. */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        try {
            if (http != null) {
                http.close();
            }
            wakeups.stop();
            if (wakeSignal != null) {
                wakeSignal.close();
            }
            applePush.close();
            if (windowsPush != null) {
                windowsPush.close();
            }
            if (androidThread != null) {
                androidThread.interrupt();
            }
            if (checkInThread != null) {
                checkInThread.interrupt();
                checkInThread.join(Duration.ofSeconds(5));
            }
            flushCheckIns();
            if (wakeupThread != null) {
                wakeupThread.join(Duration.ofSeconds(10));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            storage.close();
            stopped.countDown();
            LOG.info("stopped");
        }
    }
}
