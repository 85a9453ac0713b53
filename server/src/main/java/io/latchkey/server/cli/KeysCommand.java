package io.latchkey.server.cli;

import io.latchkey.core.secret.DataKey;
import io.latchkey.core.secret.KeyRotation;
import io.latchkey.core.secret.SecretException;
import io.latchkey.server.App;
import io.latchkey.server.config.Settings;
import io.latchkey.store.jdbc.JdbcStorage;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.concurrent.Callable;

/**
 * {@code latchkey keys status | rotate | generate}: envelope encryption's keys (docs/security.md,
 * "Keys"). Rotation re-wraps data keys only, so it runs while the servers serve.
 */
@Command(name = "keys", mixinStandardHelpOptions = true,
        description = "Show, rotate or generate the keys that seal secrets at rest.",
        subcommands = {KeysCommand.Status.class, KeysCommand.Rotate.class, KeysCommand.Generate.class})
final class KeysCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    private static KeyRotation rotation(JdbcStorage storage, Settings settings) {
        return new KeyRotation(storage.dataKeys(), App.masterKeys(settings), storage.audit(), Clock.systemUTC());
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = "The master keys this configuration holds and the master key each data key is wrapped under.")
    static final class Status implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            Settings settings = ConfigOptions.load(spec);
            try (JdbcStorage storage = AuditCommand.open(spec)) {
                KeyRotation.Status s = rotation(storage, settings).status();
                PrintWriter out = spec.commandLine().getOut();
                out.printf("master keys held: %s (primary %s)%n", String.join(", ", s.heldMasterKeys()), s.primary());
                for (DataKey k : s.dataKeys()) {
                    out.printf("data key %d: wrapped under %s%s, created %s%n", k.id(), k.masterKeyId(),
                            k.masterKeyId().equals(s.primary()) ? " (primary)"
                                    : s.heldMasterKeys().contains(k.masterKeyId()) ? " (old: run keys rotate)" : " (NOT HELD)",
                            k.createdAt());
                }
                if (s.notUnderPrimary().isEmpty()) {
                    out.println("every data key is wrapped under the primary: other master keys may leave the key files");
                    return 0;
                }
                return 1;
            }
        }
    }

    @Command(name = "rotate", mixinStandardHelpOptions = true,
            description = "Re-wrap every data key under the primary master key (the first listed) and add a new data key "
                    + "for new secrets. Before: list the new master key first and the old one after it in every node's "
                    + "key file (or secret.key). After: 'keys status' exits 0, then the old key may be removed.")
    static final class Rotate implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.Option(names = "--keep-data-key",
                description = "only re-wrap; keep sealing new secrets with the current data key")
        boolean keepDataKey;

        @Override
        public Integer call() {
            Settings settings = ConfigOptions.load(spec);
            try (JdbcStorage storage = AuditCommand.open(spec)) {
                KeyRotation.Outcome o = rotation(storage, settings).rotate(!keepDataKey,
                        System.getProperty("user.name", "cli"));
                PrintWriter out = spec.commandLine().getOut();
                out.printf("re-wrapped %d data key(s) under master key %s (%d already were)%n", o.rewrapped(), o.primary(),
                        o.alreadyUnderPrimary());
                o.newDataKey().ifPresent(id -> out.printf("new data key %d seals new secrets (nodes pick it up within a "
                        + "minute)%n", id));
                return 0;
            } catch (SecretException e) {
                spec.commandLine().getErr().println("keys rotate: " + e.getMessage());
                return 1;
            }
        }
    }

    @Command(name = "generate", mixinStandardHelpOptions = true,
            description = "Print a new random master key (base64 of 32 bytes) for a key file or secret.key.")
    static final class Generate implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            spec.commandLine().getOut().println(Base64.getEncoder().encodeToString(key));
            return 0;
        }
    }
}
