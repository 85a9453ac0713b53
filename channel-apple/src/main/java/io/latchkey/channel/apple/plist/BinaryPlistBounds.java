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
        for (long i = 0; i < objects; i++) {
            checkObject(body, (int) readUnsigned(body, (int) (tableOffset + i * offsetSize), offsetSize),
                    (int) tableOffset, refSize);
        }
        return body;
    }

    /**
     * Every object must lie before the offset table, including the contents its header claims: a
     * 6-byte header claiming 2^30 array entries otherwise keeps the parser busy for seconds.
     */
    private static void checkObject(byte[] body, long offset, int objectsEnd, int refSize) {
        if (offset < HEADER || offset >= objectsEnd) {
            throw refused("object offset outside the body");
        }
        int at = (int) offset;
        int type = (body[at] & 0xf0) >> 4;
        long count = body[at] & 0x0f;
        int header = 1;
        boolean sized = type == 0x4 || type == 0x5 || type == 0x6 || type == 0xA || type == 0xB || type == 0xC
                || type == 0xD;
        if (!sized) {
            return;
        }
        if (count == 0x0f) {
            if (at + 1 >= objectsEnd || (body[at + 1] & 0xf0) != 0x10) {
                throw refused("malformed length");
            }
            int bytes = 1 << (body[at + 1] & 0x0f);
            if (bytes > 8 || at + 2 + bytes > objectsEnd) {
                throw refused("malformed length");
            }
            count = readUnsigned(body, at + 2, bytes);
            header = 2 + bytes;
        }
        long perItem = switch (type) {
            case 0x6 -> 2;
            case 0xA, 0xB, 0xC -> refSize;
            case 0xD -> 2L * refSize;
            default -> 1;
        };
        if (count < 0 || count > objectsEnd || at + header + count * perItem > objectsEnd) {
            throw refused("object contents outside the body");
        }
    }

    private static long readUnsigned(byte[] b, int at, int size) {
        long v = 0;
        for (int i = 0; i < size; i++) {
            v = (v << 8) | (b[at + i] & 0xff);
        }
        return v;
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
