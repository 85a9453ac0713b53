package io.latchkey.channel.windows.syncml;

import io.latchkey.channel.windows.syncml.SyncCommand.Alert;
import io.latchkey.channel.windows.syncml.SyncCommand.Replace;
import io.latchkey.channel.windows.syncml.SyncCommand.Results;
import io.latchkey.channel.windows.syncml.SyncCommand.Status;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The real Windows 10 messages of shared/fixtures/windows (SOURCE.md) read into the model. */
class SyncMlReaderCaptureTest {

    @Test
    void session_1_first_package_from_the_dump() {
        SyncMessage m = SyncMlReader.read(SyncMlCaptures.session(1));

        SyncHeader h = m.header();
        assertThat(h.verDtd()).isEqualTo("1.2");
        assertThat(h.verProto()).isEqualTo("DM/1.2");
        assertThat(h.sessionId()).isEqualTo("1");
        assertThat(h.msgId()).isEqualTo(1);
        assertThat(h.targetLocUri()).isEqualTo("https://windows.fleetdm.ngrok.io/ManagementServer/MDM.svc");
        assertThat(h.sourceLocUri()).isEqualTo("B5B954E81FBCB94EB79BD08BE625F4EE");
        assertThat(h.cred()).isNull();
        assertThat(h.maxMsgSize()).isNull();
        assertThat(m.fin()).isTrue();

        assertThat(m.commands()).extracting(SyncCommand::element, SyncCommand::cmdId)
                .containsExactly(tuple("Alert", 2), tuple("Alert", 3), tuple("Replace", 4));
        assertThat(((Alert) m.commands().get(0)).code()).isEqualTo(AlertCode.CLIENT_INITIATED);
        assertThat(((Alert) m.commands().get(0)).items()).isEmpty();
        Alert login = (Alert) m.commands().get(1);
        assertThat(login.code()).isEqualTo(AlertCode.CLIENT_EVENT);
        assertThat(login.items()).containsExactly(new Item(null, null, AlertCode.LOGIN_STATUS, null, "user"));
        assertThat(m.alert(AlertCode.CLIENT_EVENT)).contains(login);

        assertThat(((Replace) m.commands().get(2)).items()).containsExactly(
                Item.source("./DevInfo/DevId", "B5B954E81FBCB94EB79BD08BE625F4EE"),
                Item.source("./DevInfo/Man", "VMware, Inc."),
                Item.source("./DevInfo/Mod", "VMware7,1"),
                Item.source("./DevInfo/DmV", "1.3"),
                Item.source("./DevInfo/Lang", "en-US"));
    }

    @Test
    void session_2_carries_the_user_unenroll_generic_alert() {
        SyncMessage m = SyncMlReader.read(SyncMlCaptures.session(2));

        assertThat(m.header().sessionId()).isEqualTo("2");
        assertThat(m.header().msgId()).isEqualTo(1);
        assertThat(m.commands()).extracting(SyncCommand::element)
                .containsExactly("Alert", "Alert", "Alert", "Replace");
        Alert unenroll = m.alert(AlertCode.GENERIC).orElseThrow();
        assertThat(unenroll.items()).containsExactly(
                new Item(null, null, AlertCode.UNENROLL_USER_REQUEST, "int", "1"));
        assertThat(m.fin()).isTrue();
    }

    @Test
    void the_dump_holds_exactly_the_two_device_sessions() {
        assertThat(SyncMlCaptures.dumpDeviceMessages()).hasSize(2)
                .allSatisfy(body -> assertThat(SyncMlReader.read(body).header().sourceLocUri())
                        .isEqualTo("B5B954E81FBCB94EB79BD08BE625F4EE"));
    }

