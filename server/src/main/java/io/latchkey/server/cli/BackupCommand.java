package io.latchkey.server.cli;

import io.latchkey.server.config.Settings;
import io.latchkey.store.jdbc.SqliteBackup;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code latchkey backup FILE}: a consistent copy of the embedded SQLite database, taken while the
 * server runs ({@link SqliteBackup}). PostgreSQL has its own tools, and H2's file cannot be read
 * while the server holds it: both are refused with what to do instead.
 */
@Command(name = "backup", mixinStandardHelpOptions = true,
        description = "Write a consistent copy of the embedded SQLite database to FILE, while the server keeps "
                + "running. Keep the secret key and the apple/ directory apart from it (docs/deployment.md).")
final class BackupCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The new file; an existing file is never overwritten.")
    Path target;

    @Override
    public Integer call() {
        Settings settings = ConfigOptions.load(spec);
        String url = settings.databaseUrl();
        if (url.startsWith("jdbc:h2:")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "this data directory holds the H2 database "
                    + "of an earlier Latchkey, which cannot be read while the server runs: stop the server and copy "
                    + "latchkey.mv.db, or move to SQLite with copy-database");
        }
        if (!url.startsWith("jdbc:sqlite:")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "database.url points at an external "
                    + "database: back it up with its own tools (PostgreSQL: pg_dump, or WAL archiving for "
                    + "point-in-time recovery)");
        }
        SqliteBackup.Result result;
        try {
            result = SqliteBackup.write(url, target);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        result.rows().forEach((table, rows) -> out.printf("  %-16s %,12d rows%n", table, rows));
        out.printf("wrote %s (%,d bytes), integrity checked%n", result.file(), result.bytes());
        out.println("sealed secrets in it can only be read with this server's secret key: keep the key, and the "
                + "apple/ directory (the device CA), backed up apart from it");
        return 0;
    }
}
