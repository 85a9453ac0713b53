package io.latchkey.channel.windows.syncml;

import io.latchkey.core.Rejected;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Device input can be anything: whatever the body, the reader returns a {@link SyncMessage} or
 * throws a 400-kind {@link Rejected}, never another exception (which the HTTP layer would turn into
 * a 500). And the writer carries any XML-legal Data text back to the reader unchanged.
 */
class SyncMlPropertyTest {
    private static final List<byte[]> CAPTURES = captures();
    private static final SyncMessage SESSION_1 = SyncMlReader.read(SyncMlCaptures.session(1));

    @Property(tries = 300, seed = "20261127")
    void any_bytes_read_or_are_refused(@ForAll("randomBodies") byte[] body) {
        readsOrRefuses(body);
    }

    @Property(tries = 300, seed = "20261127")
    void truncated_captures_read_or_are_refused(@ForAll("captureIndex") int capture, @ForAll double cut) {
        byte[] whole = CAPTURES.get(capture);
        readsOrRefuses(Arrays.copyOf(whole, (int) (whole.length * Math.abs(cut) % (whole.length + 1))));
    }

    @Property(tries = 500, seed = "20261127")
    void captures_with_bytes_changed_read_or_are_refused(@ForAll("captureIndex") int capture,
                                                         @ForAll List<@IntRange(min = 0, max = 100_000) Integer> positions,
                                                         @ForAll byte value) {
        byte[] body = CAPTURES.get(capture).clone();
        for (int p : positions) {
            body[p % body.length] = value;
        }
        readsOrRefuses(body);
    }

    @Property(tries = 500, seed = "20261127")
    void captures_with_markup_spliced_in_read_or_are_refused(@ForAll("captureIndex") int capture,
                                                             @ForAll @IntRange(min = 0, max = 100_000) int from,
                                                             @ForAll @IntRange(min = 0, max = 200) int length,
                                                             @ForAll("markup") String splice) {
        String text = new String(CAPTURES.get(capture), StandardCharsets.UTF_8);
        int start = from % text.length();
        int end = Math.min(text.length(), start + length);
        readsOrRefuses((text.substring(0, start) + splice + text.substring(end)).getBytes(StandardCharsets.UTF_8));
    }

    @Property(tries = 100, seed = "20261127")
    void doctype_attacks_on_captures_are_refused(@ForAll("captureIndex") int capture, @ForAll("doctypes") String doctype) {
        String text = new String(CAPTURES.get(capture), StandardCharsets.UTF_8).strip();
        String body = text.startsWith("<?xml")
                ? text.replaceFirst("\\?>", "?>" + doctype)
                : doctype + text;
        Throwable thrown = catchThrowable(() -> SyncMlReader.read(body.getBytes(StandardCharsets.UTF_8)));
        assertThat(thrown).isInstanceOf(Rejected.class);
        assertThat(thrown.getMessage()).doesNotContain("root:");
    }

    @Property(tries = 5, seed = "20261127")
    void bodies_over_four_megabytes_are_refused(@ForAll @IntRange(min = 1, max = 1_000_000) int extra) {
        byte[] body = Arrays.copyOf(CAPTURES.getFirst(), 4 * 1024 * 1024 + extra);
        Arrays.fill(body, CAPTURES.getFirst().length, body.length, (byte) ' ');
        assertThat(catchThrowable(() -> SyncMlReader.read(body))).isInstanceOf(Rejected.class);
    }

    @Property(tries = 60, seed = "20261127")
    void nested_sequences_read_up_to_four_deep(@ForAll @IntRange(min = 0, max = 5000) int depth) {
        Throwable thrown = catchThrowable(() -> SyncMlReader.read(SyncMlSamples.body(SyncMlSamples.nestedSequences(depth))));
        if (depth <= SyncMlReader.MAX_NESTING) {
            assertThat(thrown).isNull();
        } else {
            assertRefusal(thrown);
        }
    }

    @Property(tries = 500, seed = "20261127")
    void data_text_round_trips_through_writer_and_reader(@ForAll("dataText") String data, @ForAll("dataText") String pin) {
        SyncMessage reply = SyncReply.to(SESSION_1, 1)
                .command(SyncCommand.Replace.of("./Vendor/MSFT/Test/Value", "chr", data))
                .command(SyncCommand.Sequence.of(SyncCommand.Exec.of("./Vendor/MSFT/RemoteLock/LockAndResetPIN"),
                        SyncCommand.Get.of("./Vendor/MSFT/RemoteLock/NewPINValue")))
                .build();
        SyncMessage read = SyncMlReader.read(SyncMlWriter.write(reply));
        assertThat(read).isEqualTo(reply);
        assertThat(((SyncCommand.Replace) read.commands().get(4)).items().getFirst().data()).isEqualTo(data);

        SyncMessage results = new SyncMessage(SESSION_1.header(), List.of(new SyncCommand.Results(2, 1, 7,
                List.of(Item.source("./Vendor/MSFT/RemoteLock/NewPINValue", pin)))), true);
        SyncMessage back = SyncMlReader.read(SyncMlWriter.write(results));
        assertThat(back.resultsFor(1, 7).orElseThrow().items().getFirst().data()).isEqualTo(pin);
    }

