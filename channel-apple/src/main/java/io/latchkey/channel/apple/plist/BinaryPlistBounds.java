package io.latchkey.channel.apple.plist;

/**
 * Checks a binary plist's trailer before the parser trusts it. The trailer (the last 32 bytes)
 * says how many objects there are and where their offset table is; the parser allocates from
 * those numbers, so a forged trailer could make it allocate far more than the body's size.
 * Layout: Apple's CFBinaryPList.c, summarised in the dd-plist BinaryPropertyListParser.
 */
final class BinaryPlistBounds {

    private static final int HEADER = 8;
    private static final int TRAILER = 32;

    private BinaryPlistBounds() {
    }

    static byte[] checked(byte[] body) {
        if (body.length < HEADER + TRAILER + 1) {
            throw refused("too short for a binary plist");
        }
        int t = body.length - TRAILER;
        int offsetSize = body[t + 6] & 0xff;
        int refSize = body[t + 7] & 0xff;
        long objects = readLong(body, t + 8);
        long top = readLong(body, t + 16);
        long tableOffset = readLong(body, t + 24);
        if (offsetSize < 1 || offsetSize > 8 || refSize < 1 || refSize > 8) {
            throw refused("integer sizes out of range");
        }
        if (objects < 1 || objects > body.length || top < 0 || top >= objects) {
            throw refused("object count out of range");
        }
        if (tableOffset < HEADER || tableOffset + objects * offsetSize > t) {
            throw refused("offset table outside the body");
        }
        return body;
    }

    private static long readLong(byte[] b, int at) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (b[at + i] & 0xff);
        }
        return v;
    }

    private static MessageRefused refused(String why) {
        return new MessageRefused(MessageRefused.Reason.NOT_A_PLIST, "the binary plist is malformed: " + why);
    }
}
