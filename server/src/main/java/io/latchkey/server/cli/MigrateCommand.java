package io.latchkey.server.cli;

import io.latchkey.server.DatabaseInUse;
import io.latchkey.server.config.Settings;
import io.latchkey.store.jdbc.JdbcStorage;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** {@code latchkey migrate}: brings the database schema up to date, then exits. */
@Command(name = "migrate", mixinStandardHelpOptions = true,
        description = "Bring the database schema up to date and exit (serve does it too unless told not to).")
final class MigrateCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Settings settings = ConfigOptions.load(spec);
        DatabaseInUse.check(settings);
        try (JdbcStorage storage = JdbcStorage.open(new JdbcStorage.Settings(settings.databaseUrl(),
                settings.databaseUser(), settings.databasePassword(), 2))) {
            storage.migrate();
            out().println("the " + storage.vendor() + " database schema is up to date");
        }
        return 0;
    }

    private java.io.PrintWriter out() {
        return spec.commandLine().getOut();
    }
}