    private static void readsOrRefuses(byte[] body) {
        Throwable thrown = catchThrowable(() -> SyncMlReader.read(body));
        if (thrown != null) {
            assertRefusal(thrown);
        }
    }

    private static void assertRefusal(Throwable thrown) {
        assertThat(thrown).isInstanceOf(Rejected.class);
        assertThat(((Rejected) thrown).kind()).isEqualTo(Rejected.Kind.INVALID);
    }

    @Provide
    Arbitrary<Integer> captureIndex() {
        return Arbitraries.integers().between(0, CAPTURES.size() - 1);
    }

    @Provide
    Arbitrary<byte[]> randomBodies() {
        Arbitrary<byte[]> raw = Arbitraries.bytes().array(byte[].class).ofMaxSize(600);
        Arbitrary<byte[]> syncMlLooking = markup().list().ofMaxSize(40).map(parts ->
                ("<SyncML xmlns=\"SYNCML:SYNCML1.2\">" + String.join("", parts)).getBytes(StandardCharsets.UTF_8));
        return Arbitraries.oneOf(raw, syncMlLooking);
    }

    /** Pieces of SyncML, well-formed or not, to build and splice bodies from. */
    @Provide
    Arbitrary<String> markup() {
        Arbitrary<String> tags = Arbitraries.of("SyncHdr", "SyncBody", "VerDTD", "VerProto", "SessionID", "MsgID",
                "Target", "Source", "LocURI", "Cred", "Meta", "Type", "Format", "MaxMsgSize", "Alert", "Status",
                "Results", "Get", "Replace", "Add", "Delete", "Exec", "Sequence", "Atomic", "Item", "Data",
                "CmdID", "MsgRef", "CmdRef", "Cmd", "TargetRef", "SourceRef", "Final", "Sync", "x:Get");
        Arbitrary<String> texts = Arbitraries.of("1.2", "DM/1.2", "1", "0", "-1", "200", "1201", "999999999999",
                "./Vendor/MSFT/RemoteLock/Lock", "&amp;", "&lt;", "&#0;", "&#xD800;", "&x;", "<![CDATA[]]>", "<!-- c -->",
                "<?pi x?>", " ", "\u00e9", "\uD83D\uDE00", "xmlns=\"syncml:metinf\"");
        return Arbitraries.oneOf(tags.map(t -> "<" + t + ">"), tags.map(t -> "</" + t + ">"), tags.map(t -> "<" + t + "/>"), texts);
    }

    @Provide
    Arbitrary<String> doctypes() {
        return Arbitraries.of(
                "<!DOCTYPE SyncML SYSTEM \"file:///etc/passwd\">",
                "<!DOCTYPE SyncML [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>",
                "<!DOCTYPE SyncML [<!ENTITY % p SYSTEM \"http://127.0.0.1:1/x.dtd\"> %p;]>",
                "<!DOCTYPE SyncML [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
                        + "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\"><!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">]>",
                "<!DOCTYPE SyncML PUBLIC \"-//SYNCML//DTD SyncML 1.2//EN\" \"http://www.openmobilealliance.org/tech/DTD/OMA-TS-SyncML_RepPro_DTD-V1_2.dtd\">");
    }

    /** Any text XML 1.0 can carry, weighted towards what escaping must get right. */
    @Provide
    Arbitrary<String> dataText() {
        Arbitrary<String> plain = Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(20);
        Arbitrary<String> bmp = Arbitraries.strings().withCharRange('\u00a0', '\ud7ff').ofMaxLength(8);
        Arbitrary<String> privateUse = Arbitraries.strings().withCharRange('\ue000', '\ufffd').ofMaxLength(4);
        Arbitrary<String> supplementary = Arbitraries.integers().between(0x10000, 0x10FFFF).map(Character::toString);
        Arbitrary<String> tricky = Arbitraries.of("<", ">", "&", "]]>", "<![CDATA[", "&amp;", "&#13;", "\"", "'",
                "\r", "\n", "\r\n", "\t", " ", "  ", "<Data>", "</Data>", "<?xml?>");
        return Arbitraries.oneOf(plain, bmp, privateUse, supplementary, tricky).list().ofMaxSize(12)
                .map(parts -> String.join("", parts));
    }

    private static List<byte[]> captures() {
        List<byte[]> out = new ArrayList<>(SyncMlCaptures.dumpDeviceMessages());
        for (SyncMlCaptures.Block block : SyncMlCaptures.readmeBlocks().values()) {
            if (block.syncMl()) {
                out.add(block.body());
            }
        }
        return out;
    }
}
