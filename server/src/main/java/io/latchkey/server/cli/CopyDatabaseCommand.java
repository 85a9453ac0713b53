package io.latchkey.server.cli;

import io.latchkey.core.audit.AuditChain;
import io.latchkey.server.DatabaseInUse;
import io.latchkey.server.config.Settings;
import io.latchkey.store.jdbc.DatabaseCopy;
import io.latchkey.store.jdbc.JdbcStorage;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code latchkey copy-database}: moves a data directory from the H2 database of an earlier
 * Latchkey to SQLite. The H2 file is only read; the new SQLite file appears beside it only whole
 * and with its audit chain verified, and from then on the server opens it. On any failure the new
 * file is removed, so the next start still finds the H2 database as it was.
 */
@Command(name = "copy-database", mixinStandardHelpOptions = true,
        description = "Copy the H2 database of an earlier Latchkey in the data directory into a new SQLite "
                + "database there (the default from this version on). Stop the server first; the H2 file is "
                + "left as it was.")
final class CopyDatabaseCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Settings settings = ConfigOptions.load(spec);
        PrintWriter out = spec.commandLine().getOut();
        Path dir = settings.dataDir();
        Path h2 = dir.resolve(JdbcStorage.H2_FILE_NAME);
        Path sqlite = dir.resolve(JdbcStorage.SQLITE_FILE_NAME);
        if (!settings.embedded()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "copy-database works on the embedded "
                    + "database in the data directory; unset database.url");
        }
        if (!Files.exists(h2)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "no H2 database (" + h2 + ") to copy");
        }
        if (Files.exists(sqlite)) {
            throw new CommandLine.ParameterException(spec.commandLine(), sqlite + " exists already: the server "
                    + "opens it, not the H2 database; move it away to copy again");
        }
        DatabaseInUse.check(settings);
        boolean done = false;
        try (JdbcStorage from = JdbcStorage.open(new JdbcStorage.Settings(JdbcStorage.h2FileUrl(dir),
                settings.databaseUser(), settings.databasePassword(), 2));
             JdbcStorage to = JdbcStorage.open(new JdbcStorage.Settings(JdbcStorage.sqliteFileUrl(dir), "", "", 2))) {
            from.migrate();
            to.migrate();
            DatabaseCopy.Result result = DatabaseCopy.copy(from, to,
                    (table, rows) -> out.printf("  %-24s %,12d rows%n", table, rows));
            AuditChain.Verification before = from.auditChain().verify();
            AuditChain.Verification after = to.auditChain().verify();
            if (!after.intact() || after.entries() != before.entries()
                    || !String.valueOf(after.headHash()).equals(String.valueOf(before.headHash()))) {
                spec.commandLine().getErr().printf("the copied audit log does not match the original (%s, %,d entries, "
                        + "head %s; the original: %,d entries, head %s); the copy is removed%n",
                        after.intact() ? "intact" : after.problem(), after.entries(), after.headHash(),
                        before.entries(), before.headHash());
                return 1;
            }
            out.printf("copied %,d rows into %s; audit log intact, %,d entries, head %s%n", result.total(), sqlite,
                    after.entries(), after.headHash());
            out.printf("the server now opens %s; %s is left as it was (remove it once you are satisfied)%n",
                    sqlite.getFileName(), h2.getFileName());
            done = true;
            return 0;
        } finally {
            if (!done) {
                for (String suffix : new String[] {"", "-wal", "-shm", "-journal", ".lock"}) {
                    Files.deleteIfExists(Path.of(sqlite + suffix));
                }
            }
        }
    }
}
