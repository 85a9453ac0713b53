package io.latchkey.simulator.windows;

import org.w3c.dom.Element;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The part of the Windows management tree the simulator carries, and how it executes the server's
 * SyncML commands (shared/reference/windows-mdm.md §2.3, §3, §5): DevInfo and DevDetail reads,
 * RemoteLock (Lock; LockAndResetPIN + NewPINValue on phones), RemoteWipe, DMClient Unenroll, the push
 * channel and PFN, and Add/Replace of policies. Each command is answered with one Status, and a Get
 * also with Results; a node this device does not have is 404, a node it has but cannot run the
 * command on is 405.
 */
final class DmTree {

    /** What a message's commands leave the device to do once its answer is sent. */
    enum After { NONE, WIPE, UNENROLL }

    static final int OK = 200;
    static final int ACCEPTED = 202;
    static final int NOT_EXECUTED = 215;
    static final int NOT_FOUND = 404;
    static final int NOT_ALLOWED = 405;
    static final int FAILED = 500;
    static final int ATOMIC_FAILED = 507;

    private final WindowsPersonality personality;
    private final WindowsIds ids;

    DmTree(WindowsPersonality personality, WindowsIds ids) {
        this.personality = personality;
        this.ids = ids;
    }

    /** One server message being answered: the writer, the server's MsgID, and the effect so far. */
    final class Run {
        private final SyncMlWriter out;
        private final String msgRef;
        private final WindowsDeviceState state;
        private final Behaviour behaviour;
        private final RandomGenerator random;
        After after = After.NONE;

        Run(SyncMlWriter out, String msgRef, WindowsDeviceState state, Behaviour behaviour, RandomGenerator random) {
            this.out = out;
            this.msgRef = msgRef;
            this.state = state;
            this.behaviour = behaviour;
            this.random = random;
        }

        /** Executes {@code command} and writes its Status (and Results); returns its status code. */
        int execute(Element command) {
            String name = Xml.localName(command);
            String cmdId = Xml.child(command, "CmdID").map(Xml::text).orElse("0");
            state.commandsReceived++;
            int code;
            switch (name) {
                case "Sequence" -> {
                    status(cmdId, name, OK);
                    boolean failed = false;
                    for (Element c : commands(command)) {
                        if (failed) {
                            state.commandsReceived++;
                            status(Xml.child(c, "CmdID").map(Xml::text).orElse("0"), Xml.localName(c), NOT_EXECUTED);
                        } else {
                            failed = execute(c) >= 300;
                        }
                    }
                    return OK;
                }
                case "Atomic" -> {
                    // No rollback is simulated: the parts run in order and a failed part fails the whole (507),
                    // whose Status follows its parts' (servers match statuses by CmdRef).
                    code = OK;
                    for (Element c : commands(command)) {
                        if (execute(c) >= 300) {
                            code = ATOMIC_FAILED;
                        }
                    }
                    status(cmdId, name, code);
                    return code;
                }
                case "Alert" -> code = OK;
                case "Get", "Exec", "Add", "Replace", "Delete" -> code = item(name, cmdId, command);
                default -> code = NOT_ALLOWED;
            }
            if (!"Get".equals(name) || code >= 300) {
                status(cmdId, name, code);
            }
            state.record(name + " " + target(command).orElse("") + " " + code);
            return code;
        }

        private int item(String name, String cmdId, Element command) {
            if (behaviour.errorRate() > 0 && random.nextDouble() < behaviour.errorRate()) {
                return FAILED;
            }
            List<Element> items = Xml.children(command, "Item");
            if (items.isEmpty()) {
                return 400;
            }
            if ("Get".equals(name)) {
                // One Status for the Get, then Results for every node read.
                String[][] found = new String[items.size()][];
                int code = OK;
                for (int i = 0; i < items.size(); i++) {
                    String uri = Xml.path(items.get(i), "Target", "LocURI").map(Xml::text).orElse("");
                    Node n = get(uri);
                    if (n.code() != OK) {
                        code = n.code();
                        break;
                    }
                    found[i] = new String[] {uri, n.value()};
                }
                if (code != OK) {
                    return code;
                }
                status(cmdId, name, OK);
                for (String[] f : found) {
                    out.results(msgRef, cmdId, f[0], f[1]);
                }
                return OK;
            }
            int code = OK;
            for (Element item : items) {
                String uri = Xml.path(item, "Target", "LocURI").map(Xml::text).orElse("");
                String data = Xml.child(item, "Data").map(Xml::text).orElse("");
                int c = switch (name) {
                    case "Exec" -> exec(uri, data);
                    case "Delete" -> state.settings.remove(uri) != null ? OK : NOT_FOUND;
                    default -> set(uri, data);
                };
                if (c >= 300) {
                    return c;
                }
                code = c;
            }
            return code;
        }

