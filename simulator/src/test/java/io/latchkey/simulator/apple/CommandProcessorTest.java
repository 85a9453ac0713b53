package io.latchkey.simulator.apple;

import com.dd.plist.NSArray;
import com.dd.plist.NSData;
import com.dd.plist.NSDictionary;
import com.dd.plist.NSNumber;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Command plist in, report plist out, for each command the simulator knows and one it does not. */
class CommandProcessorTest {

    private static final AppleModel UNSUPERVISED_IPHONE = AppleModel.IPHONE.withSupervised(false);

    /** A device's processor and state, fed wire bytes and answering wire bytes. */
    private static final class Device {
        final AppleModel model;
        final DeviceIds ids;
        final CommandProcessor processor;
        final DeviceState state = new DeviceState();
        final SplittableRandom random = new SplittableRandom(7);
        Behaviour behaviour = Behaviour.RELIABLE;
        CommandProcessor.After lastAfter;

        Device(AppleModel model) {
            this.model = model;
            this.ids = DeviceIds.generate(model, new SplittableRandom(1));
            this.processor = new CommandProcessor(model, ids);
            this.state.unlockToken = model.isMac() ? null : new byte[] {'D', 'A', 'T', 'A', 1, 2, 3};
            this.state.enrolled = true;
        }

        NSDictionary send(String uuid, String requestType, Map<String, Object> keys) {
            NSDictionary command = new NSDictionary();
            command.put("RequestType", requestType);
            keys.forEach(command::put);
            NSDictionary wrapper = new NSDictionary();
            wrapper.put("CommandUUID", uuid);
            wrapper.put("Command", command);
            CommandProcessor.Answer a = processor.receive(Plists.xml(wrapper), state, behaviour, random);
            lastAfter = a.outcome().after();
            // Back through the wire form, as the server would read it.
            return Plists.dictionary(Plists.xml(a.outcome().report()));
        }

        NSDictionary send(String requestType, Map<String, Object> keys) {
            return send(UUID.randomUUID().toString(), requestType, keys);
        }
    }

    @Test
    void an_iphone_locks_keeps_the_message_and_ignores_a_pin() {
        Device d = new Device(AppleModel.IPHONE);
        NSDictionary r = d.send("0001_DeviceLock", "DeviceLock",
                Map.of("Message", "Call IT", "PhoneNumber", "+1 555 0100", "PIN", "123456"));

        assertThat(Plists.string(r, "Status")).contains("Acknowledged");
        assertThat(Plists.string(r, "MessageResult")).contains("Success");
        assertThat(Plists.string(r, "CommandUUID")).contains("0001_DeviceLock");
        assertThat(Plists.string(r, "UDID")).contains(d.ids.udid());
        assertThat(d.state.locked).isTrue();
        assertThat(d.state.lockMessage).isEqualTo("Call IT");
        assertThat(d.state.lockPhoneNumber).isEqualTo("+1 555 0100");
        assertThat(d.state.lastPin).isNull();
    }

    @Test
    void a_mac_locks_with_a_six_digit_pin_and_remembers_every_pin() {
        Device d = new Device(AppleModel.MAC);
        assertThat(Plists.string(d.send("DeviceLock", Map.of("PIN", "123456")), "Status")).contains("Acknowledged");
        assertThat(Plists.string(d.send("DeviceLock", Map.of("PIN", "654321")), "Status")).contains("Acknowledged");

        assertThat(d.state.locked).isTrue();
        assertThat(d.state.lastPin).isEqualTo("654321");
        assertThat(d.state.pins).containsExactly("123456", "654321");
    }

    @Test
    void a_mac_refuses_a_lock_without_a_pin_or_with_a_bad_one() {
        Device d = new Device(AppleModel.MAC);
        for (Map<String, Object> keys : java.util.List.<Map<String, Object>>of(Map.of(), Map.of("PIN", "12ab56"),
                Map.of("PIN", "1234"))) {
            NSDictionary r = d.send("DeviceLock", keys);
            assertThat(Plists.string(r, "Status")).contains("Error");
            assertThat(errorCode(r)).isEqualTo(CommandProcessor.INVALID_ARGUMENT);
        }
        assertThat(d.state.locked).isFalse();
    }

    @Test
    void clear_passcode_needs_the_devices_own_unlock_token() {
        Device d = new Device(AppleModel.IPHONE);
        NSDictionary wrong = d.send("ClearPasscode", Map.of("UnlockToken", new NSData(new byte[] {9, 9, 9})));
        NSDictionary missing = d.send("ClearPasscode", Map.of());
        assertThat(Plists.string(wrong, "Status")).contains("Error");
        assertThat(Plists.string(missing, "Status")).contains("Error");
        assertThat(errorDomain(wrong)).isEqualTo("MCMDMErrorDomain");
        assertThat(d.state.passcodeCleared).isFalse();

        NSDictionary right = d.send("ClearPasscode", Map.of("UnlockToken", new NSData(d.state.unlockToken.clone())));
        assertThat(Plists.string(right, "Status")).contains("Acknowledged");
        assertThat(right.containsKey("ErrorChain")).isFalse();
        assertThat(d.state.passcodeCleared).isTrue();
    }

