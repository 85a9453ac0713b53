package io.latchkey.channel.apple.command;

import com.dd.plist.NSArray;
import com.dd.plist.NSData;
import com.dd.plist.NSDictionary;
import com.dd.plist.NSNumber;
import com.dd.plist.XMLPropertyListParser;
import io.latchkey.channel.apple.AppleFixtures;
import io.latchkey.channel.apple.checkin.CheckinDecoder;
import io.latchkey.channel.apple.checkin.TokenUpdate;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MdmCommandsTest {

    private static final String UUID = "0001_Test";

    @Test
    void device_lock_with_message_phone_and_mac_pin() throws Exception {
        MdmCommand cmd = MdmCommands.deviceLock(UUID, Optional.of("Call IT"), Optional.of("+1 555 0100"),
                Optional.of("123456"));
        NSDictionary c = command(cmd);
        assertThat(c.get("RequestType").toJavaObject()).isEqualTo("DeviceLock");
        assertThat(c.get("Message").toJavaObject()).isEqualTo("Call IT");
        assertThat(c.get("PhoneNumber").toJavaObject()).isEqualTo("+1 555 0100");
        assertThat(c.get("PIN").toJavaObject()).isEqualTo("123456");
        assertThat(cmd.requestType()).isEqualTo("DeviceLock");
        assertThat(cmd.toString()).doesNotContain("123456");
    }

    @Test
    void device_lock_on_ios_has_only_the_request_type() throws Exception {
        NSDictionary c = command(MdmCommands.deviceLock(UUID, Optional.empty(), Optional.of(" "), Optional.empty()));
        assertThat(c.allKeys()).containsExactly("RequestType");
        assertThatThrownBy(() -> MdmCommands.deviceLock(UUID, Optional.empty(), Optional.empty(), Optional.of("12345")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void clear_passcode_sends_the_escrowed_token_as_data() throws Exception {
        var update = (TokenUpdate) new CheckinDecoder().decode(AppleFixtures.bytes("TokenUpdate.1.plist"));
        byte[] token = update.unlockToken().orElseThrow();
        NSDictionary c = command(MdmCommands.clearPasscode(UUID, token));
        assertThat(c.get("RequestType").toJavaObject()).isEqualTo("ClearPasscode");
        assertThat(c.get("UnlockToken")).isInstanceOf(NSData.class);
        assertThat(((NSData) c.get("UnlockToken")).bytes()).isEqualTo(token);
        assertThatThrownBy(() -> MdmCommands.clearPasscode(UUID, new byte[0])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void remove_profile_erase_information_and_lost_mode() throws Exception {
        NSDictionary remove = command(MdmCommands.removeProfile(UUID, "io.latchkey.enroll"));
        assertThat(remove.get("Identifier").toJavaObject()).isEqualTo("io.latchkey.enroll");

        NSDictionary erase = command(MdmCommands.eraseDevice(UUID, Optional.of("654321"), true));
        assertThat(erase.get("RequestType").toJavaObject()).isEqualTo("EraseDevice");
        assertThat(erase.get("PIN").toJavaObject()).isEqualTo("654321");
        assertThat(((NSNumber) erase.get("PreserveDataPlan")).isBoolean()).isTrue();
        assertThat(((NSNumber) erase.get("PreserveDataPlan")).boolValue()).isTrue();

        NSDictionary info = command(MdmCommands.deviceInformation(UUID, List.of("UDID", "OSVersion")));
        assertThat(((NSArray) info.get("Queries")).getArray()).extracting(o -> o.toJavaObject())
                .containsExactly("UDID", "OSVersion");

        NSDictionary lost = command(MdmCommands.enableLostMode(UUID, Optional.of("Lost"), Optional.empty(),
                Optional.of("Reward")));
        assertThat(lost.allKeys()).containsExactlyInAnyOrder("RequestType", "Message", "Footnote");
        assertThatThrownBy(() -> MdmCommands.enableLostMode(UUID, Optional.empty(), Optional.empty(), Optional.empty()))
                .isInstanceOf(IllegalArgumentException.class);

        NSDictionary found = command(MdmCommands.disableLostMode(UUID));
        assertThat(found.allKeys()).containsExactly("RequestType");
        assertThat(found.get("RequestType").toJavaObject()).isEqualTo("DisableLostMode");
    }

    /** Parses the command body back and checks the envelope {CommandUUID, Command:{…}}. */
    private static NSDictionary command(MdmCommand cmd) throws Exception {
        NSDictionary envelope = (NSDictionary) XMLPropertyListParser.parse(cmd.plist());
        assertThat(envelope.allKeys()).containsExactlyInAnyOrder("CommandUUID", "Command");
        assertThat(envelope.get("CommandUUID").toJavaObject()).isEqualTo(UUID);
        assertThat(cmd.commandUuid()).isEqualTo(UUID);
        return (NSDictionary) envelope.get("Command");
    }
}
