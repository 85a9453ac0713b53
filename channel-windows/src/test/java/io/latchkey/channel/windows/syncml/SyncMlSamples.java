package io.latchkey.channel.windows.syncml;

import java.nio.charset.StandardCharsets;

/** Small hand-made SyncML bodies for refusal and property tests. */
final class SyncMlSamples {
    static final String HEADER = "<SyncHdr><VerDTD>1.2</VerDTD><VerProto>DM/1.2</VerProto><SessionID>1</SessionID>"
            + "<MsgID>1</MsgID><Target><LocURI>https://mdm.example/ManagementServer/MDM.svc</LocURI></Target>"
            + "<Source><LocURI>DEVICE1</LocURI></Source></SyncHdr>";

    private SyncMlSamples() {
    }

    /** A message with this header and body content (Final not added). */
    static byte[] message(String header, String bodyContent) {
        return ("<SyncML xmlns=\"SYNCML:SYNCML1.2\">" + header + "<SyncBody>" + bodyContent + "</SyncBody></SyncML>")
                .getBytes(StandardCharsets.UTF_8);
    }

    static byte[] body(String bodyContent) {
        return message(HEADER, bodyContent);
    }

    /** {@code depth} Sequences, one inside the other, around an Exec. */
    static String nestedSequences(int depth) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            s.append("<Sequence><CmdID>").append(i + 1).append("</CmdID>");
        }
        s.append("<Exec><CmdID>99</CmdID><Item><Target><LocURI>./Vendor/MSFT/RemoteLock/Lock</LocURI></Target></Item></Exec>");
        s.append("</Sequence>".repeat(depth));
        return s.toString();
    }

    static String gets(int count) {
        StringBuilder s = new StringBuilder();
        for (int i = 1; i <= count; i++) {
            s.append("<Get><CmdID>").append(i).append("</CmdID><Item><Target><LocURI>./a</LocURI></Target></Item></Get>");
        }
        return s.toString();
    }
}
