package io.latchkey.channel.windows.syncml;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The server's answer to one device message (reference §2.3, typical session step 2): a SyncHdr
 * with Target and Source swapped and the SessionID echoed, a Status for the device's SyncHdr
 * (CmdRef 0, Cmd {@code SyncHdr}), one Status per device command (MsgRef = the device's MsgID,
 * CmdRef = its CmdID, Cmd = its element name), then the server's own commands, numbered here, then
 * {@code <Final/>}. Status codes default to 200. The device's own Status commands are not answered
 * (a Status is never acknowledged); its Results are.
 *
 * <pre>{@code
 * SyncMessage reply = SyncReply.to(deviceMessage, 1)
 *         .command(SyncCommand.Exec.of("./Vendor/MSFT/RemoteLock/Lock"))
 *         .build();                      // reply.commands() carries the CmdIDs given
 * byte[] body = SyncMlWriter.write(reply);
 * }</pre>
 */
public final class SyncReply {
    private final SyncMessage device;
    private final int msgId;
    private int headerCode = StatusCode.OK;
    private final Map<Integer, Integer> codes = new HashMap<>();
    private final List<SyncCommand> commands = new ArrayList<>();
    private boolean fin = true;

    private SyncReply(SyncMessage device, int msgId) {
        this.device = device;
        this.msgId = msgId;
    }

    /**
     * @param serverMsgId the server's MsgID: unique in the session, from 1, up by 1 per server
     *                    message (oma-dm-protocol-support.md, reference §2.2)
     */
    public static SyncReply to(SyncMessage device, int serverMsgId) {
        return new SyncReply(device, serverMsgId);
    }

    /** The code for the device's SyncHdr, e.g. 212 after an accepted Cred, 401/407 to refuse it. */
    public SyncReply headerStatus(int code) {
        headerCode = code;
        return this;
    }

    /** The code for the device command with this CmdID (default 200). */
    public SyncReply status(int deviceCmdId, int code) {
        codes.put(deviceCmdId, code);
        return this;
    }

    /** A server command; its CmdID (and those inside a container) is replaced by the writer's numbering. */
    public SyncReply command(SyncCommand command) {
        if (command instanceof SyncCommand.Status || command instanceof SyncCommand.Results) {
            throw new IllegalArgumentException("Status and Results are the reply's own, not server commands");
        }
        commands.add(command);
        return this;
    }

    /**
     * The command added last, numbered as {@link #build()} will number it: the Status of the
     * header and of each device command come first, then the server's commands in the order added.
     * A channel stores these numbers before the message leaves.
     */
    public SyncCommand numberedLast() {
        if (commands.isEmpty()) {
            throw new IllegalStateException("no server command added yet");
        }
        int[] next = {2 + (int) device.flattened().stream().filter(c -> !(c instanceof SyncCommand.Status)).count()};
        for (int i = 0; i < commands.size() - 1; i++) {
            next[0] += size(commands.get(i));
        }
        return numbered(commands.get(commands.size() - 1), next);
    }

    /** Takes back server commands added earlier (their command was not handed out after all). */
    public SyncReply withdraw(java.util.function.Predicate<SyncCommand> which) {
        commands.removeIf(which);
        return this;
    }

    private static int size(SyncCommand c) {
        return switch (c) {
            case SyncCommand.Sequence s -> 1 + s.commands().stream().mapToInt(SyncReply::size).sum();
            case SyncCommand.Atomic a -> 1 + a.commands().stream().mapToInt(SyncReply::size).sum();
            default -> 1;
        };
    }

    /** Leaves out {@code <Final/>}, when more messages of the package follow (default: final). */
    public SyncReply notFinal() {
        fin = false;
        return this;
    }

    public SyncMessage build() {
        SyncHeader in = device.header();
        SyncHeader header = new SyncHeader(SyncHeader.VER_DTD, SyncHeader.VER_PROTO, in.sessionId(), msgId,
                in.sourceLocUri(), in.targetLocUri(), null, null);
        int[] next = {1};
        List<SyncCommand> body = new ArrayList<>();
        body.add(new SyncCommand.Status(next[0]++, in.msgId(), 0, "SyncHdr", null, null, headerCode, List.of()));
        for (SyncCommand c : device.flattened()) {
            if (!(c instanceof SyncCommand.Status)) {
                body.add(new SyncCommand.Status(next[0]++, in.msgId(), c.cmdId(), c.element(), null, null,
                        codes.getOrDefault(c.cmdId(), StatusCode.OK), List.of()));
            }
        }
        for (SyncCommand c : commands) {
            body.add(numbered(c, next));
        }
        return new SyncMessage(header, body, fin);
    }

    public byte[] toBytes() {
        return SyncMlWriter.write(build());
    }

    private static SyncCommand numbered(SyncCommand c, int[] next) {
        int id = next[0]++;
        return switch (c) {
            case SyncCommand.Alert a -> new SyncCommand.Alert(id, a.code(), a.items());
            case SyncCommand.Get g -> new SyncCommand.Get(id, g.items());
            case SyncCommand.Replace r -> new SyncCommand.Replace(id, r.items());
            case SyncCommand.Add a -> new SyncCommand.Add(id, a.items());
            case SyncCommand.Delete d -> new SyncCommand.Delete(id, d.items());
            case SyncCommand.Exec e -> new SyncCommand.Exec(id, e.items());
            case SyncCommand.Sequence s -> new SyncCommand.Sequence(id, numberedAll(s.commands(), next));
            case SyncCommand.Atomic a -> new SyncCommand.Atomic(id, numberedAll(a.commands(), next));
            case SyncCommand.Status s -> throw new IllegalArgumentException("a Status is not a server command");
            case SyncCommand.Results r -> throw new IllegalArgumentException("a Results is not a server command");
        };
    }

    private static List<SyncCommand> numberedAll(List<SyncCommand> commands, int[] next) {
        List<SyncCommand> out = new ArrayList<>();
        for (SyncCommand c : commands) {
            out.add(numbered(c, next));
        }
        return out;
    }
}
