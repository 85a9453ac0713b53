package io.latchkey.channel.windows.syncml;

import io.latchkey.channel.windows.syncml.SyncCommand.Exec;
import io.latchkey.channel.windows.syncml.SyncCommand.Get;
import io.latchkey.channel.windows.syncml.SyncCommand.Replace;
import io.latchkey.channel.windows.syncml.SyncCommand.Sequence;
import io.latchkey.channel.windows.syncml.SyncCommand.Status;
import io.latchkey.channel.windows.xml.SafeXml;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** The server's reply (reference §2.3 step 2) as the writer emits it, read back with the reader. */
class SyncReplyTest {
    private static final String DEVICE = "B5B954E81FBCB94EB79BD08BE625F4EE";
    private static final String SERVER = "https://windows.fleetdm.ngrok.io/ManagementServer/MDM.svc";

    @Test
    void reply_to_session_1_acknowledges_the_header_and_every_command() {
        SyncMessage device = SyncMlReader.read(SyncMlCaptures.session(1));
        byte[] bytes = SyncReply.to(device, 1).toBytes();

        Document dom = SafeXml.parse(bytes);
        assertThat(dom.getDocumentElement().getNamespaceURI()).isEqualTo("SYNCML:SYNCML1.2");
        assertThat(new String(bytes, StandardCharsets.UTF_8)).startsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?><SyncML");
        SyncMessage reply = SyncMlReader.read(bytes);
        assertThat(reply.header()).isEqualTo(new SyncHeader("1.2", "DM/1.2", "1", 1, DEVICE, SERVER, null, null));
        // The same statuses as the capture's server reply (dump line 446).
        assertThat(reply.commands()).containsExactly(
                new Status(1, 1, 0, "SyncHdr", null, null, 200, List.of()),
                new Status(2, 1, 2, "Alert", null, null, 200, List.of()),
                new Status(3, 1, 3, "Alert", null, null, 200, List.of()),
                new Status(4, 1, 4, "Replace", null, null, 200, List.of()));
        assertThat(reply.fin()).isTrue();
    }

    @Test
    void numbered_last_gives_each_command_the_numbers_build_gives_it_also_after_a_withdrawal() {
        SyncMessage device = SyncMlReader.read(SyncMlCaptures.session(1));
        Exec lock = Exec.of("./Vendor/MSFT/RemoteLock/Lock");
        Sequence pin = Sequence.of(Exec.of("./Vendor/MSFT/RemoteLock/LockAndResetPIN"),
                Get.of("./Vendor/MSFT/RemoteLock/NewPINValue"));
        Exec wipe = Exec.of("./Vendor/MSFT/RemoteWipe/doWipe");
        SyncReply reply = SyncReply.to(device, 1);
        List<SyncCommand> previews = new java.util.ArrayList<>();
        for (SyncCommand c : List.of(lock, pin, wipe)) {
            previews.add(reply.command(c).numberedLast());
        }
        assertThat(reply.build().commands().subList(4, 7)).containsExactlyElementsOf(previews);
        assertThat(previews.get(2).cmdId()).isEqualTo(9);

        reply.withdraw(c -> c == pin);
        assertThat(reply.build().commands().get(5)).isEqualTo(new Exec(6,
                List.of(Item.target("./Vendor/MSFT/RemoteWipe/doWipe"))));
    }

    @Test
    void lock_and_pin_reset_round_trip_with_writer_numbered_cmd_ids() {
        SyncMessage device = SyncMlReader.read(SyncMlCaptures.session(1));
        SyncMessage built = SyncReply.to(device, 1)
                .status(4, StatusCode.ACCEPTED)
                .command(Exec.of("./Vendor/MSFT/RemoteLock/Lock"))
                .command(Sequence.of(Exec.of("./Vendor/MSFT/RemoteLock/LockAndResetPIN"),
                        Get.of("./Vendor/MSFT/RemoteLock/NewPINValue")))
                .build();
        SyncMessage read = SyncMlReader.read(SyncMlWriter.write(built));

        assertThat(read).isEqualTo(built);
        assertThat(read.commands()).extracting(SyncCommand::element, SyncCommand::cmdId).containsExactly(
                tuple("Status", 1), tuple("Status", 2), tuple("Status", 3), tuple("Status", 4),
                tuple("Exec", 5), tuple("Sequence", 6));
        assertThat(((Status) read.commands().get(3)).code()).isEqualTo(202);
        assertThat(read.commands().get(4)).isEqualTo(new Exec(5, List.of(Item.target("./Vendor/MSFT/RemoteLock/Lock"))));
        assertThat(read.commands().get(5)).isEqualTo(new Sequence(6, List.of(
                new Exec(7, List.of(Item.target("./Vendor/MSFT/RemoteLock/LockAndResetPIN"))),
                new Get(8, List.of(Item.target("./Vendor/MSFT/RemoteLock/NewPINValue"))))));
    }

