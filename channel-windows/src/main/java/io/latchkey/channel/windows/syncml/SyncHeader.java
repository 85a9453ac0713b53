package io.latchkey.channel.windows.syncml;

/**
 * A SyncML {@code <SyncHdr>} (reference §2.2). Device to server: Target is the server URL and
 * Source the DeviceID; server to device the two are swapped.
 *
 * @param verDtd     {@code VerDTD}, always {@code 1.2}
 * @param verProto   {@code VerProto}, always {@code DM/1.2}
 * @param sessionId  chosen by the device and echoed by the server; opaque (a decimal integer, or
 *                   {@code D} on a Dell check-in, reference §2.2)
 * @param msgId      unique within the session, from 1, each side counting its own messages
 * @param targetLocUri the receiver
 * @param sourceLocUri the sender
 * @param cred       the application-level credential, or null (reference §2.5)
 * @param maxMsgSize {@code Meta/MaxMsgSize}, or null; Windows ignores the header Meta (reference §2.2)
 */
public record SyncHeader(String verDtd, String verProto, String sessionId, int msgId,
                         String targetLocUri, String sourceLocUri, Cred cred, Long maxMsgSize) {

    public static final String VER_DTD = "1.2";
    public static final String VER_PROTO = "DM/1.2";

    /**
     * {@code <Cred><Meta><Format/><Type/></Meta><Data/></Cred>}, e.g. Format {@code b64}, Type
     * {@code syncml:auth-md5} and the digest as Data (reference §2.5). Format and Type may be null.
     */
    public record Cred(String format, String type, String data) {
        @Override
        public String toString() {
            return "Cred[format=" + format + ", type=" + type + ", data=<" + (data == null ? 0 : data.length()) + " chars>]";
        }
    }
}