    @Test
    void a_mac_does_not_know_clear_passcode() {
        Device d = new Device(AppleModel.MAC);
        NSDictionary r = d.send("ClearPasscode", Map.of("UnlockToken", new NSData(new byte[] {1})));
        assertThat(errorCode(r)).isEqualTo(12021);
        assertThat(description(r)).isEqualTo("“ClearPasscode” is not a valid request type.");
    }

    @Test
    void an_unknown_command_is_error_12021_with_apples_wording() {
        Device d = new Device(AppleModel.IPHONE);
        NSDictionary r = d.send("RestartDevice", Map.of());

        assertThat(Plists.string(r, "Status")).contains("Error");
        NSDictionary entry = (NSDictionary) ((NSArray) r.objectForKey("ErrorChain")).objectAtIndex(0);
        assertThat(((NSNumber) entry.objectForKey("ErrorCode")).intValue()).isEqualTo(12021);
        assertThat(Plists.string(entry, "ErrorDomain")).contains("MCMDMErrorDomain");
        assertThat(Plists.string(entry, "LocalizedDescription")).contains("“RestartDevice” is not a valid request type.");
        assertThat(Plists.string(entry, "USEnglishDescription")).contains("“RestartDevice” is not a valid request type.");
    }

    @Test
    void lost_mode_works_on_a_supervised_iphone_only() {
        Device supervised = new Device(AppleModel.IPHONE);
        NSDictionary on = supervised.send("EnableLostMode", Map.of("Message", "Lost", "Footnote", "Reward"));
        assertThat(Plists.string(on, "Status")).contains("Acknowledged");
        assertThat(supervised.state.lostMode).isTrue();
        assertThat(supervised.state.lostFootnote).isEqualTo("Reward");
        NSDictionary info = supervised.send("DeviceInformation",
                Map.of("Queries", FakeMdmServer.strings("IsMDMLostModeEnabled")));
        assertThat(Plists.bool(Plists.dictionary(info, "QueryResponses").orElseThrow(), "IsMDMLostModeEnabled"))
                .contains(true);
        // A lock while lost is reported as such.
        assertThat(Plists.string(supervised.send("DeviceLock", Map.of()), "MessageResult")).contains("DeviceInLostMode");
        assertThat(Plists.string(supervised.send("DisableLostMode", Map.of()), "Status")).contains("Acknowledged");
        assertThat(supervised.state.lostMode).isFalse();

        for (AppleModel model : new AppleModel[] {UNSUPERVISED_IPHONE, AppleModel.MAC}) {
            Device d = new Device(model);
            NSDictionary r = d.send("EnableLostMode", Map.of("Message", "Lost"));
            assertThat(errorCode(r)).as(model.productName()).isEqualTo(12021);
            assertThat(description(r)).isEqualTo("“EnableLostMode” is not a valid request type.");
            assertThat(d.state.lostMode).isFalse();
            assertThat(errorCode(d.send("DisableLostMode", Map.of()))).isEqualTo(12021);
        }
    }

    @Test
    void lost_mode_needs_a_message_or_a_phone_number() {
        Device d = new Device(AppleModel.IPAD);
        assertThat(Plists.string(d.send("EnableLostMode", Map.of("Footnote", "x")), "Status")).contains("Error");
        assertThat(Plists.string(d.send("EnableLostMode", Map.of("PhoneNumber", "+1 555 0100")), "Status"))
                .contains("Acknowledged");
    }

    @Test
    void device_information_answers_the_queries_asked() {
        Device d = new Device(AppleModel.MAC);
        NSDictionary r = d.send("DeviceInformation", Map.of("Queries", FakeMdmServer.strings("ProductName",
                "OSVersion", "SerialNumber", "UDID", "IsSupervised", "PINRequiredForDeviceLock", "NoSuchQuery")));
        NSDictionary q = Plists.dictionary(r, "QueryResponses").orElseThrow();

        assertThat(Plists.string(r, "Status")).contains("Acknowledged");
        assertThat(Plists.string(q, "ProductName")).contains("Mac14,2");
        assertThat(Plists.string(q, "OSVersion")).contains("14.5");
        assertThat(Plists.string(q, "SerialNumber")).contains(d.ids.serialNumber());
        assertThat(Plists.string(q, "UDID")).contains(d.ids.udid());
        assertThat(Plists.bool(q, "IsSupervised")).contains(false);
        assertThat(Plists.bool(q, "PINRequiredForDeviceLock")).contains(true);
        assertThat(q.keySet()).doesNotContain("NoSuchQuery", "IsMDMLostModeEnabled", "DeviceName");
    }