    @Test
    void the_pin_reset_sequence_is_written_as_in_the_reference() {
        SyncMessage device = SyncMlReader.read(SyncMlCaptures.session(1));
        String xml = new String(SyncReply.to(device, 2)
                .command(Sequence.of(Exec.of("./Vendor/MSFT/RemoteLock/LockAndResetPIN"),
                        Get.of("./Vendor/MSFT/RemoteLock/NewPINValue"))).toBytes(), StandardCharsets.UTF_8);

        // Reference §3.2, CmdIDs after the four statuses.
        assertThat(xml).contains("<Sequence><CmdID>5</CmdID>"
                + "<Exec><CmdID>6</CmdID><Item><Target><LocURI>./Vendor/MSFT/RemoteLock/LockAndResetPIN</LocURI></Target></Item></Exec>"
                + "<Get><CmdID>7</CmdID><Item><Target><LocURI>./Vendor/MSFT/RemoteLock/NewPINValue</LocURI></Target></Item></Get>"
                + "</Sequence><Final/></SyncBody></SyncML>");
        assertThat(xml).contains("<MsgID>2</MsgID>");
    }

    @Test
    void header_code_and_per_command_codes_are_the_callers() {
        SyncMessage device = SyncMlReader.read(SyncMlCaptures.session(2));
        SyncMessage reply = SyncReply.to(device, 1).headerStatus(StatusCode.INVALID_CREDENTIALS)
                .status(4, StatusCode.OPTIONAL_FEATURE_NOT_SUPPORTED).notFinal().build();

        assertThat(reply.commands()).extracting(c -> ((Status) c).cmdRef(), c -> ((Status) c).code())
                .containsExactly(tuple(0, 401), tuple(2, 200), tuple(3, 200), tuple(4, 406), tuple(5, 200));
        assertThat(SyncMlReader.read(SyncMlWriter.write(reply)).fin()).isFalse();
    }

    @Test
    void the_devices_statuses_are_not_acknowledged() {
        SyncMessage device = SyncMlReader.read(SyncMlCaptures.readmeBlocks().get(9).body());
        SyncMessage reply = SyncReply.to(device, 2).build();

        assertThat(reply.commands()).containsExactly(new Status(1, 2, 0, "SyncHdr", null, null, 200, List.of()));
        assertThat(reply.header().targetLocUri()).isEqualTo("1E08C6E95D8BB843B1278FF45BC60CC6");
    }

    @Test
    void data_meta_and_uris_are_escaped() {
        SyncMessage device = SyncMlReader.read(SyncMlCaptures.session(1));
        String value = "a<b & c]]>\"d'\r\n\te\u00e9\u4e2d\uD83D\uDE00";
        SyncMessage built = SyncReply.to(device, 1)
                .command(Replace.of("./Vendor/MSFT/Personalization/DesktopImageUrl?x=1&y=<2>", "chr", value))
                .build();
        String xml = new String(SyncMlWriter.write(built), StandardCharsets.UTF_8);

        assertThat(xml).contains("<Data>a&lt;b &amp; c]]&gt;\"d'&#13;\n\te\u00e9\u4e2d\uD83D\uDE00</Data>");
        assertThat(xml).contains("<LocURI>./Vendor/MSFT/Personalization/DesktopImageUrl?x=1&amp;y=&lt;2&gt;</LocURI>");
        assertThat(xml).contains("<Meta><Format xmlns=\"syncml:metinf\">chr</Format></Meta>");
        assertThat(SyncMlReader.read(xml.getBytes(StandardCharsets.UTF_8))).isEqualTo(built);
    }

    @Test
    void characters_xml_cannot_carry_are_refused_by_the_writer() {
        SyncMessage device = SyncMlReader.read(SyncMlCaptures.session(1));
        SyncReply reply = SyncReply.to(device, 1).command(Replace.of("./a", "chr", "bell\u0007"));
        assertThatThrownBy(reply::toBytes).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void status_and_results_are_not_server_commands() {
        SyncMessage device = SyncMlReader.read(SyncMlCaptures.session(1));
        assertThatThrownBy(() -> SyncReply.to(device, 1)
                .command(new Status(1, 1, 1, "Get", null, null, 200, List.of())))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_device_message_written_and_read_again_is_unchanged() {
        for (byte[] body : SyncMlCaptures.dumpDeviceMessages()) {
            SyncMessage m = SyncMlReader.read(body);
            assertThat(SyncMlReader.read(SyncMlWriter.write(m))).isEqualTo(m);
        }
    }

    @Test
    void status_codes_have_meanings() {
        for (int code : new int[]{200, 202, 212, 214, 215, 216, 400, 401, 403, 404, 405, 406, 407, 415, 418, 425, 500, 507, 516}) {
            assertThat(StatusCode.meaning(code)).isNotEqualTo("unknown status");
        }
        assertThat(StatusCode.meaning(299)).isEqualTo("unknown status");
        assertThat(StatusCode.isSuccess(StatusCode.ACCEPTED)).isTrue();
        assertThat(StatusCode.isSuccess(StatusCode.COMMAND_NOT_ALLOWED)).isFalse();
    }
}
