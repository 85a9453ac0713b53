package io.latchkey.channel.apple.mdm;

import com.dd.plist.NSData;
import com.dd.plist.NSDictionary;
import com.dd.plist.PropertyListParser;
import io.latchkey.channel.apple.AppleFixtures;
import io.latchkey.core.action.ActionSubmission;
import io.latchkey.core.action.Command;
import io.latchkey.core.action.CommandState;
import io.latchkey.core.action.Submitted;
import io.latchkey.core.capability.Action;
import io.latchkey.core.inventory.Device;
import io.latchkey.core.testing.TestEngine;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command endpoint's semantics (shared/reference/apple-mdm.md §1): one command per answer,
 * current until Acknowledged or Error, duplicates idempotent, NotNow offered again later, and an
 * empty body when nothing is due. Devices are the real captures (iPad with UnlockToken, iMac).
 */
class AppleCommandSessionTest {
    private static final String IPAD_UDID = "663b07bb783e9ade1dae4fbb92ea12afc0ce5b69";
    private static final String IMAC_UDID = "66ADE930-5FDF-5EC4-8429-15640684C489";

    private final AppleDeviceHarness h = new AppleDeviceHarness();
    private final X509Certificate ipadId = h.enrolledIdentity(UUID.randomUUID());
    private final X509Certificate imacId = h.enrolledIdentity(UUID.randomUUID());
    private final Device ipad;
    private final Device imac;

    AppleCommandSessionTest() {
        h.checkin(AppleFixtures.bytes("Authenticate.1.plist"), ipadId);
        h.checkin(AppleFixtures.bytes("TokenUpdate.1.plist"), ipadId);
        h.checkin(AppleFixtures.bytes("Authenticate.2.plist"), imacId);
        h.checkin(AppleFixtures.bytes("TokenUpdate.2.plist"), imacId);
        answerInventory(IPAD_UDID, ipadId, "Ana's iPad", true);
        answerInventory(IMAC_UDID, imacId, "Fruit", false);
        ipad = h.engine.store.devices.findByExternalId(IPAD_UDID).orElseThrow();
        imac = h.engine.store.devices.findByExternalId(IMAC_UDID).orElseThrow();
    }

    /** After enrolling, the device's first poll is the server's DeviceInformation question. */
    private void answerInventory(String udid, X509Certificate id, String name, boolean supervised) {
        NSDictionary question = poll(udid, id);
        assertThat(requestType(question)).isEqualTo("DeviceInformation");
        String uuid = question.get("CommandUUID").toJavaObject().toString();
        assertThat(uuid).startsWith(AppleCommandSession.INVENTORY_PREFIX);
        NSDictionary after = answer(h.report(report(udid, "Acknowledged", uuid, "<key>QueryResponses</key><dict>"
                + "<key>DeviceName</key><string>" + name + "</string><key>IsSupervised</key><" + supervised + "/>"
                + "<key>OSVersion</key><string>17.5.1</string></dict>"), id));
        assertThat((Object) after).isNull();
    }

    @Test
    void theInventoryAnswerAfterEnrollmentNamesTheDeviceAndMakesLostModePossibleWhenSupervised() {
        assertThat(ipad.name()).isEqualTo("Ana's iPad");
        assertThat(ipad.osVersion()).isEqualTo("17.5.1");
        assertThat(ipad.state().supervised()).isTrue();
        Command lost = submit(Action.ENABLE_LOST_MODE, ipad, Map.of("message", "Please return", "footer", "ACME IT"));
        Command onMac = submit(Action.ENABLE_LOST_MODE, imac, Map.of("message", "Please return"));

        NSDictionary sent = poll(IPAD_UDID, ipadId);

        assertThat(requestType(sent)).isEqualTo("EnableLostMode");
        assertThat(((NSDictionary) sent.get("Command")).get("Footnote").toJavaObject()).isEqualTo("ACME IT");
        answer(h.report(report(IPAD_UDID, "Acknowledged", lost.id().toString(), ""), ipadId));
        assertThat(state(lost)).isEqualTo(CommandState.SUCCEEDED);
        assertThat(state(onMac)).isEqualTo(CommandState.NOT_SUPPORTED);
    }

    @Test
    void syncAsksForTheInventoryAgainAndStoresTheAnswer() {
        Command sync = submit(Action.SYNC, imac, Map.of());
        NSDictionary sent = poll(IMAC_UDID, imacId);
        assertThat(requestType(sent)).isEqualTo("DeviceInformation");

        answer(h.report(report(IMAC_UDID, "Acknowledged", sync.id().toString(), "<key>QueryResponses</key><dict>"
                + "<key>DeviceName</key><string>Renamed Mac</string><key>OSVersion</key><string>15.1</string>"
                + "</dict>"), imacId));

        assertThat(state(sync)).isEqualTo(CommandState.SUCCEEDED);
        Device now = h.engine.store.devices.find(imac.id()).orElseThrow();
        assertThat(now.name()).isEqualTo("Renamed Mac");
        assertThat(now.osVersion()).isEqualTo("15.1");
    }

