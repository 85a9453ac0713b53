package io.latchkey.server.cli;

import io.latchkey.server.Version;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code latchkey}: the root command; it only lists its subcommands. */
@Command(name = "latchkey", mixinStandardHelpOptions = true, versionProvider = LatchkeyCommand.VersionProvider.class,
        description = "Self-hosted device management: remote lock, passcode reset, retire and wipe.",
        subcommands = {ServeCommand.class, DemoCommand.class, MigrateCommand.class, CopyDatabaseCommand.class, BackupCommand.class, ImportCommand.class, AndroidCommand.class, AuditCommand.class, KeysCommand.class,
                AdminCommand.class, SimulateCommand.class,
                VersionCommand.class, CommandLine.HelpCommand.class})
public final class LatchkeyCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Builds the command line with the configuration flags on every command that reads them. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new LatchkeyCommand());
        for (String name : new String[]{"serve", "demo", "migrate", "copy-database", "backup", "import"}) {
            ConfigOptions.addTo(cl.getSubcommands().get(name));
        }
        for (String group : new String[]{"android", "audit"}) {
            for (CommandLine sub : cl.getSubcommands().get(group).getSubcommands().values()) {
                ConfigOptions.addTo(sub);
            }
        }
        for (String name : new String[]{"status", "rotate"}) {
            ConfigOptions.addTo(cl.getSubcommands().get("keys").getSubcommands().get(name));
        }
        AdminCommand.addConfigOptions(cl.getSubcommands().get("admin"));
        cl.setExecutionExceptionHandler(new Failures());
        return cl;
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[]{"latchkey " + Version.current()};
        }
    }
}