    @Test
    void every_syncml_message_of_the_readme_capture_reads() {
        Map<Integer, SyncMlCaptures.Block> blocks = SyncMlCaptures.readmeBlocks();
        assertThat(blocks).hasSize(9);
        List<SyncMlCaptures.Block> syncMl = blocks.values().stream().filter(SyncMlCaptures.Block::syncMl).toList();
        assertThat(syncMl).extracting(SyncMlCaptures.Block::number).containsExactly(7, 8, 9);
        for (SyncMlCaptures.Block block : syncMl) {
            SyncMessage m = SyncMlReader.read(block.body());
            assertThat(m.header().sessionId()).isEqualTo("1");
            assertThat(m.fin()).isTrue();
            String device = "1E08C6E95D8BB843B1278FF45BC60CC6";
            assertThat(block.fromDevice() ? m.header().sourceLocUri() : m.header().targetLocUri()).isEqualTo(device);
        }
    }

    @Test
    void readme_device_reply_acknowledges_the_server_replaces_with_202() {
        SyncMessage m = SyncMlReader.read(SyncMlCaptures.readmeBlocks().get(9).body());

        assertThat(m.header().msgId()).isEqualTo(2);
        assertThat(m.commands()).containsExactly(
                new Status(1, 1, 0, "SyncHdr", null, null, StatusCode.OK, List.of()),
                new Status(2, 1, 5, "Replace", null, null, StatusCode.ACCEPTED, List.of()),
                new Status(3, 1, 6, "Replace", null, null, StatusCode.ACCEPTED, List.of()));
        assertThat(m.statusFor(1, 5)).map(Status::code).contains(202);
        assertThat(m.statusFor(1, 0)).map(Status::cmd).contains("SyncHdr");
        assertThat(m.statusFor(2, 5)).isEmpty();
        assertThat(m.statusFor(1, 7)).isEmpty();
    }

    @Test
    void readme_server_message_reads_with_an_unqualified_meta_type() {
        SyncMessage m = SyncMlReader.read(SyncMlCaptures.readmeBlocks().get(8).body());

        assertThat(m.commands()).hasSize(6);
        assertThat(m.commands().subList(0, 4)).allSatisfy(c -> assertThat(c).isInstanceOf(Status.class));
        Replace desktop = (Replace) m.commands().get(4);
        assertThat(desktop.cmdId()).isEqualTo(5);
        assertThat(desktop.items()).containsExactly(new Item("./Vendor/MSFT/Personalization/DesktopImageUrl", null,
                "text/plain", "chr", "https://fleetdm.com/images/articles/fleet-4.24.0-cover-1600x900@2x.jpg"));
    }

    @Test
    void a_pin_reset_answer_with_results_for_new_pin_value() {
        // Reply shape of reference §3.2 (no real capture of it exists): statuses for the Sequence,
        // Exec and Get, then the Results carrying the PIN the device generated.
        String xml = """
                <SyncML xmlns="SYNCML:SYNCML1.2"><SyncHdr><VerDTD>1.2</VerDTD><VerProto>DM/1.2</VerProto>
                <SessionID>3</SessionID><MsgID>2</MsgID><Target><LocURI>https://mdm.example/ManagementServer/MDM.svc</LocURI></Target>
                <Source><LocURI>B5B954E81FBCB94EB79BD08BE625F4EE</LocURI></Source></SyncHdr><SyncBody>
                <Status><CmdID>1</CmdID><MsgRef>1</MsgRef><CmdRef>0</CmdRef><Cmd>SyncHdr</Cmd><Data>200</Data></Status>
                <Status><CmdID>2</CmdID><MsgRef>1</MsgRef><CmdRef>5</CmdRef><Cmd>Sequence</Cmd><Data>200</Data></Status>
                <Status><CmdID>3</CmdID><MsgRef>1</MsgRef><CmdRef>6</CmdRef><Cmd>Exec</Cmd><Data>200</Data></Status>
                <Status><CmdID>4</CmdID><MsgRef>1</MsgRef><CmdRef>7</CmdRef><Cmd>Get</Cmd><Data>200</Data></Status>
                <Results><CmdID>5</CmdID><MsgRef>1</MsgRef><CmdRef>7</CmdRef><Item><Source>
                <LocURI>./Vendor/MSFT/RemoteLock/NewPINValue</LocURI></Source><Data> 0042&amp;</Data></Item></Results>
                <Results><CmdID>6</CmdID><CmdRef>9</CmdRef><Item><Source><LocURI>./DevDetail/SwV</LocURI></Source>
                <Meta><Format xmlns="syncml:metinf">chr</Format></Meta><Data>10.0.19043.2364</Data></Item></Results>
                <Final/></SyncBody></SyncML>""";
        SyncMessage m = SyncMlReader.read(xml.getBytes(StandardCharsets.UTF_8));

        assertThat(m.statusFor(1, 6)).map(Status::code).contains(StatusCode.OK);
        Results pin = m.resultsFor(1, 7).orElseThrow();
        assertThat(pin.msgRef()).isEqualTo(1);
        assertThat(pin.items()).containsExactly(Item.source("./Vendor/MSFT/RemoteLock/NewPINValue", " 0042&"));
        assertThat(m.resultsFor(2, 7)).isEmpty();
        // No MsgRef: it answers the message being replied to, whatever its number.
        assertThat(m.resultsFor(4, 9)).map(r -> r.items().getFirst().data()).contains("10.0.19043.2364");
        assertThat(m.resultsFor(4, 9)).map(r -> r.items().getFirst().metaFormat()).contains("chr");
    }