        private int exec(String uri, String data) {
            String n = normalise(uri);
            return switch (n) {
                case "./vendor/msft/remotelock/lock" -> lock();
                case "./vendor/msft/remotelock/lockandresetpin" -> lockAndResetPin();
                case "./vendor/msft/remotewipe/dowipe" -> wipe(personality.supportsDoWipe());
                case "./vendor/msft/remotewipe/dowipeprotected" -> wipe(personality.supportsDoWipeProtected());
                case "./vendor/msft/dmclient/unenroll" -> unenroll(data.isEmpty() || data.equals(providerId()));
                default -> {
                    if (n.equals(providerPath() + "/unenroll")) {
                        yield unenroll(true);
                    }
                    // Checked first so that NewPINValue is not read (and spent) by an Exec on it.
                    yield n.startsWith("./vendor/msft/remotelock/") || get(uri).code() == OK ? NOT_ALLOWED : NOT_FOUND;
                }
            };
        }

        private int lock() {
            if (personality.form() == WindowsPersonality.Form.LEGACY_DESKTOP
                    && behaviour.currentUser() != CurrentUser.ENROLLED_USER) {
                // The 8.1 agent runs in machine mode and cannot lock the enrolled user's session (§4).
                return FAILED;
            }
            if (!behaviour.pinSet() && state.pin == null) {
                return NOT_ALLOWED;
            }
            state.locked = true;
            state.lockCount++;
            return OK;
        }

        private int lockAndResetPin() {
            switch (personality.form()) {
                case DESKTOP -> {
                    return NOT_ALLOWED;
                }
                case LEGACY_DESKTOP -> {
                    return NOT_FOUND;
                }
                default -> {
                    int digits = 4 + random.nextInt(3);
                    StringBuilder pin = new StringBuilder();
                    for (int i = 0; i < digits; i++) {
                        pin.append((char) ('0' + random.nextInt(10)));
                    }
                    state.pin = pin.toString();
                    io.latchkey.simulator.Canaries.note("windows PIN", state.pin);
                    state.newPinValue = state.pin;
                    state.pinsGenerated.add(state.pin);
                    state.locked = true;
                    state.lockCount++;
                    return OK;
                }
            }
        }

        private int wipe(boolean supported) {
            if (!supported) {
                return NOT_FOUND;
            }
            after = After.WIPE;
            return OK;
        }

        private int unenroll(boolean ours) {
            if (!ours) {
                return NOT_FOUND;
            }
            if (after == After.NONE) {
                after = After.UNENROLL;
            }
            return OK;
        }

        private int set(String uri, String data) {
            String n = normalise(uri);
            if (n.startsWith("./devinfo/") || n.startsWith("./devdetail/") || n.endsWith("/push/channeluri")) {
                return get(uri).code() == OK ? NOT_ALLOWED : NOT_FOUND;
            }
            if (n.startsWith("./vendor/msft/personalization/")) {
                state.settings.put(uri, data);
                return ACCEPTED;  // as the captured device answered these (readme capture, block 9)
            }
            if (n.startsWith("./vendor/msft/policy/") || n.startsWith(providerPath() + "/")
                    || n.startsWith("./vendor/msft/dmclient/")) {
                state.settings.put(uri, data);
                return OK;
            }
            return NOT_FOUND;
        }

