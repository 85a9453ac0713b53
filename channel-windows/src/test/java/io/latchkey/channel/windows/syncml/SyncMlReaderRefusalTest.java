package io.latchkey.channel.windows.syncml;

import io.latchkey.channel.windows.xml.XmlRefused;
import io.latchkey.core.Rejected;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static io.latchkey.channel.windows.syncml.SyncMlSamples.HEADER;
import static io.latchkey.channel.windows.syncml.SyncMlSamples.body;
import static io.latchkey.channel.windows.syncml.SyncMlSamples.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What is not an OMA-DM 1.2 SyncML message is refused as a 400, never quoted. */
class SyncMlReaderRefusalTest {

    private static void refused(byte[] body) {
        assertThatThrownBy(() -> SyncMlReader.read(body)).isInstanceOf(XmlRefused.class)
                .satisfies(e -> assertThat(((Rejected) e).kind()).isEqualTo(Rejected.Kind.INVALID));
    }

    private static void refused(String body) {
        refused(body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void the_minimal_sample_reads() {
        assertThat(SyncMlReader.read(body("<Final/>")).fin()).isTrue();
    }

    @Test
    void wrong_root_or_namespace() {
        refused("<SyncML><SyncHdr/><SyncBody/></SyncML>");
        refused("<SyncML xmlns=\"SYNCML:SYNCML1.1\">" + HEADER + "<SyncBody/></SyncML>");
        refused("<Envelope xmlns=\"SYNCML:SYNCML1.2\">" + HEADER + "<SyncBody/></Envelope>");
        refused("<s:SyncML xmlns:s=\"urn:other\">" + HEADER + "<SyncBody/></s:SyncML>");
    }

    @Test
    void the_namespace_is_compared_ignoring_case() {
        byte[] lower = ("<SyncML xmlns=\"syncml:syncml1.2\">" + HEADER + "<SyncBody/></SyncML>").getBytes(StandardCharsets.UTF_8);
        assertThat(SyncMlReader.read(lower).header().sourceLocUri()).isEqualTo("DEVICE1");
    }

    @Test
    void missing_or_misplaced_header_and_body() {
        refused("<SyncML xmlns=\"SYNCML:SYNCML1.2\"><SyncBody/></SyncML>");
        refused("<SyncML xmlns=\"SYNCML:SYNCML1.2\">" + HEADER + "</SyncML>");
        refused("<SyncML xmlns=\"SYNCML:SYNCML1.2\"><SyncBody/>" + HEADER + "</SyncML>");
        refused("<SyncML xmlns=\"SYNCML:SYNCML1.2\">" + HEADER + "<SyncBody/><SyncBody/></SyncML>");
    }

    @ParameterizedTest
    @ValueSource(strings = {"<SessionID>1</SessionID>", "<MsgID>1</MsgID>", "<VerDTD>1.2</VerDTD>",
            "<VerProto>DM/1.2</VerProto>", "<Source><LocURI>DEVICE1</LocURI></Source>",
            "<Target><LocURI>https://mdm.example/ManagementServer/MDM.svc</LocURI></Target>"})
    void a_required_header_field_missing(String field) {
        assertThat(HEADER).contains(field);
        refused(message(HEADER.replace(field, ""), "<Final/>"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"<MsgID>one</MsgID>", "<MsgID>-1</MsgID>", "<MsgID>1.0</MsgID>", "<MsgID>9999999999</MsgID>",
            "<MsgID></MsgID>", "<MsgID><x>1</x></MsgID>", "<VerDTD>1.1</VerDTD>", "<VerProto>DS/1.2</VerProto>",
            "<SessionID> </SessionID>", "<Source><LocURI></LocURI></Source>", "<Source/>"})
    void a_bad_header_field(String replacement) {
        String name = replacement.substring(1, replacement.indexOf('>')).replace("/", "");
        String header = HEADER.replaceFirst("<" + name + ">.*?</" + name + ">", replacement);
        assertThat(header).isNotEqualTo(HEADER);
        refused(message(header, "<Final/>"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "<Alert><CmdID>x</CmdID><Data>1201</Data></Alert>",
            "<Alert><Data>1201</Data></Alert>",
            "<Alert><CmdID>1</CmdID></Alert>",
            "<Alert><CmdID>1</CmdID><Data>client</Data></Alert>",
            "<Status><CmdID>1</CmdID><CmdRef>0</CmdRef><Cmd>SyncHdr</Cmd><Data>200</Data></Status>",
            "<Status><CmdID>1</CmdID><MsgRef>1</MsgRef><CmdRef>0</CmdRef><Data>200</Data></Status>",
            "<Status><CmdID>1</CmdID><MsgRef>1</MsgRef><CmdRef>0</CmdRef><Cmd>SyncHdr</Cmd><Data>OK</Data></Status>",
            "<Results><CmdID>1</CmdID><Item><Data>x</Data></Item></Results>",
            "<Get><CmdID>1</CmdID></Get>",
            "<Exec><CmdID>1</CmdID><Item><Target/></Item></Exec>",
            "<Sync><CmdID>1</CmdID></Sync>",
            "<Copy><CmdID>1</CmdID><Item><Target><LocURI>./a</LocURI></Target></Item></Copy>",
            "<Bogus/>",
            "<o:Get xmlns:o=\"urn:other\"><CmdID>1</CmdID><Item><Target><LocURI>./a</LocURI></Target></Item></o:Get>",
            "<Sequence><CmdID>1</CmdID><Status><CmdID>2</CmdID><MsgRef>1</MsgRef><CmdRef>0</CmdRef><Cmd>SyncHdr</Cmd><Data>200</Data></Status></Sequence>",
            "<Atomic><CmdID>1</CmdID><Unknown/></Atomic>"})
    void a_bad_command(String command) {
        refused(body(command + "<Final/>"));
    }

    @Test
    void containers_nest_four_deep_at_most() {
        SyncMessage four = SyncMlReader.read(body(SyncMlSamples.nestedSequences(4)));
        assertThat(four.flattened()).hasSize(5);
        assertThat(four.flattened().getLast().element()).isEqualTo("Exec");
        refused(body(SyncMlSamples.nestedSequences(5)));
        refused(body(SyncMlSamples.nestedSequences(2000)));
    }

    @Test
    void ten_thousand_commands_at_most() {
        assertThat(SyncMlReader.read(body(SyncMlSamples.gets(SyncMlReader.MAX_COMMANDS))).commands())
                .hasSize(SyncMlReader.MAX_COMMANDS);
        refused(body(SyncMlSamples.gets(SyncMlReader.MAX_COMMANDS + 1)));
    }

    @Test
    void external_entities_are_refused() {
        refused("<?xml version=\"1.0\"?><!DOCTYPE SyncML [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<SyncML xmlns=\"SYNCML:SYNCML1.2\">" + HEADER + "<SyncBody><Alert><CmdID>1</CmdID><Data>1201</Data>"
                + "<Item><Data>&x;</Data></Item></Alert></SyncBody></SyncML>");
        refused("<!DOCTYPE SyncML SYSTEM \"file:///etc/passwd\"><SyncML xmlns=\"SYNCML:SYNCML1.2\">" + HEADER
                + "<SyncBody/></SyncML>");
    }

    @Test
    void billion_laughs_is_refused() {
        StringBuilder dtd = new StringBuilder("<!DOCTYPE SyncML [<!ENTITY l0 \"lol\">");
        for (int i = 1; i < 10; i++) {
            dtd.append("<!ENTITY l").append(i).append(" \"").append(("&l" + (i - 1) + ";").repeat(10)).append("\">");
        }
        dtd.append("]>");
        refused(dtd + "<SyncML xmlns=\"SYNCML:SYNCML1.2\">" + HEADER
                + "<SyncBody><Alert><CmdID>1</CmdID><Data>1201</Data><Item><Data>&l9;</Data></Item></Alert></SyncBody></SyncML>");
    }

    @Test
    void a_body_over_four_megabytes_is_refused() {
        byte[] padding = new byte[4 * 1024 * 1024];
        Arrays.fill(padding, (byte) ' ');
        byte[] valid = body("<Final/>");
        byte[] huge = Arrays.copyOf(valid, valid.length + padding.length);
        System.arraycopy(padding, 0, huge, valid.length, padding.length);
        refused(huge);
    }

    @Test
    void empty_and_non_xml_bodies_are_refused() {
        refused(new byte[0]);
        refused("not xml");
        refused("<SyncML xmlns=\"SYNCML:SYNCML1.2\">" + HEADER);
    }

    @Test
    void markup_nested_deep_inside_data_is_refused() {
        refused(body("<Results><CmdID>1</CmdID><CmdRef>1</CmdRef><Item><Data>" + "<a>".repeat(100) + "</a>".repeat(100)
                + "</Data></Item></Results>"));
    }

    @Test
    void a_refusal_never_quotes_the_body() {
        assertThatThrownBy(() -> SyncMlReader.read(body("<Secret-hunter2><CmdID>1</CmdID></Secret-hunter2>")))
                .isInstanceOf(XmlRefused.class).message().doesNotContain("hunter2");
    }
}
