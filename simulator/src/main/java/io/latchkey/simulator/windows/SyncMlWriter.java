package io.latchkey.simulator.windows;

import java.nio.charset.StandardCharsets;

import static io.latchkey.simulator.windows.Xml.escape;

/**
 * Writes one device-to-server SyncML message (OMA-DM 1.2) in the captured client's shape
 * (shared/fixtures/windows; shared/reference/windows-mdm.md §2.2, §2.3): SyncHdr with Target the
 * management URL and Source the DeviceID, then the body's commands with CmdIDs counted in order,
 * then {@code <Final/>}.
 */
final class SyncMlWriter {

    static final String NAMESPACE = "SYNCML:SYNCML1.2";
    static final String METINF = "syncml:metinf";

    private final StringBuilder body = new StringBuilder();
    private final String header;
    private int cmdId;

    /** {@code firstCmdId}: the captured client numbers its first package from 2, later ones from 1. */
    SyncMlWriter(String sessionId, int msgId, String target, String source, int firstCmdId) {
        this.cmdId = firstCmdId;
        this.header = "  <SyncHdr>\n"
                + "    <VerDTD>1.2</VerDTD>\n"
                + "    <VerProto>DM/1.2</VerProto>\n"
                + "    <SessionID>" + escape(sessionId) + "</SessionID>\n"
                + "    <MsgID>" + msgId + "</MsgID>\n"
                + "    <Target>\n      <LocURI>" + escape(target) + "</LocURI>\n    </Target>\n"
                + "    <Source>\n      <LocURI>" + escape(source) + "</LocURI>\n    </Source>\n"
                + "  </SyncHdr>\n";
    }

    /** An Alert with just its code (1201). */
    SyncMlWriter alert(String code) {
        body.append("    <Alert>\n      <CmdID>").append(cmdId++).append("</CmdID>\n      <Data>").append(code)
                .append("</Data>\n    </Alert>\n");
        return this;
    }

    /** An Alert with one item carrying a Meta Type (and Format, when not null) and Data (1224, 1226). */
    SyncMlWriter alert(String code, String type, String format, String data) {
        body.append("    <Alert>\n      <CmdID>").append(cmdId++).append("</CmdID>\n      <Data>").append(code)
                .append("</Data>\n      <Item>\n        <Meta>\n          <Type xmlns=\"").append(METINF).append("\">")
                .append(escape(type)).append("</Type>\n");
        if (format != null) {
            body.append("          <Format xmlns=\"").append(METINF).append("\">").append(escape(format)).append("</Format>\n");
        }
        body.append("        </Meta>\n        <Data>").append(escape(data)).append("</Data>\n      </Item>\n    </Alert>\n");
        return this;
    }

    /** A Replace whose items are Source LocURI + Data, as the DevInfo report. */
    SyncMlWriter replace(String[][] items) {
        body.append("    <Replace>\n      <CmdID>").append(cmdId++).append("</CmdID>\n");
        for (String[] item : items) {
            body.append("      <Item>\n        <Source>\n          <LocURI>").append(escape(item[0]))
                    .append("</LocURI>\n        </Source>\n        <Data>").append(escape(item[1]))
                    .append("</Data>\n      </Item>\n");
        }
        body.append("    </Replace>\n");
        return this;
    }

    SyncMlWriter status(String msgRef, String cmdRef, String cmd, int code) {
        body.append("    <Status>\n      <CmdID>").append(cmdId++).append("</CmdID>\n      <MsgRef>")
                .append(escape(msgRef)).append("</MsgRef>\n      <CmdRef>").append(escape(cmdRef))
                .append("</CmdRef>\n      <Cmd>").append(cmd).append("</Cmd>\n      <Data>").append(code)
                .append("</Data>\n    </Status>\n");
        return this;
    }

    /** Results for a Get: one item, Source the node read, Format chr; null data writes an empty Data. */
    SyncMlWriter results(String msgRef, String cmdRef, String locUri, String data) {
        body.append("    <Results>\n      <CmdID>").append(cmdId++).append("</CmdID>\n      <MsgRef>")
                .append(escape(msgRef)).append("</MsgRef>\n      <CmdRef>").append(escape(cmdRef))
                .append("</CmdRef>\n      <Item>\n        <Source>\n          <LocURI>").append(escape(locUri))
                .append("</LocURI>\n        </Source>\n        <Meta>\n          <Format xmlns=\"").append(METINF)
                .append("\">chr</Format>\n        </Meta>\n        <Data>").append(data == null ? "" : escape(data))
                .append("</Data>\n      </Item>\n    </Results>\n");
        return this;
    }

    byte[] finish() {
        String xml = "<SyncML xmlns=\"" + NAMESPACE + "\">\n" + header + "  <SyncBody>\n" + body
                + "    <Final/>\n  </SyncBody>\n</SyncML>\n";
        return xml.getBytes(StandardCharsets.UTF_8);
    }
}
