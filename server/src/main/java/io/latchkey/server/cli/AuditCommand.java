package io.latchkey.server.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.latchkey.core.audit.AuditChain;
import io.latchkey.server.DatabaseInUse;
import io.latchkey.server.config.Settings;
import io.latchkey.store.jdbc.JdbcStorage;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * {@code latchkey audit verify | export}: the audit log's hash chain checked from its first entry to
 * its head, and the log written out as JSON lines with the hashes, for an archive or a SIEM.
 */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "Check the audit log's hash chain, or export the log as JSON lines.",
        subcommands = {AuditCommand.Verify.class, AuditCommand.Export.class})
final class AuditCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static JdbcStorage open(CommandLine.Model.CommandSpec spec) {
        Settings settings = ConfigOptions.load(spec);
        DatabaseInUse.check(settings);
        JdbcStorage storage = JdbcStorage.open(new JdbcStorage.Settings(settings.databaseUrl(),
                settings.databaseUser(), settings.databasePassword(), 2));
        storage.migrate();
        return storage;
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Recompute every entry's hash; exit 0 when the log is intact, 1 with the first problem. "
                    + "Keep the head hash it prints somewhere else: it proves later that nothing before it changed.")
    static final class Verify implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            try (JdbcStorage storage = open(spec)) {
                AuditChain.Verification v = storage.auditChain().verify();
                PrintWriter out = spec.commandLine().getOut();
                if (v.intact()) {
                    out.printf("audit log intact: %,d entries, head %s%n", v.entries(), v.headHash());
                    return 0;
                }
                spec.commandLine().getErr().println("audit log BROKEN: " + v.problem());
                return 1;
            }
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Write every entry, in chain order, as one JSON object per line (with its hashes).")
    static final class Export implements Callable<Integer> {
        private static final ObjectMapper JSON = new ObjectMapper();

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @CommandLine.Option(names = "--out", paramLabel = "FILE", description = "file to write (default: standard output)")
        Path out;

        @Override
        public Integer call() throws IOException {
            try (JdbcStorage storage = open(spec);
                 OutputStream sink = out == null ? nonClosing(System.out) : Files.newOutputStream(out)) {
                long[] count = {0};
                storage.auditChain().forEach(link -> {
                    ObjectNode o = JSON.createObjectNode();
                    o.put("no", link.number());
                    o.put("id", link.event().id().toString());
                    o.put("at", link.event().at().toString());
                    o.put("actor", link.event().actor());
                    o.put("source", link.event().source());
                    o.put("action", link.event().action());
                    o.put("targetType", link.event().targetType());
                    o.put("target", link.event().target());
                    o.put("detail", link.event().detail());
                    o.put("prevHash", link.previousHash());
                    o.put("hash", link.hash());
                    try {
                        sink.write((JSON.writeValueAsString(o) + "\n").getBytes(StandardCharsets.UTF_8));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    count[0]++;
                });
                sink.flush();
                if (out != null) {
                    spec.commandLine().getErr().printf("exported %,d audit entries to %s%n", count[0], out);
                }
            }
            return 0;
        }

        private static OutputStream nonClosing(OutputStream stream) {
            return new java.io.FilterOutputStream(stream) {
                @Override
                public void close() throws IOException {
                    flush();
                }
            };
        }
    }
}
