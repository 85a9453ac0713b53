package io.latchkey.channel.windows.syncml;

import io.latchkey.channel.windows.xml.SafeXml;
import io.latchkey.channel.windows.xml.XmlRefused;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads a device's OMA-DM 1.2 SyncML message in XML (reference §2.1, §2.2). Strict: the root must
 * be {@code SyncML} in namespace {@code SYNCML:SYNCML1.2} with a {@code SyncHdr} (VerDTD 1.2,
 * VerProto DM/1.2, SessionID, numeric MsgID, Target and Source) and a {@code SyncBody} holding only
 * known commands and {@code Final}; containers nest at most {@value #MAX_NESTING} levels and a
 * message holds at most {@value #MAX_COMMANDS} commands. Anything else is an {@link XmlRefused}
 * (a 400), and so is anything {@link SafeXml} refuses (DOCTYPE, over 4 MB, not well-formed); no
 * other exception escapes. Refusals never quote the body.
 */
public final class SyncMlReader {
    /** The SyncML 1.2 namespace; compared ignoring case, as the OMA identifiers are case-insensitive. */
    public static final String NAMESPACE = "SYNCML:SYNCML1.2";
    /** The Meta Information namespace of Type, Format and MaxMsgSize. */
    public static final String METINF = "syncml:metinf";
    /** Levels of Sequence/Atomic: four nested containers read, a fifth inside them is refused. */
    public static final int MAX_NESTING = 4;
    public static final int MAX_COMMANDS = 10_000;
    /** Markup inside Data (kept as text) may nest this deep. */
    private static final int MAX_DATA_DEPTH = 32;

    private int commandCount;

    private SyncMlReader() {
    }

    /** @throws XmlRefused when the body is not a SyncML 1.2 message as described above */
    public static SyncMessage read(byte[] body) {
        Document document = SafeXml.parse(body);
        return new SyncMlReader().message(document.getDocumentElement());
    }

    private SyncMessage message(Element root) {
        if (root == null || !isSyncMl(root, "SyncML")) {
            throw refused("the root is not <SyncML> in namespace " + NAMESPACE);
        }
        List<Element> parts = elements(root);
        if (parts.size() != 2 || !isSyncMl(parts.get(0), "SyncHdr") || !isSyncMl(parts.get(1), "SyncBody")) {
            throw refused("SyncML must hold exactly a SyncHdr then a SyncBody");
        }
        SyncHeader header = header(parts.get(0));
        List<SyncCommand> commands = new ArrayList<>();
        boolean fin = false;
        for (Element e : elements(parts.get(1))) {
            if (isSyncMl(e, "Final")) {
                fin = true;
            } else {
                commands.add(command(e, 0));
            }
        }
        return new SyncMessage(header, commands, fin);
    }

    private SyncHeader header(Element hdr) {
        String verDtd = text(required(hdr, "VerDTD", "VerDTD")).strip();
        String verProto = text(required(hdr, "VerProto", "VerProto")).strip();
        if (!SyncHeader.VER_DTD.equals(verDtd) || !SyncHeader.VER_PROTO.equals(verProto)) {
            throw refused("not SyncML 1.2 / DM 1.2");
        }
        String sessionId = text(required(hdr, "SessionID", "SessionID")).strip();
        if (sessionId.isEmpty()) {
            throw refused("the SessionID is empty");
        }
        int msgId = number(required(hdr, "MsgID", "MsgID"), "MsgID");
        String target = locUri(child(hdr, "Target"), "the SyncHdr Target");
        String source = locUri(child(hdr, "Source"), "the SyncHdr Source");
        SyncHeader.Cred cred = null;
        Element credElement = child(hdr, "Cred");
        if (credElement != null) {
            Element meta = child(credElement, "Meta");
            cred = new SyncHeader.Cred(metaText(meta, "Format"), metaText(meta, "Type"), optional(credElement, "Data"));
        }
        Long maxMsgSize = null;
        String max = metaText(child(hdr, "Meta"), "MaxMsgSize");
        if (max != null) {
            maxMsgSize = (long) number(max, "MaxMsgSize");
        }
        return new SyncHeader(verDtd, verProto, sessionId, msgId, target, source, cred, maxMsgSize);
    }

    private SyncCommand command(Element e, int nesting) {
        if (++commandCount > MAX_COMMANDS) {
            throw refused("more than " + MAX_COMMANDS + " commands");
        }
        String name = isSyncMl(e, name(e)) ? name(e) : "";
        return switch (name) {
            case "Alert" -> new SyncCommand.Alert(cmdId(e), number(required(e, "Data", "Alert Data"), "Alert Data"), items(e));
            case "Status" -> status(e);
            case "Results" -> {
                String msgRef = optional(e, "MsgRef");
                yield new SyncCommand.Results(cmdId(e), msgRef == null ? null : number(msgRef, "MsgRef"),
                        number(required(e, "CmdRef", "Results CmdRef"), "CmdRef"), items(e));
            }
            case "Get" -> new SyncCommand.Get(cmdId(e), operationItems(e));
            case "Replace" -> new SyncCommand.Replace(cmdId(e), operationItems(e));
            case "Add" -> new SyncCommand.Add(cmdId(e), operationItems(e));
            case "Delete" -> new SyncCommand.Delete(cmdId(e), operationItems(e));
            case "Exec" -> new SyncCommand.Exec(cmdId(e), operationItems(e));
            case "Sequence" -> new SyncCommand.Sequence(cmdId(e), contents(e, nesting));
            case "Atomic" -> new SyncCommand.Atomic(cmdId(e), contents(e, nesting));
            default -> throw refused("an unknown command " + printable(name(e)));
        };
    }

    private SyncCommand.Status status(Element e) {
        int cmdId = cmdId(e);
        int msgRef = number(required(e, "MsgRef", "Status MsgRef"), "MsgRef");
        int cmdRef = number(required(e, "CmdRef", "Status CmdRef"), "CmdRef");
        String cmd = text(required(e, "Cmd", "Status Cmd")).strip();
        if (cmd.isEmpty()) {
            throw refused("a Status has an empty Cmd");
        }
        String targetRef = optional(e, "TargetRef");
        String sourceRef = optional(e, "SourceRef");
        int code = number(required(e, "Data", "Status Data"), "Status Data");
        return new SyncCommand.Status(cmdId, msgRef, cmdRef, cmd, targetRef == null ? null : targetRef.strip(),
                sourceRef == null ? null : sourceRef.strip(), code, items(e));
    }

    /** The commands of a Sequence or Atomic: every child but CmdID, NoResp and Meta is one. */
    private List<SyncCommand> contents(Element container, int nesting) {
        if (nesting >= MAX_NESTING) {
            throw refused("Sequence/Atomic nested more than " + MAX_NESTING + " deep");
        }
        List<SyncCommand> out = new ArrayList<>();
        for (Element c : elements(container)) {
            String name = name(c);
            if (isSyncMl(c, name) && (name.equals("CmdID") || name.equals("NoResp") || name.equals("Meta"))) {
                continue;
            }
            if (name.equals("Status") || name.equals("Results")) {
                throw refused("a " + name + " inside " + name(container));
            }
            out.add(command(c, nesting + 1));
        }
        return out;
    }

    private int cmdId(Element command) {
        return number(required(command, "CmdID", name(command) + " CmdID"), "CmdID");
    }

    private List<Item> operationItems(Element command) {
        List<Item> items = items(command);
        if (items.isEmpty()) {
            throw refused("a " + name(command) + " without Item");
        }
        return items;
    }

    private List<Item> items(Element command) {
        List<Item> items = new ArrayList<>();
        for (Element e : elements(command)) {
            if (isSyncMl(e, "Item")) {
                Element target = child(e, "Target");
                Element source = child(e, "Source");
                Element meta = child(e, "Meta");
                Element data = child(e, "Data");
                items.add(new Item(target == null ? null : locUri(target, "an Item Target"),
                        source == null ? null : locUri(source, "an Item Source"),
                        metaText(meta, "Type"), metaText(meta, "Format"), data == null ? null : DataText.of(data, MAX_DATA_DEPTH)));
            }
        }
        return items;
    }

    private static String locUri(Element targetOrSource, String what) {
        if (targetOrSource == null) {
            throw refused(what + " is missing");
        }
        String uri = text(required(targetOrSource, "LocURI", what + " LocURI")).strip();
        if (uri.isEmpty()) {
            throw refused(what + " LocURI is empty");
        }
        return uri;
    }

    /** Type, Format or MaxMsgSize of a Meta: in {@code syncml:metinf}, or unqualified (README capture block 8). */
    private static String metaText(Element meta, String name) {
        if (meta == null) {
            return null;
        }
        for (Element e : elements(meta)) {
            if (name.equals(name(e)) && (isSyncMl(e, name) || METINF.equalsIgnoreCase(e.getNamespaceURI()))) {
                return text(e).strip();
            }
        }
        return null;
    }

    private static int number(Element e, String what) {
        return number(text(e), what);
    }

    /** A non-negative decimal below 10^9: CmdID, MsgID, references and codes. */
    private static int number(String text, String what) {
        String t = text.strip();
        if (t.isEmpty() || t.length() > 9) {
            throw refused(what + " is not a number");
        }
        for (int i = 0; i < t.length(); i++) {
            if (t.charAt(i) < '0' || t.charAt(i) > '9') {
                throw refused(what + " is not a number");
            }
        }
        return Integer.parseInt(t);
    }

    private static Element required(Element parent, String name, String what) {
        Element e = child(parent, name);
        if (e == null) {
            throw refused(what + " is missing");
        }
        return e;
    }

    private static String optional(Element parent, String name) {
        Element e = child(parent, name);
        return e == null ? null : DataText.of(e, MAX_DATA_DEPTH);
    }

    /** Text of a leaf element (LocURI, Cmd, a number); markup inside one is refused. */
    private static String text(Element e) {
        StringBuilder out = new StringBuilder();
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            switch (n.getNodeType()) {
                case Node.TEXT_NODE, Node.CDATA_SECTION_NODE -> out.append(n.getNodeValue());
                case Node.ELEMENT_NODE -> throw refused(printable(name(e)) + " must hold text only");
                default -> { }
            }
        }
        return out.toString();
    }

    private static Element child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && isSyncMl(e, name)) {
                return e;
            }
        }
        return null;
    }

    private static List<Element> elements(Element parent) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                out.add(e);
            }
        }
        return out;
    }

    private static boolean isSyncMl(Element e, String localName) {
        return localName.equals(name(e)) && NAMESPACE.equalsIgnoreCase(e.getNamespaceURI());
    }

    private static String name(Element e) {
        return e.getLocalName() != null ? e.getLocalName() : e.getNodeName();
    }

    /** An element name for a refusal, only if it is a short plain word (the message never quotes the body). */
    private static String printable(String name) {
        return name.length() <= 40 && name.chars().allMatch(Character::isLetterOrDigit) ? "<" + name + ">" : "element";
    }

    private static XmlRefused refused(String why) {
        return new XmlRefused("not an OMA-DM 1.2 SyncML message: " + why);
    }
}