    @Test
    void erase_and_profile_removal_are_acknowledged_and_take_effect_afterwards() {
        Device d = new Device(AppleModel.IPHONE);
        d.state.profile = EnrollmentProfile.parse(Plists.xml(TestProfiles.profile("io.example.mdm",
                java.net.URI.create("http://x/scep"), java.net.URI.create("http://x/mdm"), null, "com.apple.mgmt.X",
                "c", true)));

        assertThat(Plists.string(d.send("EraseDevice", Map.of("PreserveDataPlan", true)), "Status"))
                .contains("Acknowledged");
        assertThat(d.lastAfter).isEqualTo(CommandProcessor.After.ERASE);

        NSDictionary other = d.send("RemoveProfile", Map.of("Identifier", "io.example.other"));
        assertThat(Plists.string(other, "Status")).contains("Error");
        assertThat(d.lastAfter).isEqualTo(CommandProcessor.After.NONE);

        assertThat(Plists.string(d.send("RemoveProfile", Map.of("Identifier", "io.example.mdm")), "Status"))
                .contains("Acknowledged");
        assertThat(d.lastAfter).isEqualTo(CommandProcessor.After.REMOVE_ENROLLMENT);
    }

    @Test
    void a_command_answered_not_now_is_executed_when_it_comes_back() {
        Device d = new Device(AppleModel.IPHONE);
        d.behaviour = new Behaviour(1.0, 0, Duration.ZERO, true);

        assertThat(Plists.string(d.send("same", "DeviceLock", Map.of()), "Status")).contains("NotNow");
        assertThat(d.state.locked).isFalse();
        assertThat(Plists.string(d.send("same", "DeviceLock", Map.of()), "Status")).contains("Acknowledged");
        assertThat(d.state.locked).isTrue();
        assertThat(d.state.notNow).isEqualTo(1);
        assertThat(d.state.acknowledged).isEqualTo(1);
    }

    @Test
    void injected_errors_use_the_simulators_own_domain() {
        Device d = new Device(AppleModel.IPHONE);
        d.behaviour = Behaviour.RELIABLE.withErrorRate(1.0);
        NSDictionary r = d.send("DeviceLock", Map.of());
        assertThat(Plists.string(r, "Status")).contains("Error");
        assertThat(errorDomain(r)).isEqualTo(Behaviour.SIMULATED_ERROR_DOMAIN);
        assertThat(d.state.locked).isFalse();
    }

    @Test
    void rates_are_drawn_from_the_seed_so_runs_repeat() {
        String first = run(), second = run();
        assertThat(first).isEqualTo(second).contains("NotNow").contains("Acknowledged");
    }

    private static String run() {
        Device d = new Device(AppleModel.IPHONE);
        d.behaviour = new Behaviour(0.3, 0.2, Duration.ZERO, true);
        StringBuilder statuses = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            statuses.append(Plists.string(d.send("DeviceInformation", Map.of()), "Status").orElseThrow()).append(',');
        }
        return statuses.toString();
    }

    @Test
    void a_body_without_command_uuid_is_not_answered_and_one_without_request_type_is_a_format_error() {
        Device d = new Device(AppleModel.IPHONE);
        assertThat(d.processor.receive("not a plist".getBytes(), d.state, d.behaviour, d.random)).isNull();
        NSDictionary noUuid = new NSDictionary();
        noUuid.put("Command", new NSDictionary());
        assertThat(d.processor.receive(Plists.xml(noUuid), d.state, d.behaviour, d.random)).isNull();

        NSDictionary noType = new NSDictionary();
        noType.put("CommandUUID", "x");
        noType.put("Command", new NSDictionary());
        CommandProcessor.Answer a = d.processor.receive(Plists.xml(noType), d.state, d.behaviour, d.random);
        assertThat(a.outcome().status()).isEqualTo("CommandFormatError");
    }

    private static NSDictionary firstError(NSDictionary report) {
        return (NSDictionary) ((NSArray) report.objectForKey("ErrorChain")).objectAtIndex(0);
    }

    private static int errorCode(NSDictionary report) {
        return ((NSNumber) firstError(report).objectForKey("ErrorCode")).intValue();
    }

    private static String errorDomain(NSDictionary report) {
        return Plists.string(firstError(report), "ErrorDomain").orElseThrow();
    }

    private static String description(NSDictionary report) {
        return Plists.string(firstError(report), "LocalizedDescription").orElseThrow();
    }
}
