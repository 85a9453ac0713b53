package io.latchkey.channel.apple.report;

import com.dd.plist.NSArray;
import com.dd.plist.NSDictionary;
import io.latchkey.channel.apple.AppleFixtures;
import io.latchkey.channel.apple.plist.MessageRefused;
import io.latchkey.channel.apple.plist.MessageRefused.Reason;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CommandReportDecoderTest {

    private final CommandReportDecoder decoder = new CommandReportDecoder();

    @Test
    void device_information_reply_from_a_mac() {
        CommandReport r = decoder.decode(AppleFixtures.bytes("DeviceInformation.1.plist"));
        assertThat(r.enrollment().value()).isEqualTo("66ADE930-5FDF-5EC4-8429-15640684C489");
        assertThat(r.status()).isEqualTo(ReportStatus.ACKNOWLEDGED);
        assertThat(r.status().isFinal()).isTrue();
        assertThat(r.commandUuid()).contains("76eda240-5488-4989-8339-f2ae160113c4");
        assertThat(r.requestType()).contains("DeviceInformation");
        assertThat(r.errorChain()).isEmpty();
        assertThat(r.resultKeys()).isEmpty();
        DeviceInformation info = r.deviceInformation().orElseThrow();
        assertThat(info.hostName()).contains("fruit.example.com");
        assertThat(info.udid()).contains("66ADE930-5FDF-5EC4-8429-15640684C489");
        assertThat(info.all()).containsOnlyKeys("HostName", "UDID");
        // The trimmed capture carries no OS keys; its companion names the device that sent it.
        assertThat(AppleFixtures.companion("DeviceInformation.1.txt"))
                .containsEntry("ProductName", "iMac14,2").containsEntry("OSVersion", "10.12.6");
        assertThat(info.osVersion()).isEmpty();
    }

    @Test
    void idle_needs_no_command_uuid() {
        CommandReport r = decoder.decode(body(dict("UDID", "u", "Status", "Idle")));
        assertThat(r.status()).isEqualTo(ReportStatus.IDLE);
        assertThat(r.commandUuid()).isEmpty();
        assertThat(r.deviceInformation()).isEmpty();
    }

    @Test
    void an_error_keeps_its_chain_as_the_failure_reason() {
        // The real iPhone answer to an unsupported command (micromdm/micromdm issue #970).
        NSDictionary item = dict("ErrorCode", 12021, "ErrorDomain", "MCMDMErrorDomain",
                "LocalizedDescription", "“RestartDevice” is not a valid request type.",
                "USEnglishDescription", "“RestartDevice” is not a valid request type.");
        NSDictionary report = dict("UDID", "u", "Status", "Error", "CommandUUID", "c-1");
        report.put("ErrorChain", new NSArray(item));
        CommandReport r = decoder.decode(body(report));
        assertThat(r.status()).isEqualTo(ReportStatus.ERROR);
        assertThat(r.errorChain()).singleElement().satisfies(e -> {
            assertThat(e.errorCode()).contains(12021L);
            assertThat(e.errorDomain()).contains("MCMDMErrorDomain");
        });
        assertThat(r.failureReason()).isEqualTo("MCMDMErrorDomain 12021: “RestartDevice” is not a valid request type.");
    }

    @Test
    void result_keys_of_a_device_lock_reply_are_kept() {
        // Apple's DeviceLock example response (device-lock-command doc).
        CommandReport r = decoder.decode(body(dict("CommandUUID", "c-2", "MessageResult", "Success",
                "Status", "Acknowledged", "UDID", "00008020-000915083C80012E")));
        assertThat(r.resultKeys()).containsExactlyEntriesOf(java.util.Map.of("MessageResult", "Success"));
    }

    @Test
    void every_status_is_read_and_nothing_else() {
        for (ReportStatus s : ReportStatus.values()) {
            assertThat(decoder.decode(body(dict("UDID", "u", "Status", s.wire(), "CommandUUID", "c"))).status())
                    .isEqualTo(s);
        }
        assertThat(ReportStatus.NOT_NOW.isFinal()).isFalse();
        assertRefused(dict("UDID", "u", "Status", "acknowledged", "CommandUUID", "c"), Reason.UNKNOWN_STATUS);
        assertRefused(dict("UDID", "u", "CommandUUID", "c"), Reason.MISSING_KEY);
        assertRefused(dict("UDID", "u", "Status", "NotNow"), Reason.MISSING_KEY);
        assertRefused(dict("Status", "Idle"), Reason.NO_DEVICE_IDENTIFIER);
        NSDictionary badChain = dict("UDID", "u", "Status", "Error", "CommandUUID", "c");
        badChain.put("ErrorChain", new NSArray(new com.dd.plist.NSString("oops")));
        assertRefused(badChain, Reason.WRONG_TYPE);
        assertRefused(dict("UDID", "u", "Status", "Acknowledged", "CommandUUID", "c", "QueryResponses", "x"),
                Reason.WRONG_TYPE);
    }

    private void assertRefused(NSDictionary d, Reason reason) {
        assertThatThrownBy(() -> decoder.decode(body(d)))
                .isInstanceOfSatisfying(MessageRefused.class, r -> assertThat(r.reason()).isEqualTo(reason));
    }

    private static NSDictionary dict(Object... kv) {
        NSDictionary d = new NSDictionary();
        for (int i = 0; i < kv.length; i += 2) {
            d.put((String) kv[i], kv[i + 1]);
        }
        return d;
    }

    private static byte[] body(NSDictionary d) {
        return d.toXMLPropertyList().getBytes(StandardCharsets.UTF_8);
    }
}