    @Test
    void a_header_with_md5_cred_max_msg_size_and_a_letter_session_id() {
        // Shape of the Dell check-in cited in reference §2.2 and §2.5 (SessionID D, Cred auth-md5).
        String xml = """
                <SyncML xmlns="SYNCML:SYNCML1.2"><SyncHdr><VerDTD>1.2</VerDTD><VerProto>DM/1.2</VerProto>
                <SessionID>D</SessionID><MsgID>1</MsgID><Target><LocURI>https://mdm.example/ManagementServer/MDM.svc</LocURI></Target>
                <Source><LocURI>DEVICE1</LocURI></Source><Cred><Meta><Format xmlns="syncml:metinf">b64</Format>
                <Type xmlns="syncml:metinf">syncml:auth-md5</Type></Meta><Data>Zm9vYmFyMTIzNDU2Nzg5MA==</Data></Cred>
                <Meta><MaxMsgSize xmlns="syncml:metinf">65536</MaxMsgSize></Meta></SyncHdr>
                <SyncBody><Alert><CmdID>1</CmdID><Data>1201</Data></Alert><Final/></SyncBody></SyncML>""";
        SyncHeader h = SyncMlReader.read(xml.getBytes(StandardCharsets.UTF_8)).header();

        assertThat(h.sessionId()).isEqualTo("D");
        assertThat(h.cred()).isEqualTo(new SyncHeader.Cred("b64", "syncml:auth-md5", "Zm9vYmFyMTIzNDU2Nzg5MA=="));
        assertThat(h.cred().toString()).doesNotContain("Zm9v");
        assertThat(h.maxMsgSize()).isEqualTo(65536L);
    }

    @Test
    void data_holding_markup_is_kept_as_xml_text() {
        String xml = """
                <SyncML xmlns="SYNCML:SYNCML1.2"><SyncHdr><VerDTD>1.2</VerDTD><VerProto>DM/1.2</VerProto>
                <SessionID>1</SessionID><MsgID>1</MsgID><Target><LocURI>s</LocURI></Target><Source><LocURI>d</LocURI></Source></SyncHdr>
                <SyncBody><Results><CmdID>1</CmdID><CmdRef>2</CmdRef><Item><Data><a x="1&amp;">t&lt;<b/></a><![CDATA[<raw>]]></Data></Item></Results></SyncBody></SyncML>""";
        SyncMessage m = SyncMlReader.read(xml.getBytes(StandardCharsets.UTF_8));

        assertThat(((Results) m.commands().getFirst()).items().getFirst().data())
                .isEqualTo("<a x=\"1&amp;\">t&lt;<b/></a><raw>");
        assertThat(m.fin()).isFalse();
    }
}
