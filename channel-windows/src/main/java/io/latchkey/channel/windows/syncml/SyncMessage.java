package io.latchkey.channel.windows.syncml;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One OMA-DM 1.2 SyncML message (reference §2): its header, the body's commands in document
 * order, and whether the body ends the package ({@code <Final/>}).
 */
public record SyncMessage(SyncHeader header, List<SyncCommand> commands, boolean fin) {

    public SyncMessage {
        commands = List.copyOf(commands);
    }

    /** Every command in document order, the contents of Sequence and Atomic after the container. */
    public List<SyncCommand> flattened() {
        List<SyncCommand> out = new ArrayList<>();
        flatten(commands, out);
        return out;
    }

    /**
     * The device's Status for one of the server's commands: {@code msgRef} is the server message
     * that carried it, {@code cmdRef} its CmdID (0 for the server's SyncHdr). Reference §2.3 step 3.
     */
    public Optional<SyncCommand.Status> statusFor(int msgRef, int cmdRef) {
        for (SyncCommand c : flattened()) {
            if (c instanceof SyncCommand.Status s && s.msgRef() == msgRef && s.cmdRef() == cmdRef) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /**
     * The device's Results for one of the server's Get commands. A Results without MsgRef answers
     * the message the device is replying to, so it matches any {@code msgRef}.
     */
    public Optional<SyncCommand.Results> resultsFor(int msgRef, int cmdRef) {
        for (SyncCommand c : flattened()) {
            if (c instanceof SyncCommand.Results r && r.cmdRef() == cmdRef
                    && (r.msgRef() == null || r.msgRef() == msgRef)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /** The first Alert with this code (see {@link AlertCode}), at any depth. */
    public Optional<SyncCommand.Alert> alert(int code) {
        for (SyncCommand c : flattened()) {
            if (c instanceof SyncCommand.Alert a && a.code() == code) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    private static void flatten(List<SyncCommand> commands, List<SyncCommand> out) {
        for (SyncCommand c : commands) {
            out.add(c);
            if (c instanceof SyncCommand.Container container) {
                flatten(container.commands(), out);
            }
        }
    }
}
