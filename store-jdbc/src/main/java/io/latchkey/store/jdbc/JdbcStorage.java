package io.latchkey.store.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.latchkey.core.action.ActionRequests;
import io.latchkey.core.action.CommandHistory;
import io.latchkey.core.action.CommandQueue;
import io.latchkey.core.action.CommandTransitions;
import io.latchkey.core.action.WireRefs;
import io.latchkey.core.admin.Admins;
import io.latchkey.core.audit.AuditLog;
import io.latchkey.core.enrollment.DeviceIdentities;
import io.latchkey.core.enrollment.EnrollmentCodes;
import io.latchkey.core.enrollment.EscrowedSecrets;
import io.latchkey.core.enrollment.PushAddresses;
import io.latchkey.core.inventory.DeviceRemoval;
import io.latchkey.core.inventory.DeviceSearch;
import io.latchkey.core.inventory.Devices;
import io.latchkey.core.inventory.Groups;
import io.latchkey.core.inventory.InventoryImport;
import io.latchkey.core.inventory.UserLookup;
import io.latchkey.core.inventory.Users;
import io.latchkey.store.jdbc.action.JdbcActionRequests;
import io.latchkey.store.jdbc.action.JdbcCommandHistory;
import io.latchkey.store.jdbc.action.JdbcCommandQueue;
import io.latchkey.store.jdbc.action.JdbcCommandTransitions;
import io.latchkey.store.jdbc.action.JdbcWireRefs;
import io.latchkey.store.jdbc.admin.JdbcAdmins;
import io.latchkey.store.jdbc.audit.JdbcAuditLog;
import io.latchkey.store.jdbc.enrollment.JdbcDeviceIdentities;
import io.latchkey.store.jdbc.enrollment.JdbcEnrollmentCodes;
import io.latchkey.store.jdbc.enrollment.JdbcEscrowedSecrets;
import io.latchkey.store.jdbc.enrollment.JdbcPushAddresses;
import io.latchkey.store.jdbc.inventory.JdbcDeviceSearch;
import io.latchkey.store.jdbc.inventory.JdbcDevices;
import io.latchkey.store.jdbc.inventory.JdbcGroups;
import io.latchkey.store.jdbc.inventory.JdbcInventoryImport;
import io.latchkey.store.jdbc.inventory.JdbcUsers;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The storage adapter: every core storage port on one connection pool, over embedded SQLite (the
 * default, one process; docs/sqlite.md), embedded H2 (one process; kept for installations made
 * before SQLite) or PostgreSQL (several nodes). {@link #open} only builds the pool; {@link #migrate}
 * brings the schema up to date, which the {@code migrate} command or the server's start does.
 */
public final class JdbcStorage implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcStorage.class);

    /** Where to connect; {@code maxPoolSize} bounds concurrent statements, not request threads. */
    public record Settings(String jdbcUrl, String user, String password, int maxPoolSize) {
        @Override
        public String toString() {
            return "Settings[jdbcUrl=" + jdbcUrl + ", user=" + user + ", password=****, maxPoolSize=" + maxPoolSize + "]";
        }
    }

    private final HikariDataSource pool;
    /** SQLite only: held while open, so a second process cannot use the same file (see {@link #open}). */
    private final AutoCloseable processLock;
    private final Dialect dialect;
    private final Jdbi jdbi;
    private volatile boolean schemaCurrent;

    private final JdbcDevices devices;
    private final JdbcDeviceSearch deviceSearch;
    private final JdbcUsers users;
    private final JdbcGroups groups;
    private final JdbcInventoryImport imports;
    private final JdbcActionRequests requests;
    private final JdbcCommandHistory history;
    private final JdbcCommandQueue queue;
    private final JdbcCommandTransitions transitions;
    private final JdbcAuditLog audit;
    private final JdbcAdmins admins;
    private final JdbcEnrollmentCodes enrollmentCodes;
    private final JdbcDeviceIdentities deviceIdentities;
    private final io.latchkey.store.jdbc.inventory.JdbcCheckInLookup checkInLookup;
    private final JdbcPushAddresses pushAddresses;
    private final JdbcEscrowedSecrets escrowedSecrets;
    private final JdbcWireRefs wireRefs;
    private final io.latchkey.store.jdbc.android.JdbcCloudOperations cloudOperations;
    private final io.latchkey.store.jdbc.eas.JdbcEasPartnerships easPartnerships;
    private final io.latchkey.store.jdbc.android.JdbcAndroidEnterprises androidEnterprises;

    private JdbcStorage(HikariDataSource pool, Dialect dialect, AutoCloseable processLock) {
        this.processLock = processLock;
        this.pool = pool;
        this.dialect = dialect;
        this.jdbi = TypeBindings.install(Jdbi.create(pool), dialect);
        if (dialect == Dialect.SQLITE) {
            SqliteWriterQueue writers = new SqliteWriterQueue(jdbi.getTransactionHandler());
            jdbi.setTransactionHandler(writers);
            jdbi.getConfig(org.jdbi.v3.core.statement.SqlStatements.class).addCustomizer(writers.statements());
        }
        this.devices = new JdbcDevices(jdbi, dialect);
        this.deviceSearch = new JdbcDeviceSearch(jdbi, dialect);
        this.users = new JdbcUsers(jdbi, dialect);
        this.groups = new JdbcGroups(jdbi, dialect);
        this.imports = new JdbcInventoryImport(jdbi, dialect);
        this.history = new JdbcCommandHistory(jdbi);
        this.requests = new JdbcActionRequests(jdbi, dialect);
        this.queue = new JdbcCommandQueue(jdbi, dialect);
        this.transitions = new JdbcCommandTransitions(jdbi, dialect);
        this.audit = new JdbcAuditLog(jdbi, dialect);
        this.admins = new JdbcAdmins(jdbi);
        this.enrollmentCodes = new JdbcEnrollmentCodes(jdbi);
        this.deviceIdentities = new JdbcDeviceIdentities(jdbi);
        this.checkInLookup = new io.latchkey.store.jdbc.inventory.JdbcCheckInLookup(pool, dialect == Dialect.SQLITE);
        this.pushAddresses = new JdbcPushAddresses(jdbi, dialect);
        this.escrowedSecrets = new JdbcEscrowedSecrets(jdbi, dialect);
        this.wireRefs = new JdbcWireRefs(jdbi);
        this.cloudOperations = new io.latchkey.store.jdbc.android.JdbcCloudOperations(jdbi, dialect);
        this.easPartnerships = new io.latchkey.store.jdbc.eas.JdbcEasPartnerships(jdbi, dialect);
        this.androidEnterprises = new io.latchkey.store.jdbc.android.JdbcAndroidEnterprises(jdbi, dialect);
    }

    /** Builds the pool. It does not fail when the database is down: {@link #ready()} says so. */
    public static JdbcStorage open(Settings settings) {
        Dialect dialect = Dialect.ofUrl(settings.jdbcUrl());
        HikariConfig config = new HikariConfig();
        config.setPoolName("latchkey-" + dialect.vendor());
        if (dialect == Dialect.SQLITE) {
            config.setDataSource(new SqliteConnections(settings.jdbcUrl()));
        } else {
            config.setJdbcUrl(dialect == Dialect.POSTGRESQL ? withBatchRewrite(settings.jdbcUrl()) : settings.jdbcUrl());
        }
        config.setUsername(settings.user());
        config.setPassword(settings.password());
        config.setMaximumPoolSize(Math.max(1, settings.maxPoolSize()));
        config.setMinimumIdle(Math.min(2, Math.max(1, settings.maxPoolSize())));
        config.setInitializationFailTimeout(-1);
        LOG.info("opening {} storage at {}", dialect.vendor(), redact(settings.jdbcUrl()));
        AutoCloseable processLock = dialect == Dialect.SQLITE ? SqliteProcessLock.acquire(settings.jdbcUrl()) : () -> { };
        return new JdbcStorage(new HikariDataSource(config), dialect, processLock);
    }

    /**
     * The embedded database in {@code dataDir}. DB_CLOSE_ON_EXIT is off so H2's own shutdown
     * hook cannot close the database under a server still draining requests ({@link #close} does
     * it); the lock timeout outlasts the longest write (a 100k-command request). WRITE_DELAY=0
     * makes every commit reach the file before it returns: with H2's default (500 ms) a process
     * killed with SIGKILL lost commits it had already confirmed, and a command handed to a device
     * came back as pending and was handed out again (caught by the e2e hand-out crash test).
     * QUERY_CACHE_SIZE: H2 keeps 8 parsed statements per connection by default, fewer than one
     * device session uses, so each statement was parsed again (a tenth of a Windows session's CPU).
     */
    /** The embedded databases' files in a data directory. */
    public static final String SQLITE_FILE_NAME = "latchkey.sqlite";
    public static final String H2_FILE_NAME = "latchkey.mv.db";

    /** True when another process holds the SQLite file a {@code jdbc:sqlite:} URL names. */
    public static boolean embeddedFileInUse(String sqliteUrl) {
        try (AutoCloseable free = SqliteProcessLock.acquire(sqliteUrl)) {
            return false;
        } catch (IllegalStateException e) {
            return true;
        } catch (Exception e) {
            throw new IllegalStateException("cannot check the lock beside " + sqliteUrl, e);
        }
    }

    public static String h2FileUrl(Path dataDir) {
        return "jdbc:h2:file:" + dataDir.toAbsolutePath().normalize().resolve("latchkey")
                + ";DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=20000;AUTO_SERVER=FALSE;WRITE_DELAY=0;QUERY_CACHE_SIZE=256";
    }

    /**
     * The embedded SQLite database in {@code dataDir} (docs/sqlite.md). WAL lets reads
     * run beside the one writer; synchronous=NORMAL in WAL mode loses no committed transaction on a
     * process kill (only on power loss, the last commits); foreign_keys is off by default in SQLite.
     * transaction_mode=IMMEDIATE: every transaction takes the write lock at BEGIN, so a transaction
     * that reads and then writes can never fail to upgrade (SQLITE_BUSY, which busy_timeout does not
     * retry); it also stands in for FOR UPDATE. busy_timeout matches H2's LOCK_TIMEOUT.
     * case_sensitive_like: SQLite's LIKE ignores ASCII case by default, H2's and PostgreSQL's do not
     * (the searches lower-case both sides themselves; the audit action filter must stay exact).
     */
    public static String sqliteFileUrl(Path dataDir) {
        return "jdbc:sqlite:" + dataDir.toAbsolutePath().normalize().resolve(SQLITE_FILE_NAME)
                + "?journal_mode=WAL&synchronous=NORMAL&foreign_keys=true&busy_timeout=20000&transaction_mode=IMMEDIATE"
                + "&case_sensitive_like=true";
    }

    public void migrate() {
        var result = flyway().migrate();
        LOG.info("schema of {} storage at version {} ({} migration(s) applied)", dialect.vendor(),
                result.targetSchemaVersion, result.migrationsExecuted);
        schemaCurrent = true;
    }

    /** Reachable and migrated. Once migrations were seen current they stay so for this build. */
    public boolean ready() {
        try (Connection c = pool.getConnection()) {
            if (!c.isValid(2)) {
                return false;
            }
        } catch (SQLException e) {
            LOG.debug("storage not reachable: {}", e.getMessage());
            return false;
        }
        if (!schemaCurrent) {
            try {
                schemaCurrent = flyway().info().pending().length == 0;
            } catch (RuntimeException e) {
                LOG.debug("cannot read schema history: {}", e.getMessage());
                return false;
            }
        }
        return schemaCurrent;
    }

    /**
     * Wake-ups from other nodes: on PostgreSQL a {@link PgWakeSignal} that runs {@code onSignal} when
     * any node announces due work; empty on H2, which serves one process only.
     */
    public java.util.Optional<PgWakeSignal> listenForWakeups(PgWakeSignal.Listener onSignal) {
        if (dialect != Dialect.POSTGRESQL) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(PgWakeSignal.start(pool, pool.getJdbcUrl(), pool.getUsername(), pool.getPassword(),
                onSignal));
    }

    public String vendor() {
        return dialect.vendor();
    }

    /** For this package's tests: the storage's own Jdbi, with its transaction handling. */
    Jdbi jdbi() {
        return jdbi;
    }

    public DataSource dataSource() {
        return pool;
    }

    public Devices devices() {
        return devices;
    }

    /** Devices selected by a condition (the Graph API's $filter). */
    public DeviceSearch deviceSearch() {
        return deviceSearch;
    }

    /** Forgetting a device's record. */
    public DeviceRemoval deviceRemoval() {
        return devices;
    }

    /** Many users by id at once. */
    public UserLookup userLookup() {
        return users;
    }

    public Users users() {
        return users;
    }

    public Groups groups() {
        return groups;
    }

    public InventoryImport imports() {
        return imports;
    }

    public ActionRequests requests() {
        return requests;
    }

    public CommandHistory history() {
        return history;
    }

    public CommandQueue queue() {
        return queue;
    }

    public CommandTransitions transitions() {
        return transitions;
    }

    /** The audit log's hash chain, for {@code latchkey audit verify} and export. */
    public io.latchkey.core.audit.AuditChain auditChain() {
        return new io.latchkey.store.jdbc.audit.JdbcAuditChain(jdbi);
    }

    public AuditLog audit() {
        return audit;
    }

    public Admins admins() {
        return admins;
    }

    public io.latchkey.core.admin.AdminPasswords adminPasswords() {
        return admins;
    }

    public io.latchkey.core.admin.ApiTokens apiTokens() {
        return admins;
    }

    public io.latchkey.core.admin.SignInAttempts signInAttempts() {
        return new io.latchkey.store.jdbc.admin.JdbcSignInAttempts(jdbi);
    }

    public io.latchkey.core.admin.AdminDirectory adminDirectory() {
        return admins;
    }

    public io.latchkey.core.access.Roles roles() {
        return new io.latchkey.store.jdbc.access.JdbcRoles(jdbi, dialect);
    }

    public io.latchkey.core.access.RoleAssignments roleAssignments() {
        return new io.latchkey.store.jdbc.access.JdbcRoleAssignments(jdbi, dialect);
    }

    public io.latchkey.core.secret.DataKeys dataKeys() {
        return new io.latchkey.store.jdbc.secret.JdbcDataKeys(jdbi);
    }

    /** Approval requests held back by an approval policy (issue 8 item 3). */
    public io.latchkey.core.approval.Approvals approvals() {
        return new io.latchkey.store.jdbc.approval.JdbcApprovals(jdbi, dialect);
    }

    public io.latchkey.core.admin.TotpSecrets totpSecrets() {
        return new io.latchkey.store.jdbc.admin.JdbcTotpSecrets(jdbi);
    }

    public EnrollmentCodes enrollmentCodes() {
        return enrollmentCodes;
    }

    public DeviceIdentities deviceIdentities() {
        return deviceIdentities;
    }

    /** Identity, device and "anything open?" in one read: what every device request asks first. */
    public io.latchkey.core.enrollment.CheckInLookup checkInLookup() {
        return checkInLookup;
    }

    public PushAddresses pushAddresses() {
        return pushAddresses;
    }

    public EscrowedSecrets escrowedSecrets() {
        return escrowedSecrets;
    }

    public WireRefs wireRefs() {
        return wireRefs;
    }

    /** The Exchange ActiveSync gateway's device partnerships (issue 10). */
    public io.latchkey.core.eas.EasPartnerships easPartnerships() {
        return easPartnerships;
    }

    public io.latchkey.core.action.CloudOperations cloudOperations() {
        return cloudOperations;
    }

    public io.latchkey.core.enrollment.AndroidEnterprises androidEnterprises() {
        return androidEnterprises;
    }

    @Override
    public void close() {
        pool.close();
        try {
            processLock.close();
        } catch (Exception e) {
            LOG.warn("could not release the database's process lock: {}", e.getMessage());
        }
    }

    private Flyway flyway() {
        return Flyway.configure(JdbcStorage.class.getClassLoader())
                .dataSource(pool)
                .locations("classpath:db/migration/common", "classpath:db/migration/" + dialect.vendor())
                .load();
    }

    /** Lets the driver turn batched INSERTs into multi-row INSERTs: several times faster for big requests. */
    private static String withBatchRewrite(String url) {
        if (url.contains("reWriteBatchedInserts=")) {
            return url;
        }
        return url + (url.contains("?") ? "&" : "?") + "reWriteBatchedInserts=true";
    }

    private static String redact(String url) {
        return url.replaceAll("(?i)password=[^&;]*", "password=****");
    }
}
