package io.latchkey.channel.windows.syncml;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes a {@link SyncMessage} as SyncML 1.2 XML in UTF-8, elements in the order of the SyncML
 * DTD (reference §2.2, §2.3; the captures' server replies have the same shape). Meta Type, Format
 * and MaxMsgSize go in namespace {@code syncml:metinf}. The server's reply to a device message is
 * built with {@link SyncReply}; this class only serialises, CmdIDs as given.
 */
public final class SyncMlWriter {

    private SyncMlWriter() {
    }

    /**
     * @throws IllegalArgumentException when a text holds a character XML 1.0 cannot carry (a C0
     *                                  control other than tab, LF and CR; U+FFFE/U+FFFF; a lone surrogate)
     */
    public static byte[] write(SyncMessage message) {
        StringBuilder out = new StringBuilder(1024);
        out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
        out.append("<SyncML xmlns=\"").append(SyncMlReader.NAMESPACE).append("\">");
        header(message.header(), out);
        out.append("<SyncBody>");
        for (SyncCommand c : message.commands()) {
            command(c, out);
        }
        if (message.fin()) {
            out.append("<Final/>");
        }
        out.append("</SyncBody></SyncML>");
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void header(SyncHeader h, StringBuilder out) {
        out.append("<SyncHdr>");
        leaf("VerDTD", h.verDtd() == null ? SyncHeader.VER_DTD : h.verDtd(), out);
        leaf("VerProto", h.verProto() == null ? SyncHeader.VER_PROTO : h.verProto(), out);
        leaf("SessionID", h.sessionId(), out);
        leaf("MsgID", Integer.toString(h.msgId()), out);
        locUri("Target", h.targetLocUri(), out);
        locUri("Source", h.sourceLocUri(), out);
        if (h.cred() != null) {
            out.append("<Cred>");
            meta(h.cred().format(), h.cred().type(), out);
            leaf("Data", h.cred().data(), out);
            out.append("</Cred>");
        }
        if (h.maxMsgSize() != null) {
            out.append("<Meta><MaxMsgSize xmlns=\"").append(SyncMlReader.METINF).append("\">")
                    .append(h.maxMsgSize()).append("</MaxMsgSize></Meta>");
        }
        out.append("</SyncHdr>");
    }

    private static void command(SyncCommand command, StringBuilder out) {
        out.append('<').append(command.element()).append('>');
        leaf("CmdID", Integer.toString(command.cmdId()), out);
        switch (command) {
            case SyncCommand.Alert a -> {
                leaf("Data", Integer.toString(a.code()), out);
                items(a.items(), out);
            }
            case SyncCommand.Status s -> {
                // Status (CmdID, MsgRef, CmdRef, Cmd, TargetRef*, SourceRef*, Cred?, Chal?, Item*, Data)
                leaf("MsgRef", Integer.toString(s.msgRef()), out);
                leaf("CmdRef", Integer.toString(s.cmdRef()), out);
                leaf("Cmd", s.cmd(), out);
                leaf("TargetRef", s.targetRef(), out);
                leaf("SourceRef", s.sourceRef(), out);
                items(s.items(), out);
                leaf("Data", Integer.toString(s.code()), out);
            }
            case SyncCommand.Results r -> {
                leaf("MsgRef", r.msgRef() == null ? null : r.msgRef().toString(), out);
                leaf("CmdRef", Integer.toString(r.cmdRef()), out);
                items(r.items(), out);
            }
            case SyncCommand.Operation o -> items(o.items(), out);
            case SyncCommand.Container c -> {
                for (SyncCommand inner : c.commands()) {
                    command(inner, out);
                }
            }
        }
        out.append("</").append(command.element()).append('>');
    }

    private static void items(List<Item> items, StringBuilder out) {
        for (Item item : items) {
            // Item (Target?, Source?, SourceParent?, TargetParent?, Meta?, Data?)
            out.append("<Item>");
            locUri("Target", item.targetLocUri(), out);
            locUri("Source", item.sourceLocUri(), out);
            meta(item.metaFormat(), item.metaType(), out);
            leaf("Data", item.data(), out);
            out.append("</Item>");
        }
    }

    /** MetInf order: Format before Type. */
    private static void meta(String format, String type, StringBuilder out) {
        if (format == null && type == null) {
            return;
        }
        out.append("<Meta>");
        if (format != null) {
            out.append("<Format xmlns=\"").append(SyncMlReader.METINF).append("\">");
            XmlText.escape(format, out, false);
            out.append("</Format>");
        }
        if (type != null) {
            out.append("<Type xmlns=\"").append(SyncMlReader.METINF).append("\">");
            XmlText.escape(type, out, false);
            out.append("</Type>");
        }
        out.append("</Meta>");
    }

    private static void locUri(String element, String uri, StringBuilder out) {
        if (uri != null) {
            out.append('<').append(element).append('>');
            leaf("LocURI", uri, out);
            out.append("</").append(element).append('>');
        }
    }

    private static void leaf(String element, String text, StringBuilder out) {
        if (text == null) {
            return;
        }
        out.append('<').append(element).append('>');
        XmlText.escape(text, out, false);
        out.append("</").append(element).append('>');
    }
}
