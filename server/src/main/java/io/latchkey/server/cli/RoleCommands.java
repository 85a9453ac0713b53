package io.latchkey.server.cli;

import io.latchkey.core.Rejected;
import io.latchkey.core.access.Permission;
import io.latchkey.core.access.Role;
import io.latchkey.core.access.Scope;
import io.latchkey.core.admin.Admin;
import io.latchkey.core.inventory.StaticGroup;
import io.latchkey.server.App;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code latchkey admin role list|create|delete} and {@code latchkey admin assign|unassign}: roles
 * and who holds them where, straight in the database, audited with the operating-system user as
 * the actor (the same use case as {@code /api/v1/roles} and {@code /api/v1/admins}).
 */
final class RoleCommands {
    private RoleCommands() {
    }

    static int withApp(CommandLine.Model.CommandSpec spec, Function<App, Integer> work) {
        try (App app = App.open(ConfigOptions.load(spec))) {
            return work.apply(app);
        } catch (Rejected r) {
            spec.commandLine().getErr().println("latchkey: " + r.getMessage());
            return 1;
        }
    }

    @Command(name = "role", mixinStandardHelpOptions = true, description = "Roles: the built-ins and custom ones.",
            subcommands = {RoleGroup.ListRoles.class, RoleGroup.Create.class, RoleGroup.Delete.class})
    static final class RoleGroup implements Runnable {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public void run() {
            spec.commandLine().usage(spec.commandLine().getOut());
        }

        @Command(name = "list", mixinStandardHelpOptions = true, description = "List roles and their permissions.")
        static final class ListRoles implements Callable<Integer> {
            @CommandLine.Spec
            CommandLine.Model.CommandSpec spec;

            @Override
            public Integer call() {
                return withApp(spec, app -> {
                    var out = spec.commandLine().getOut();
                    for (Role r : app.storage().roles().all()) {
                        out.printf("%-30s  %-8s  %s%n", r.name(), r.builtIn() ? "built-in" : "custom",
                                r.permissions().stream().sorted().map(p -> p.name().toLowerCase(Locale.ROOT))
                                        .collect(Collectors.joining(",")));
                    }
                    return 0;
                });
            }
        }

        @Command(name = "create", mixinStandardHelpOptions = true,
                description = "Create a custom role, or replace the permissions of one (--replace).")
        static final class Create implements Callable<Integer> {
            @CommandLine.Spec
            CommandLine.Model.CommandSpec spec;

            @Parameters(index = "0", paramLabel = "NAME", description = "the role's name")
            String name;

            @Option(names = {"-p", "--permission"}, split = ",", paramLabel = "PERMISSION",
                    description = "a permission (repeatable or comma-separated): " + "remote_lock, passcode_reset, "
                            + "retire, wipe, lost_mode, sync, reveal_secret, read_devices, manage_devices, "
                            + "manage_users, manage_groups, manage_enrollment, manage_roles, read_audit")
            List<String> permissions = List.of();

            @Option(names = "--replace", description = "replace an existing custom role's permissions")
            boolean replace;

            @Override
            public Integer call() {
                Set<Permission> set = EnumSet.noneOf(Permission.class);
                try {
                    permissions.forEach(p -> set.add(Permission.parse(p)));
                } catch (IllegalArgumentException e) {
                    spec.commandLine().getErr().println("latchkey: " + e.getMessage());
                    return 1;
                }
                return withApp(spec, app -> {
                    Role r = app.roleAdministration().saveCustom(name, set, !replace, AdminCommand.actor());
                    spec.commandLine().getOut().println((replace ? "replaced" : "created") + " role '" + r.name()
                            + "'");
                    return 0;
                });
            }
        }

        @Command(name = "delete", mixinStandardHelpOptions = true,
                description = "Delete a custom role and every assignment of it.")
        static final class Delete implements Callable<Integer> {
            @CommandLine.Spec
            CommandLine.Model.CommandSpec spec;

            @Parameters(index = "0", paramLabel = "NAME", description = "the custom role")
            String name;

            @Override
            public Integer call() {
                return withApp(spec, app -> {
                    app.roleAdministration().deleteCustom(name, AdminCommand.actor());
                    spec.commandLine().getOut().println("deleted role '" + name + "'");
                    return 0;
                });
            }
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Create a local administrator with no password and no role; then set one with "
                    + "'admin password NAME' (or a token) and give a role with 'admin assign NAME ROLE'.")
    static final class CreateAdmin implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "NAME", description = "the new administrator's name")
        String name;

        @Override
        public Integer call() {
            return withApp(spec, app -> {
                Admin created = app.adminCreation().create(name, AdminCommand.actor());
                spec.commandLine().getOut().println("administrator '" + created.name() + "' created (" + created.id()
                        + "); it can do nothing until it has a password or token and a role");
                return 0;
            });
        }
    }

    @Command(name = "assign", mixinStandardHelpOptions = true,
            description = "Give an administrator a role over all devices, or over static groups (--group).")
    static final class Assign implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "ADMIN", description = "the administrator's name")
        String admin;

        @Parameters(index = "1", paramLabel = "ROLE", description = "the role's name")
        String role;

        @Option(names = {"-g", "--group"}, paramLabel = "GROUP",
                description = "a static group's name or id (repeatable); none means all devices")
        List<String> groups = List.of();

        @Override
        public Integer call() {
            return withApp(spec, app -> {
                Admin a = admin(app, admin);
                Set<UUID> ids = new LinkedHashSet<>();
                for (String g : groups) {
                    ids.add(group(app, g));
                }
                app.roleAdministration().assign(a.id(), role, ids.isEmpty() ? Scope.ALL : Scope.groups(ids),
                        AdminCommand.actor());
                spec.commandLine().getOut().println("'" + a.name() + "' holds '" + role + "' over "
                        + (ids.isEmpty() ? "all devices" : String.join(", ", groups)));
                return 0;
            });
        }
    }

    @Command(name = "unassign", mixinStandardHelpOptions = true, description = "Take a role away from an administrator.")
    static final class Unassign implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "ADMIN", description = "the administrator's name")
        String admin;

        @Parameters(index = "1", paramLabel = "ROLE", description = "the role's name")
        String role;

        @Override
        public Integer call() {
            return withApp(spec, app -> {
                Admin a = admin(app, admin);
                app.roleAdministration().unassign(a.id(), role, AdminCommand.actor());
                spec.commandLine().getOut().println("'" + a.name() + "' no longer holds '" + role + "'");
                return 0;
            });
        }
    }

    private static Admin admin(App app, String name) {
        return app.storage().admins().findByName(name)
                .orElseThrow(() -> Rejected.notFound("no administrator '" + name + "'"));
    }

    /** A static group by id or (case-insensitive) name. */
    private static UUID group(App app, String key) {
        try {
            UUID id = UUID.fromString(key);
            return app.storage().groups().find(id).map(StaticGroup::id)
                    .orElseThrow(() -> Rejected.notFound("no group " + key));
        } catch (IllegalArgumentException notAnId) {
            return app.storage().groups().list().stream().filter(g -> g.name().equalsIgnoreCase(key.trim()))
                    .map(StaticGroup::id).findFirst()
                    .orElseThrow(() -> Rejected.notFound("no static group named '" + key + "'"));
        }
    }
}
