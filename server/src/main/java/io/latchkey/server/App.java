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
import io.latchkey.core.secret.EnvelopeSealer;
import io.latchkey.core.secret.MasterKeyring;
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
    /** Another node's access change reaches this node's gateway within this time. */
    private static final Duration EAS_CACHE = Duration.ofSeconds(30);
    /** Phones never seen before that the gateway records per minute, at most (unauthenticated junk is not a fleet). */
    private static final int EAS_NEW_DEVICES_PER_MINUTE = 600;
    /** Longer than the longest Ping heartbeat (MS-ASCMD: 3540 s). */
    private static final Duration EAS_UPSTREAM_TIMEOUT = Duration.ofMinutes(65);
    /** Expiry is also checked on every read; the sweep only keeps the stored state and audit current. */
    private static final Duration APPROVAL_SWEEP = Duration.ofMinutes(10);
    /**
     * How long a quiet device's Idle answer is kept in memory at most (the bound on a missed notification;
     * see CheckInCache); how many devices is checkin.cache.devices (about 700 bytes each).
     */
    private static final Duration CHECK_IN_CACHE_TTL = Duration.ofMinutes(1);
    /**
     * ClusterChanges: how far the nodes' clocks may differ (NTP), and, for notifications missed while
     * the listener reconnected, how far back answers from memory count as possibly wrong.
     */
    private static final Duration CLOCK_SKEW = Duration.ofMillis(50);
    private static final Duration NOTIFICATION_GAP = Duration.ofSeconds(30);

    private final Settings settings;
    private final Clock clock;
    private final JdbcStorage storage;
    private final AdminAccounts accounts;
    private final io.latchkey.core.admin.AdminIdentities identities;
    private final Wakeups wakeups;
    private final io.latchkey.core.enrollment.CheckInCache checkInCache;
    /** The stores' device and identity ports, wrapped so that their writes reach the check-in cache. */
    private final io.latchkey.core.inventory.Devices devices;
    private final io.latchkey.core.enrollment.DeviceIdentities deviceIdentities;
    private final io.latchkey.core.action.ClusterChanges clusterChanges;
    /** On PostgreSQL, the other nodes' wake-up loops hear of new work through it; null on H2 or before serving. */
    private volatile io.latchkey.store.jdbc.PgWakeSignal wakeSignal;
    private final RemoteActions actions;
    private final io.latchkey.core.approval.ActionApprovals approvals;
    private Thread approvalThread;
    private final InventoryImporter importer;
    private final EnrollmentCodeIssuer enrollmentCodes;
    private final EnvelopeSealer sealer;
    private final CommandOutbox outbox;
    private final Escrow escrow;
    private final MdmPush applePush;
    private final CheckInRecorder checkIns;
    private final io.latchkey.core.eas.EasAccessControl easAccess;
    /** Null when no upstream Exchange is configured (eas.upstream). */
    private final io.latchkey.channel.eas.gateway.EasGateway easGateway;
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

    private App(Settings settings, Clock clock, JdbcStorage storage, MasterKeyring.Source masterKeys) {
        this.settings = settings;
        this.clock = clock;
        this.storage = storage;
        // The vendor is decided once here, not on every cache hit: embedded databases have one node.
        java.util.function.BooleanSupplier coherent = "PostgreSQL".equalsIgnoreCase(storage.vendor())
                ? this::hearsEveryNode : () -> true;
        this.checkInCache = new io.latchkey.core.enrollment.CheckInCache(storage.checkInLookup(),
                coherent, settings.checkInCacheDevices(), CHECK_IN_CACHE_TTL, clock);
        this.devices = io.latchkey.core.enrollment.ForgetOnChange.devices(storage.devices(), checkInCache);
        this.deviceIdentities = io.latchkey.core.enrollment.ForgetOnChange.identities(storage.deviceIdentities(),
                checkInCache, this::announce);
        this.sealer = EnvelopeSealer.open(storage.dataKeys(), masterKeys, clock);
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
        this.checkIns = new CheckInRecorder(devices, clock);
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
        // EAS: the gateway sees phones only when an upstream Exchange is configured; their wipes wait otherwise.
        var easDiscovery = new io.latchkey.core.eas.EasDiscovery(storage.easPartnerships(), devices,
                storage.deviceSearch(), storage.users(), checkIns, storage.audit(), clock,
                settings.eas() == null ? io.latchkey.core.eas.EasAccess.ALLOWED : settings.eas().defaultAccess(),
                EAS_CACHE, EAS_NEW_DEVICES_PER_MINUTE);
        this.easAccess = new io.latchkey.core.eas.EasAccessControl(storage.easPartnerships(), easDiscovery,
                storage.audit(), clock);
        this.easGateway = settings.eas() == null ? null : new io.latchkey.channel.eas.gateway.EasGateway(
                new io.latchkey.channel.eas.gateway.Upstream(settings.eas().upstream(), EAS_UPSTREAM_TIMEOUT),
                easDiscovery, devices, outbox, clock);
        if (easGateway != null) {
            channels.put(ChannelKind.EXCHANGE_ACTIVESYNC, new io.latchkey.channel.eas.EasChannel(easGateway));
        }
        this.wakeups = new Wakeups(storage.queue(), storage.transitions(), channels, clock,
                WAKEUP_BATCH, WAKEUP_LEASE, WAKEUP_IDLE, e -> LOG.warn("wake-up pass failed: {}", e.toString()))
                .repushingAfter(settings.repushAfter());
        this.clusterChanges = new io.latchkey.core.action.ClusterChanges(checkInCache, storage.history(),
                wakeups::pushAgain, wakeups::poke, CLOCK_SKEW, NOTIFICATION_GAP, clock);
        this.actions = new RemoteActions(devices, storage.groups(), storage.requests(),
                storage.transitions(), storage.audit(), sealer, this::pokeAllNodes, clock, settings.defaultActionTtl());
        this.approvals = new io.latchkey.core.approval.ActionApprovals(settings.approval(), storage.approvals(),
                actions, storage.requests(), storage.audit(), clock);
        this.importer = new InventoryImporter(storage.users(), devices, storage.imports(), storage.audit(),
                clock);
        this.enrollmentCodes = new EnrollmentCodeIssuer(storage.enrollmentCodes(), storage.users(), storage.audit(),
                clock, settings.enrollmentCodeTtl());
    }

    /** Opens the database (migrating it unless disabled) and wires the core. */
    public static App open(Settings settings) {
        DatabaseInUse.check(settings);
        if (settings.embedded() && settings.embeddedEngine().equals("H2")) {
            LOG.warn("the data directory {} holds the H2 database of an earlier Latchkey and it stays in use; H2 can "
                    + "keep part of a transaction when the process is killed (BENCHMARKS.md, embedded databases "
                    + "under kill -9). Move it to SQLite with: latchkey copy-database (docs/deployment.md)",
                    settings.dataDir());
        }
        MasterKeyring.Source key = masterKeys(settings);
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

    /** The master keys (never from the database); the data directory's key file when none are configured. */
    public static MasterKeyring.Source masterKeys(Settings settings) {
        io.latchkey.server.config.MasterKeys keys = io.latchkey.server.config.MasterKeys.orDefault(settings.secretKey(),
                settings.dataDir());
        MasterKeyring.Source source = keys.source();
        LOG.info("secrets are sealed with data keys wrapped under master key {} ({})", source.current().primary().id(), keys);
        return source;
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
        // The first administrator holds every permission everywhere, or nobody could grant any. The role is
        // a second write: after a crash between the two, the only administrator holds nothing, so the next
        // start with the same bootstrap settings completes it (and never touches a fleet with more admins).
        Optional<Admin> roleless = created.or(() -> storage.admins().count() == 1
                ? storage.admins().findByName(user).filter(a -> storage.roleAssignments().of(a.id()).isEmpty())
                : Optional.empty());
        roleless.ifPresent(a -> roleAdministration().assign(a.id(), io.latchkey.core.access.Role.ADMINISTRATOR,
                io.latchkey.core.access.Scope.ALL, io.latchkey.core.audit.Actor.SYSTEM));
        if (created.isEmpty()) {
            roleless.ifPresent(a -> LOG.warn("the only administrator '{}' held no role (a start that stopped between "
                    + "creating it and granting its role): made it Administrator", a.name()));
        }
        created.ifPresent(a -> LOG.info("created the first administrator '{}' from the bootstrap settings", a.name()));
        return created;
    }

    /** Custom roles and assignments, audited: for the API's /roles and /admins and the CLI. */
    /** Local administrators beyond the bootstrap one, for {@code latchkey admin create}. */
    public io.latchkey.core.admin.AdminCreation adminCreation() {
        return new io.latchkey.core.admin.AdminCreation(storage.admins(), storage.audit(), clock);
    }

    public io.latchkey.core.access.RoleAdministration roleAdministration() {
        return new io.latchkey.core.access.RoleAdministration(storage.roles(), storage.roleAssignments(),
                storage.groups(), clock);
    }

    /** A console admin's roles and scopes, by the account name the session carries. */
    private io.latchkey.core.access.Grants grantsOf(String adminName, java.util.Set<String> mappedRoles) {
        return new io.latchkey.core.access.Grants(storage.admins().findByName(adminName)
                .map(a -> io.latchkey.core.access.Grants.withMapped(a.id(), storage.roleAssignments().of(a.id()),
                        mappedRoles))
                .orElse(java.util.List.of()));
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
        io.latchkey.server.metrics.CheckInCacheMeters.bind(checkInCache, registry);
        AdminApi api = new AdminApi(new AdminApi.Ports(accounts, devices, storage.users(),
                storage.groups(), storage.requests(), storage.history(), storage.audit(), actions, importer,
                enrollmentCodes, clock)).alongside(new GraphApi(new GraphApi.Ports(accounts, devices,
                storage.deviceSearch(), io.latchkey.core.enrollment.ForgetOnChange.removal(storage.deviceRemoval(), checkInCache,
                        this::announce), storage.users(), storage.userLookup(),
                storage.requests(), storage.history(), storage.audit(), actions, clock)))
                .withIdentities(identities).withRoles(storage.roleAssignments(), storage.deviceSearch())
                .withRoleManagement(storage.roles(), storage.adminDirectory(), roleAdministration())
                .withEasAccess(easAccess);
        // Always wired: with approval.enabled=false nothing new is held, earlier requests can still be decided.
        api.withApprovals(approvals);
        Console console = new Console(new Console.Ports(accounts, devices, storage.users(),
                storage.groups(), storage.requests(), storage.history(), storage.audit(), actions, enrollmentCodes,
                io.latchkey.server.android.ConsoleAndroidTokens.of(android, storage.androidEnterprises(),
                        settings.enrollmentCodeTtl()), clock, java.time.ZoneId.systemDefault(), identities))
                .withRoles(new io.latchkey.console.web.ConsoleAccess(this::grantsOf,
                        new io.latchkey.core.access.DeviceScopes(storage.deviceSearch())))
                .withEasAccess(easAccess)
                .withApprovals(approvals, this::approvalActor);
        // OpenID Connect: bearer JWTs on the APIs and "Sign in with …" on the console, as configured
        io.latchkey.server.auth.oidc.OidcWiring.wire(settings, api, console, storage.admins(), storage.audit(), clock);
        int purged = storage.enrollmentCodes().purgeExpired(clock.instant());
        if (purged > 0) {
            LOG.info("purged {} expired enrollment code(s)", purged);
        }
        AppleEnrollment apple = appleEnrollment();
        MdmEndpoint mdm = new MdmEndpoint(apple.caCertificate(), devices, deviceIdentities,
                checkInCache, storage.pushAddresses(), escrow, outbox, storage.history(), AppleEnrollment.PROFILE_IDENTIFIER, checkIns,
                clock);
        WindowsEnrollmentService windowsEnrollment = new WindowsEnrollmentService(storage.users(),
                storage.enrollmentCodes(), devices, deviceIdentities,
                new DeviceCertificateIssuer(apple.deviceCa(), DEVICE_CERT_VALIDITY, clock), apple.caCertificate(), clock);
        WindowsMdmEndpoint windowsMdm = new WindowsMdmEndpoint(apple.caCertificate(), storage.checkInLookup(),
                new WindowsSession(devices, deviceIdentities,
                storage.pushAddresses(), outbox, storage.history(), storage.wireRefs(), checkIns, WINDOWS_PROVIDER,
                clock), clock);
        http = HttpServer.start(new HttpServer.Listener(settings.bind(), settings.port(), settings.tls(),
                settings.maxRequestBytes(), settings.enrollmentRateLimit(), settings.drainTimeout()), api, console, apple,
                new HttpServer.AppleDevices(mdm,
                settings.apple().identityHeader(), settings.apple().trustedProxies()),
                new HttpServer.WindowsDevices(windowsEnrollment, windowsMdm, () -> publicUrl),
                new HttpServer.AndroidDevices(android, storage.androidEnterprises(), settings.enrollmentCodeTtl()),
                easGateway, storage::ready, registry,
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
        wakeSignal = storage.listenForWakeups((elsewhere, announcedAt) -> {
            int again = clusterChanges.heard(elsewhere, announcedAt);
            if (again > 0) {
                LOG.info("pushed {} device(s) again: answered \"nothing due\" from memory before another node's "
                        + "notification of their new command arrived", again);
            }
        }).orElse(null);
        checkInThread = Thread.ofVirtual().name("check-ins").start(this::recordCheckIns);
        if (easGateway != null) {
            LOG.info("Exchange ActiveSync gateway at /Microsoft-Server-ActiveSync forwards to {} (new phones: {})",
                    settings.eas().upstream(), settings.eas().defaultAccess().wireName());
        }
        approvalThread = Thread.ofVirtual().name("approval-expiry").start(this::expireApprovals);
        LOG.info("multi-admin approval: {}", settings.approval().describe());
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
        return AppleEnrollment.open(dir, password.toCharArray(), storage.enrollmentCodes(), deviceIdentities,
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

    /** Expires approval requests past their 30 days, now and then, until the server closes. */
    private void expireApprovals() {
        while (!closing.get()) {
            try {
                int expired = approvals.expireDue();
                if (expired > 0) {
                    LOG.info("{} approval request(s) expired undecided", expired);
                }
            } catch (RuntimeException e) {
                LOG.warn("could not expire approval requests: {}", e.toString());
            }
            try {
                Thread.sleep(APPROVAL_SWEEP.toMillis());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** A console administrator (known by name) as the approval rules see them: account, permissions, roles. */
    private io.latchkey.core.approval.AdminActor approvalActor(io.latchkey.core.audit.Actor actor) {
        Admin admin = storage.admins().findByName(actor.name()).orElseThrow(() -> new IllegalStateException(
                "the signed-in administrator '" + actor.name() + "' has no account"));
        return io.latchkey.core.approval.AdminActor.of(admin.id(), actor, storage.roleAssignments().of(admin.id()));
    }

    /** Approval requests: held submissions, their decisions and expiry. */
    public io.latchkey.core.approval.ActionApprovals approvals() {
        return approvals;
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

    /** The EAS gateway, or empty when no upstream Exchange is configured. */
    public Optional<io.latchkey.channel.eas.gateway.EasGateway> easGateway() {
        return Optional.ofNullable(easGateway);
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
        clusterChanges.storedHere();
        announce();
    }

    /** Tells the other nodes (on PostgreSQL) that work was stored or an identity revoked. */
    private void announce() {
        io.latchkey.store.jdbc.PgWakeSignal signal = wakeSignal;
        if (signal != null) {
            signal.announce();
        }
    }

    /** On PostgreSQL: whether this node hears every change another node makes (its listener is connected). */
    private boolean hearsEveryNode() {
        io.latchkey.store.jdbc.PgWakeSignal signal = wakeSignal;
        return signal != null && signal.listening();
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
            if (approvalThread != null) {
                approvalThread.interrupt();
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
