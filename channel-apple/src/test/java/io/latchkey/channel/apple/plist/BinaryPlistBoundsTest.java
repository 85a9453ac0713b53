package io.latchkey.channel.apple.plist;

import com.dd.plist.BinaryPropertyListWriter;
import com.dd.plist.NSDictionary;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BinaryPlistBoundsTest {

    @Test
    void a_forged_trailer_is_refused_before_the_parser_allocates() throws Exception {
        NSDictionary d = new NSDictionary();
        d.put("MessageType", "Authenticate");
        byte[] body = BinaryPropertyListWriter.writeToArray(d);
        assertThat(PlistBody.parseDictionary(body).requiredString("MessageType")).isEqualTo("Authenticate");

        byte[] forged = body.clone();
        ByteBuffer.wrap(forged).putLong(forged.length - 24, Integer.MAX_VALUE); // object count
        assertRefused(forged);
        byte[] table = body.clone();
        ByteBuffer.wrap(table).putLong(table.length - 8, Long.MAX_VALUE / 2); // offset table offset
        assertRefused(table);
    }

    @Test
    void a_collection_claiming_a_huge_size_is_refused_without_allocating_it() {
        // Hand-made: one array object whose header claims 2^30 entries (0xAF, then a 4-byte int
        // marker 0x12), a one-entry offset table, and a consistent trailer.
        ByteBuffer b = ByteBuffer.allocate(8 + 6 + 1 + 32);
        b.put("bplist00".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        b.put((byte) 0xAF).put((byte) 0x12).putInt(1 << 30);
        b.put((byte) 8);
        b.put(new byte[6]).put((byte) 1).put((byte) 1).putLong(1).putLong(0).putLong(14);
        // Before the contents were bounds-checked, the parser spent seconds on this 47-byte body.
        Throwable t = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(1),
                () -> org.assertj.core.api.Assertions.catchThrowable(() -> PlistBody.parseDictionary(b.array())));
        assertThat(t).isInstanceOf(MessageRefused.class);
    }

    private static void assertRefused(byte[] body) {
        assertThatThrownBy(() -> PlistBody.parseDictionary(body)).isInstanceOfSatisfying(MessageRefused.class,
                r -> assertThat(r.reason()).isEqualTo(MessageRefused.Reason.NOT_A_PLIST));
    }
}
