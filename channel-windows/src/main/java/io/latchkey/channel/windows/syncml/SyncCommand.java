package io.latchkey.channel.windows.syncml;

import java.util.List;

/**
 * A command of a SyncML body, as Windows uses OMA-DM 1.2 (reference §2.3): Alert, Status and
 * Results, the node operations Get/Replace/Add/Delete/Exec, and the containers Sequence (ordered)
 * and Atomic (all or nothing). Lists are never null; a CmdID the writer assigns is given as 0.
 */
public sealed interface SyncCommand {

    /** {@code CmdID}: unique within the message; Status and Results point at one with CmdRef. */
    int cmdId();

    /** The element name, which is also the {@code Cmd} of the Status that answers it. */
    String element();

    /** Get, Replace, Add, Delete and Exec: an operation on the nodes its items address. */
    sealed interface Operation extends SyncCommand {
        List<Item> items();
    }

    /** Sequence and Atomic. */
    sealed interface Container extends SyncCommand {
        List<SyncCommand> commands();
    }

    /** An alert: {@code code} is one of {@link AlertCode}; 1224 and 1226 carry a typed item. */
    record Alert(int cmdId, int code, List<Item> items) implements SyncCommand {
        public Alert {
            items = List.copyOf(items);
        }

        public String element() {
            return "Alert";
        }
    }

    /**
     * The answer to command {@code cmdRef} of message {@code msgRef} (CmdRef 0 and Cmd
     * {@code SyncHdr} for the header); {@code code} is one of {@link StatusCode}. TargetRef and
     * SourceRef are null when absent (only the first of each is kept).
     */
    record Status(int cmdId, int msgRef, int cmdRef, String cmd, String targetRef, String sourceRef,
                  int code, List<Item> items) implements SyncCommand {
        public Status {
            items = List.copyOf(items);
        }

        public String element() {
            return "Status";
        }
    }

    /**
     * The values a Get read: each item's Source LocURI names the node, its Data the value.
     * {@code msgRef} is null when absent (it then refers to the message being answered).
     */
    record Results(int cmdId, Integer msgRef, int cmdRef, List<Item> items) implements SyncCommand {
        public Results {
            items = List.copyOf(items);
        }

        public String element() {
            return "Results";
        }
    }

    record Get(int cmdId, List<Item> items) implements Operation {
        public Get {
            items = List.copyOf(items);
        }

        /** A Get of one node, for the writer to number. */
        public static Get of(String locUri) {
            return new Get(0, List.of(Item.target(locUri)));
        }

        public String element() {
            return "Get";
        }
    }

    record Replace(int cmdId, List<Item> items) implements Operation {
        public Replace {
            items = List.copyOf(items);
        }

        /** A Replace of one node with {@code data} in format {@code metaFormat} (chr, int, b64, ...). */
        public static Replace of(String locUri, String metaFormat, String data) {
            return new Replace(0, List.of(Item.target(locUri, metaFormat, null, data)));
        }

        public String element() {
            return "Replace";
        }
    }

    record Add(int cmdId, List<Item> items) implements Operation {
        public Add {
            items = List.copyOf(items);
        }

        public String element() {
            return "Add";
        }
    }

    record Delete(int cmdId, List<Item> items) implements Operation {
        public Delete {
            items = List.copyOf(items);
        }

        public String element() {
            return "Delete";
        }
    }

    record Exec(int cmdId, List<Item> items) implements Operation {
        public Exec {
            items = List.copyOf(items);
        }

        /** An Exec of one node without data, e.g. {@code ./Vendor/MSFT/RemoteLock/Lock} (reference §3.2). */
        public static Exec of(String locUri) {
            return new Exec(0, List.of(Item.target(locUri)));
        }

        public String element() {
            return "Exec";
        }
    }

    /** Commands the device runs in this order, e.g. LockAndResetPIN then Get NewPINValue (reference §3.2). */
    record Sequence(int cmdId, List<SyncCommand> commands) implements Container {
        public Sequence {
            commands = List.copyOf(commands);
        }

        public static Sequence of(SyncCommand... commands) {
            return new Sequence(0, List.of(commands));
        }

        public String element() {
            return "Sequence";
        }
    }

    /** Commands applied all or none; Windows refuses a Get or a nested Atomic inside (500/507, reference §2.3). */
    record Atomic(int cmdId, List<SyncCommand> commands) implements Container {
        public Atomic {
            commands = List.copyOf(commands);
        }

        public static Atomic of(SyncCommand... commands) {
            return new Atomic(0, List.of(commands));
        }

        public String element() {
            return "Atomic";
        }
    }
}