    private Command submit(Action action, Device device, Map<String, String> options) {
        Submitted s = h.engine.submit(new ActionSubmission(action, TestEngine.ids(device), options, null, null));
        return h.engine.command(s, device);
    }

    private NSDictionary poll(String udid, X509Certificate id) {
        return answer(h.report(report(udid, "Idle", null, ""), id));
    }

    private static NSDictionary answer(MdmAnswer a) {
        assertThat(a.status()).isEqualTo(200);
        if (a.body().length == 0) {
            return null;
        }
        try {
            return (NSDictionary) PropertyListParser.parse(a.body());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static byte[] report(String udid, String status, String commandUuid, String extra) {
        String uuid = commandUuid == null ? "" : "<key>CommandUUID</key><string>" + commandUuid + "</string>";
        return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><plist version=\"1.0\"><dict><key>UDID</key><string>" + udid
                + "</string><key>Status</key><string>" + status + "</string>" + uuid + extra + "</dict></plist>")
                .getBytes(StandardCharsets.UTF_8);
    }

    private CommandState state(Command c) {
        return h.engine.reload(c).state();
    }

    private static String requestType(NSDictionary command) {
        return ((NSDictionary) command.get("Command")).get("RequestType").toJavaObject().toString();
    }

    @Test
    void aLockIsSentWithItsMessageAndSucceedsWhenAcknowledged() {
        Command lock = submit(Action.REMOTE_LOCK, ipad, Map.of("message", "Lost; call IT", "phoneNumber", "+1 555 0100"));

        NSDictionary sent = poll(IPAD_UDID, ipadId);

        assertThat(sent.get("CommandUUID").toJavaObject()).isEqualTo(lock.id().toString());
        NSDictionary body = (NSDictionary) sent.get("Command");
        assertThat(body.get("RequestType").toJavaObject()).isEqualTo("DeviceLock");
        assertThat(body.get("Message").toJavaObject()).isEqualTo("Lost; call IT");
        assertThat(body.get("PhoneNumber").toJavaObject()).isEqualTo("+1 555 0100");
        assertThat(body.containsKey("PIN")).as("an iPad gets no PIN").isFalse();
        assertThat(state(lock)).isEqualTo(CommandState.SENT);

        NSDictionary next = answer(h.report(report(IPAD_UDID, "Acknowledged", lock.id().toString(),
                "<key>MessageResult</key><string>Success</string>"), ipadId));

        assertThat((Object) next).as("nothing more: a zero-byte body").isNull();
        assertThat(h.engine.reload(lock).state()).isEqualTo(CommandState.SUCCEEDED);
        assertThat(h.engine.reload(lock).detail()).contains("MessageResult Success");
    }

    @Test
    void aCommandStaysCurrentUntilAnsweredAndADuplicateAnswerChangesNothing() {
        Command lock = submit(Action.REMOTE_LOCK, ipad, Map.of());
        poll(IPAD_UDID, ipadId);

        NSDictionary again = poll(IPAD_UDID, ipadId);
        assertThat(again.get("CommandUUID").toJavaObject()).as("unanswered: sent again").isEqualTo(lock.id().toString());

        byte[] error = report(IPAD_UDID, "Error", lock.id().toString(), "<key>ErrorChain</key><array><dict>"
                + "<key>ErrorCode</key><integer>12021</integer><key>ErrorDomain</key><string>MCMDMErrorDomain</string>"
                + "<key>USEnglishDescription</key><string>Not now, really</string></dict></array>");
        answer(h.report(error, ipadId));
        answer(h.report(report(IPAD_UDID, "Acknowledged", lock.id().toString(), ""), ipadId));

        assertThat(state(lock)).isEqualTo(CommandState.FAILED);
        assertThat(h.engine.reload(lock).detail()).contains("MCMDMErrorDomain 12021").contains("Not now, really");
        assertThat(h.engine.store.commands.events(lock.id())).hasSize(2);
    }

    @Test
    void notNowOffersTheNextCommandAndTheDeferredOneComesBackAtTheNextCheckIn() {
        Command lock = submit(Action.REMOTE_LOCK, ipad, Map.of());
        Command clear = submit(Action.PASSCODE_RESET, ipad, Map.of());
        poll(IPAD_UDID, ipadId);

        NSDictionary next = answer(h.report(report(IPAD_UDID, "NotNow", lock.id().toString(), ""), ipadId));

        assertThat(next.get("CommandUUID").toJavaObject()).isEqualTo(clear.id().toString());
        assertThat(requestType(next)).isEqualTo("ClearPasscode");
        NSDictionary afterClear = answer(h.report(report(IPAD_UDID, "NotNow", clear.id().toString(), ""), ipadId));
        assertThat((Object) afterClear).as("both put off: the exchange ends").isNull();
        assertThat(state(lock)).isEqualTo(CommandState.SENT);

        NSDictionary later = poll(IPAD_UDID, ipadId);
        assertThat(later.get("CommandUUID").toJavaObject()).isEqualTo(lock.id().toString());
    }

    @Test
    void clearPasscodeCarriesTheEscrowedUnlockTokenOfTheCapture() throws Exception {
        Command clear = submit(Action.PASSCODE_RESET, ipad, Map.of());

        NSDictionary sent = poll(IPAD_UDID, ipadId);

        NSDictionary capture = (NSDictionary) PropertyListParser.parse(AppleFixtures.bytes("TokenUpdate.1.plist"));
        NSDictionary body = (NSDictionary) sent.get("Command");
        assertThat(((NSData) body.get("UnlockToken")).bytes()).isEqualTo(((NSData) capture.get("UnlockToken")).bytes());
        answer(h.report(report(IPAD_UDID, "Acknowledged", clear.id().toString(), ""), ipadId));
        assertThat(state(clear)).isEqualTo(CommandState.SUCCEEDED);
    }

    @Test
    void aMacLockCarriesASixDigitPinThatIsTheRevealableSecretAndTheSameOnRedelivery() {
        Command lock = submit(Action.REMOTE_LOCK, imac, Map.of());

        String pin = ((NSDictionary) poll(IMAC_UDID, imacId).get("Command")).get("PIN").toJavaObject().toString();
        String again = ((NSDictionary) poll(IMAC_UDID, imacId).get("Command")).get("PIN").toJavaObject().toString();

        assertThat(pin).matches("[0-9]{6}");
        assertThat(again).isEqualTo(pin);
        assertThat(h.engine.actions.reveal(lock.id(), TestEngine.ADMIN).value()).isEqualTo(pin);
        assertThat(h.engine.store.commands.holdsBytes(pin.getBytes(StandardCharsets.UTF_8))).isFalse();
    }

    @Test
    void anAcknowledgedRetireUnenrollsTheDeviceAndItsCheckOutIsAccepted() {
        Command retire = submit(Action.RETIRE, ipad, Map.of());
        NSDictionary sent = poll(IPAD_UDID, ipadId);
        assertThat(requestType(sent)).isEqualTo("RemoveProfile");
        assertThat(((NSDictionary) sent.get("Command")).get("Identifier").toJavaObject())
                .isEqualTo(AppleDeviceHarness.PROFILE_ID);

        answer(h.report(report(IPAD_UDID, "Acknowledged", retire.id().toString(), ""), ipadId));
        byte[] checkOut = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><plist version=\"1.0\"><dict>"
                + "<key>MessageType</key><string>CheckOut</string><key>Topic</key><string>com.apple.mgmt.External.x"
                + "</string><key>UDID</key><string>" + IPAD_UDID + "</string></dict></plist>").getBytes(StandardCharsets.UTF_8);
        MdmAnswer out = h.checkin(checkOut, ipadId);

        assertThat(state(retire)).isEqualTo(CommandState.SUCCEEDED);
        assertThat(out.status()).isEqualTo(200);
        assertThat(h.engine.store.devices.find(ipad.id()).orElseThrow().enrolled()).isFalse();
        assertThat(h.report(report(IPAD_UDID, "Idle", null, ""), ipadId).status())
                .as("checked out: its certificate is revoked").isEqualTo(403);
    }

