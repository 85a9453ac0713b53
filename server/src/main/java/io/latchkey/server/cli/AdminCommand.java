package io.latchkey.server.cli;

import io.latchkey.core.Rejected;
import io.latchkey.core.admin.Admin;
import io.latchkey.core.admin.AdminIdentities;
import io.latchkey.core.admin.ApiToken;
import io.latchkey.core.admin.ApiTokenIssuer;
import io.latchkey.core.audit.Actor;
import io.latchkey.server.App;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * {@code latchkey admin ...}: an administrator's credentials, straight in the database, for the
 * operator of the server: set a password, turn on TOTP, and list, create or revoke API tokens.
 * Everything is audited with the operating-system user as the actor.
 */
@Command(name = "admin", mixinStandardHelpOptions = true,
        description = "Manage administrators' passwords, TOTP second factor, API tokens and roles.",
        subcommands = {AdminCommand.Password.class, AdminCommand.TotpGroup.class, AdminCommand.Tokens.class,
                RoleCommands.CreateAdmin.class, RoleCommands.RoleGroup.class, RoleCommands.Assign.class,
                RoleCommands.Unassign.class})
final class AdminCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The configuration flags on every leaf command, however deep. */
    static void addConfigOptions(CommandLine command) {
        if (command.getSubcommands().isEmpty()) {
            ConfigOptions.addTo(command);
            return;
        }
        command.getSubcommands().values().forEach(AdminCommand::addConfigOptions);
    }

    /** Opens the server's database and use cases, runs the work, maps a refusal to a clear message. */
    static int withIdentities(CommandLine.Model.CommandSpec spec, Function<AdminIdentities, Integer> work) {
        try (App app = App.open(ConfigOptions.load(spec))) {
            return work.apply(app.identities());
        } catch (Rejected r) {
            spec.commandLine().getErr().println("latchkey: " + r.getMessage());
            return 1;
        }
    }

    static Actor actor() {
        return new Actor("cli:" + System.getProperty("user.name", "unknown"), "cli");
    }

    @Command(name = "password", mixinStandardHelpOptions = true,
            description = "Set an administrator's password, typed at the terminal or read from standard input "
                    + "with --password-stdin; never from the command line, where other users could see it.")
    static final class Password implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "NAME", description = "the administrator")
        String name;

        @CommandLine.Option(names = "--password-stdin", description = "read the password from the first line of "
                + "standard input (for scripts)")
        boolean fromStdin;

        @Override
        public Integer call() throws IOException {
            String password;
            java.io.Console console = System.console();
            if (fromStdin) {
                password = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            } else if (console != null) {
                char[] typed = console.readPassword("New password for %s: ", name);
                password = typed == null ? null : new String(typed);
            } else {
                spec.commandLine().getErr().println("latchkey: no terminal to type the password at: use "
                        + "--password-stdin and pipe it in");
                return 1;
            }
            return withIdentities(spec, ids -> {
                ids.passwords().set(name, password, actor());
                spec.commandLine().getOut().println("password set for '" + name + "'");
                return 0;
            });
        }
    }

    @Command(name = "totp", mixinStandardHelpOptions = true, description = "The TOTP second factor.",
            subcommands = {TotpGroup.Enable.class})
    static final class TotpGroup implements Runnable {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            spec.commandLine().usage(spec.commandLine().getOut());
        }

        @Command(name = "enable", mixinStandardHelpOptions = true,
                description = "Turn on TOTP for an administrator (replacing any earlier secret) and print the "
                        + "otpauth:// URI to give them, once, for their authenticator app.")
        static final class Enable implements Callable<Integer> {
            @CommandLine.Spec
            CommandLine.Model.CommandSpec spec;

            @Parameters(index = "0", paramLabel = "NAME", description = "the administrator")
            String name;

            @Override
            public Integer call() {
                return withIdentities(spec, ids -> {
                    Admin admin = ids.tokens().admin(name);
                    String uri = ids.totp().enable(admin, actor());
                    spec.commandLine().getOut().println(uri);
                    spec.commandLine().getErr().println("TOTP enabled for '" + name + "': the console now asks for a "
                            + "code after the password. The URI above holds the secret; it is not shown again.");
                    return 0;
                });
            }
        }
    }

    @Command(name = "token", mixinStandardHelpOptions = true, description = "An administrator's API tokens.",
            subcommands = {Tokens.ListTokens.class, Tokens.Create.class, Tokens.Revoke.class})
    static final class Tokens implements Runnable {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            spec.commandLine().usage(spec.commandLine().getOut());
        }

        @Command(name = "list", mixinStandardHelpOptions = true,
                description = "List an administrator's tokens: id, name, dates, state. Never the token itself.")
        static final class ListTokens implements Callable<Integer> {
            @CommandLine.Spec
            CommandLine.Model.CommandSpec spec;

            @Parameters(index = "0", paramLabel = "NAME", description = "the administrator")
            String name;

            @Override
            public Integer call() {
                return withIdentities(spec, ids -> {
                    List<ApiToken> tokens = ids.tokens().list(ids.tokens().admin(name));
                    var out = spec.commandLine().getOut();
                    out.printf("%-36s  %-8s  %-20s  %-20s  %s%n", "ID", "STATE", "CREATED", "EXPIRES", "NAME");
                    java.time.Instant now = java.time.Instant.now();
                    for (ApiToken t : tokens) {
                        String state = t.revokedAt() != null ? "revoked" : t.usableAt(now) ? "active" : "expired";
                        out.printf("%-36s  %-8s  %-20s  %-20s  %s%n", t.id(), state, t.createdAt(),
                                t.expiresAt() == null ? "never" : t.expiresAt(), t.name());
                    }
                    return 0;
                });
            }
        }

        @Command(name = "create", mixinStandardHelpOptions = true,
                description = "Create a token for an administrator and print it, once: only its hash is kept.")
        static final class Create implements Callable<Integer> {
            @CommandLine.Spec
            CommandLine.Model.CommandSpec spec;

            @Parameters(index = "0", paramLabel = "NAME", description = "the administrator")
            String admin;

            @CommandLine.Option(names = "--name", required = true, paramLabel = "LABEL",
                    description = "what will use the token, e.g. 'ci pipeline'")
            String label;

            @CommandLine.Option(names = "--expires-in-days", paramLabel = "DAYS",
                    description = "lifetime in days, 1 to 730 (default 90)")
            Integer days;

            @Override
            public Integer call() {
                return withIdentities(spec, ids -> {
                    ApiTokenIssuer.Issued issued = ids.tokens().create(ids.tokens().admin(admin), label,
                            days == null ? null : Duration.ofDays(days), actor());
                    spec.commandLine().getOut().println(issued.secret());
                    spec.commandLine().getErr().println("token " + issued.token().id() + " for '" + admin
                            + "' expires " + issued.token().expiresAt() + "; it is not shown again");
                    return 0;
                });
            }
        }

        @Command(name = "revoke", mixinStandardHelpOptions = true,
                description = "Revoke a token: the API refuses it from now on.")
        static final class Revoke implements Callable<Integer> {
            @CommandLine.Spec
            CommandLine.Model.CommandSpec spec;

            @Parameters(index = "0", paramLabel = "NAME", description = "the administrator")
            String admin;

            @Parameters(index = "1", paramLabel = "TOKEN-ID", description = "the id 'admin token list' shows")
            String id;

            @Override
            public Integer call() {
                UUID tokenId;
                try {
                    tokenId = UUID.fromString(id);
                } catch (IllegalArgumentException e) {
                    spec.commandLine().getErr().println("latchkey: '" + id + "' is not a token id (a UUID)");
                    return 1;
                }
                return withIdentities(spec, ids -> {
                    ids.tokens().revoke(ids.tokens().admin(admin), tokenId, actor());
                    spec.commandLine().getOut().println("revoked token " + tokenId);
                    return 0;
                });
            }
        }
    }
}