        /** A node's value; code 404 when this device has no such node. */
        private Node get(String uri) {
            String n = normalise(uri);
            if (n.equals("./vendor/msft/remotelock/newpinvalue")) {
                return newPinValue();
            }
            String value = switch (n) {
                case "./devinfo/devid" -> ids.deviceId();
                case "./devinfo/man", "./devdetail/oem" -> personality.manufacturer();
                case "./devinfo/mod" -> personality.model();
                case "./devinfo/dmv" -> personality.dmVersion();
                case "./devinfo/lang" -> "en-US";
                case "./devdetail/swv" -> personality.osVersion();
                case "./devdetail/fwv" -> "1.0.0";
                case "./devdetail/hwv" -> "1.0";
                case "./devdetail/devtyp" -> personality.devTyp();
                case "./devdetail/lrgobj" -> "true";
                case "./devdetail/uri/maxdepth" -> "32";
                case "./devdetail/uri/maxtotlen" -> "1000";
                case "./devdetail/uri/maxseglen" -> "255";
                case "./devdetail/ext/microsoft/osplatform" -> personality.osPlatform();
                case "./devdetail/ext/microsoft/devicename", "./devdetail/ext/microsoft/dnscomputername" -> ids.deviceName();
                case "./devdetail/ext/microsoft/processorarchitecture" -> personality.processorArchitecture();
                case "./devdetail/ext/microsoft/localtime" -> java.time.OffsetDateTime.now().withNano(0).toString();
                case "./vendor/msft/dmclient/hwdevid" -> ids.hwDevId();
                default -> null;
            };
            if (value != null) {
                return new Node(OK, value);
            }
            if (n.equals(providerPath() + "/push/channeluri")) {
                return state.channelUri == null ? new Node(NOT_FOUND, null) : new Node(OK, state.channelUri.toString());
            }
            if (n.equals(providerPath() + "/push/status")) {
                return new Node(OK, state.channelUri == null ? "1" : "0");
            }
            for (var e : state.settings.entrySet()) {
                if (normalise(e.getKey()).equals(n)) {
                    return new Node(OK, e.getValue());
                }
            }
            return new Node(NOT_FOUND, null);
        }

        /** NewPINValue: the new PIN once, then empty (null) (§3.1); desktops refuse it, 8.1 has no such node. */
        private Node newPinValue() {
            return switch (personality.form()) {
                case DESKTOP -> new Node(NOT_ALLOWED, null);
                case LEGACY_DESKTOP -> new Node(NOT_FOUND, null);
                case PHONE -> {
                    String pin = state.newPinValue;
                    state.newPinValue = null;
                    yield new Node(OK, pin == null ? "" : pin);
                }
            };
        }

        private void status(String cmdRef, String cmd, int code) {
            out.status(msgRef, cmdRef, cmd, code);
            state.statusesSent.merge(code, 1, Integer::sum);
        }

        private String providerId() {
            return state.provisioning == null ? "" : state.provisioning.providerId();
        }

        private String providerPath() {
            return "./vendor/msft/dmclient/provider/" + providerId().toLowerCase(Locale.ROOT);
        }
    }

    private record Node(int code, String value) {
    }

    /** The server's commands in a SyncBody, Sequence or Atomic: everything but Status, Results and Final. */
    static List<Element> commands(Element container) {
        return Xml.children(container).stream().filter(e -> switch (Xml.localName(e)) {
            case "Status", "Results", "Final", "CmdID", "Meta", "NoResp" -> false;
            default -> true;
        }).toList();
    }

    static Optional<String> target(Element command) {
        return Xml.child(command, "Item").flatMap(i -> Xml.path(i, "Target", "LocURI")).map(Xml::text);
    }

    /**
     * Lower case, with the {@code ./Device} or {@code ./User} scope prefix folded into {@code ./Vendor/...}
     * (§2.4: no prefix means device), and %20 for spaces in a provider id decoded.
     */
    static String normalise(String uri) {
        String u = uri.trim().replace("%20", " ").toLowerCase(Locale.ROOT);
        if (u.startsWith("./device/")) {
            u = "./" + u.substring("./device/".length());
        } else if (u.startsWith("./user/")) {
            u = "./" + u.substring("./user/".length());
        }
        return u;
    }
}