    @Test
    void anAcknowledgedEraseUnenrollsAndRevokesAndLaterCommandsFail() {
        Command erase = submit(Action.WIPE, imac, Map.of());
        NSDictionary sent = poll(IMAC_UDID, imacId);
        assertThat(requestType(sent)).isEqualTo("EraseDevice");
        assertThat(((NSDictionary) sent.get("Command")).get("PIN").toJavaObject().toString()).matches("[0-9]{6}");
        Command lockAfter = submit(Action.REMOTE_LOCK, imac, Map.of());

        answer(h.report(report(IMAC_UDID, "Acknowledged", erase.id().toString(), ""), imacId));

        assertThat(state(erase)).isEqualTo(CommandState.SUCCEEDED);
        assertThat(state(lockAfter)).isEqualTo(CommandState.FAILED);
        assertThat(h.engine.store.devices.find(imac.id()).orElseThrow().enrolled()).isFalse();
        assertThat(h.report(report(IMAC_UDID, "Idle", null, ""), imacId).status()).isEqualTo(403);
    }

    @Test
    void aClearPasscodeWhoseTokenWasLostFailsWithTheReasonAndTheNextCommandGoesOut() {
        Command clear = submit(Action.PASSCODE_RESET, ipad, Map.of());
        Command lock = submit(Action.REMOTE_LOCK, ipad, Map.of());
        h.escrow.forget(ipad.id(), io.latchkey.core.enrollment.Escrow.UNLOCK_TOKEN);

        NSDictionary sent = poll(IPAD_UDID, ipadId);

        assertThat(sent.get("CommandUUID").toJavaObject()).isEqualTo(lock.id().toString());
        assertThat(state(clear)).isEqualTo(CommandState.FAILED);
        assertThat(h.engine.reload(clear).detail()).contains("UnlockToken");
    }
}
