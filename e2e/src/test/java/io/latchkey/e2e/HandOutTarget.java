package io.latchkey.e2e;

import io.latchkey.core.action.Channel;
import io.latchkey.core.action.ChannelKind;
import io.latchkey.core.action.Command;
import io.latchkey.core.action.CommandOutbox;
import io.latchkey.core.action.CommandState;
import io.latchkey.core.action.Wakeups;
import io.latchkey.core.secret.AesGcmSealer;
import io.latchkey.store.jdbc.JdbcStorage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The process the hand-out crash test kills: the engine's wake-up loop handing due commands to a
 * channel at the boundary, which (like a device checking in at once) pulls them through
 * {@link CommandOutbox} and reports success. Every command the channel receives is appended to a
 * log file and forced to disk before the batch is answered, so the test knows exactly what was
 * handed out before the kill.
 *
 * <p>Arguments: jdbcUrl user password handedLog requestId
 */
public final class HandOutTarget {
    public static void main(String[] args) throws Exception {
        JdbcStorage.Settings settings = new JdbcStorage.Settings(args[0], args[1], args[2], 4);
        Path log = Path.of(args[3]);
        UUID requestId = UUID.fromString(args[4]);
        try (JdbcStorage storage = JdbcStorage.open(settings);
             FileChannel out = FileChannel.open(log, StandardOpenOption.CREATE, StandardOpenOption.APPEND,
                     StandardOpenOption.WRITE)) {
            CommandOutbox outbox = new CommandOutbox(storage.queue(), storage.transitions(),
                    new AesGcmSealer(new byte[32]), Clock.systemUTC());
            Map<ChannelKind, Channel> channels = new EnumMap<>(ChannelKind.class);
            int[] batches = {0};
            for (ChannelKind kind : ChannelKind.values()) {
                channels.put(kind, new Channel() {
                    @Override
                    public ChannelKind kind() {
                        return kind;
                    }

                    @Override
                    public void commandsDue(List<Command> due) {
                        record(out, due);
                        for (Command c : due) {
                            for (Command delivered : outbox.deliver(c.deviceId(), 10, "crash-test-device")) {
                                outbox.succeeded(delivered.id(), "done", "crash-test-device");
                            }
                        }
                        System.out.println("batch " + (++batches[0]));
                    }
                });
            }
            // Short lease: after a kill, the next process re-claims the batch that was in flight.
            Wakeups wakeups = new Wakeups(storage.queue(), storage.transitions(), channels, Clock.systemUTC(), 200,
                    Duration.ofSeconds(2), Duration.ofMillis(200), e -> {
                        throw new IllegalStateException(e);
                    });
            while (true) {
                wakeups.runOnce();
                Map<CommandState, Long> counts = storage.history().countByState(requestId);
                long open = counts.getOrDefault(CommandState.PENDING, 0L) + counts.getOrDefault(CommandState.SENT, 0L);
                if (open == 0) {
                    break;
                }
                // A command the killed process delivered but whose answer it never recorded stays
                // sent; its device gets it again when it next checks in on its own, as here.
                String cursor = null;
                do {
                    var page = storage.history().ofRequest(requestId, CommandState.SENT, cursor, 500);
                    for (Command c : page.items()) {
                        for (Command again : outbox.deliver(c.deviceId(), 10, "crash-test-device")) {
                            outbox.succeeded(again.id(), "done", "crash-test-device");
                        }
                    }
                    cursor = page.nextCursor();
                } while (cursor != null);
                // Waits for a lease left by the killed process to run out; a child process, not a test.
                java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
            }
            System.out.println("done");
        }
    }

    private static void record(FileChannel out, List<Command> due) {
        StringBuilder sb = new StringBuilder();
        due.forEach(c -> sb.append(c.id()).append('\n'));
        try {
            out.write(ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.UTF_8)));
            out.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
