package io.latchkey.channel.apple.mdm;

import com.dd.plist.NSData;
import com.dd.plist.NSDictionary;
import com.dd.plist.PropertyListParser;
import io.latchkey.channel.apple.AppleFixtures;
import io.latchkey.ca.TestPki;
import io.latchkey.core.enrollment.Escrow;
import io.latchkey.core.inventory.Device;
import io.latchkey.core.inventory.ManagementChannel;
import io.latchkey.core.inventory.Platform;
import org.junit.jupiter.api.Test;

import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 3, "Show": the real captures in shared/fixtures/apple are accepted when signed by an
 * enrolled identity and make the right device record; the same bodies unsigned, signed by a
 * foreign certificate, or naming another device are refused and change nothing.
 */
class MdmEndpointFixturesTest {
    private static final String IPAD_UDID = "663b07bb783e9ade1dae4fbb92ea12afc0ce5b69";
    private static final String IMAC_UDID = "66ADE930-5FDF-5EC4-8429-15640684C489";

    private final AppleDeviceHarness h = new AppleDeviceHarness();
    private final UUID ana = UUID.randomUUID();

    @Test
    void theIpadsAuthenticateAndTokenUpdateMakeItsRecordPushAddressAndEscrowedUnlockToken() throws Exception {
        X509Certificate identity = h.enrolledIdentity(ana);

        assertThat(h.checkin(AppleFixtures.bytes("Authenticate.1.plist"), identity).status()).isEqualTo(200);
        MdmAnswer update = h.checkin(AppleFixtures.bytes("TokenUpdate.1.plist"), identity);

        assertThat(update.status()).isEqualTo(200);
        assertThat(update.body()).isEmpty();
        Device ipad = h.engine.store.devices.findByExternalId(IPAD_UDID).orElseThrow();
        assertThat(ipad.platform()).isEqualTo(Platform.IPADOS);
        assertThat(ipad.osVersion()).isEqualTo("9.3.5");
        assertThat(ipad.model()).isEqualTo("iPad2,5");
        assertThat(ipad.serialNumber()).isEqualTo("F5JM992LF193");
        assertThat(ipad.name()).isEqualTo("iPad F5JM992LF193");
        assertThat(ipad.channel()).isEqualTo(ManagementChannel.MDM);
        assertThat(ipad.enrollingUserId()).isEqualTo(ana);
        assertThat(ipad.enrolled()).isTrue();
        assertThat(ipad.state().unlockTokenEscrowed()).isTrue();

        NSDictionary capture = (NSDictionary) PropertyListParser.parse(AppleFixtures.bytes("TokenUpdate.1.plist"));
        byte[] unlockToken = ((NSData) capture.get("UnlockToken")).bytes();
        assertThat(h.escrow.open(ipad.id(), Escrow.UNLOCK_TOKEN)).hasValue(unlockToken);
        assertThat(h.escrowed.raw().values()).singleElement()
                .satisfies(sealed -> assertThat(HexFormat.of().formatHex(sealed))
                        .doesNotContain(HexFormat.of().formatHex(unlockToken, 0, 16)));
        assertThat(h.pushAddresses.find(ipad.id())).hasValueSatisfying(a -> {
            assertThat(a.token()).isEqualTo(HexFormat.of().formatHex(((NSData) capture.get("Token")).bytes()));
            assertThat(a.magic()).isEqualTo("CEFDF0BD-E342-4A27-8742-E930EA116B0A");
            assertThat(a.topic()).isEqualTo("com.apple.mgmt.External.e0bd1eac-1f17-4c8e-8a63-dd17d3dd35d9");
        });
        assertThat(h.identities.listForUser(ana)).singleElement()
                .satisfies(i -> assertThat(i.externalId()).isEqualTo(IPAD_UDID));
    }

    @Test
    void theImacEnrollsAsAMacWithItsNameAndNoUnlockToken() {
        X509Certificate identity = h.enrolledIdentity(ana);

        assertThat(h.checkin(AppleFixtures.bytes("Authenticate.2.plist"), identity).status()).isEqualTo(200);
        assertThat(h.checkin(AppleFixtures.bytes("TokenUpdate.2.plist"), identity).status()).isEqualTo(200);

        Device imac = h.engine.store.devices.findByExternalId(IMAC_UDID).orElseThrow();
        assertThat(imac.platform()).isEqualTo(Platform.MACOS);
        assertThat(imac.name()).isEqualTo("Fruit");
        assertThat(imac.osVersion()).isEqualTo("10.12.6");
        assertThat(imac.state().unlockTokenEscrowed()).isFalse();
        assertThat(h.escrow.open(imac.id(), Escrow.UNLOCK_TOKEN)).isEmpty();
    }

    @Test
    void aTokenUpdateWithoutUnlockTokenKeepsTheEscrowedOne() {
        X509Certificate identity = h.enrolledIdentity(ana);
        h.checkin(AppleFixtures.bytes("Authenticate.1.plist"), identity);
        h.checkin(AppleFixtures.bytes("TokenUpdate.1.plist"), identity);
        byte[] withoutToken = new String(AppleFixtures.bytes("TokenUpdate.1.plist"), java.nio.charset.StandardCharsets.UTF_8)
                .replaceAll("(?s)<key>UnlockToken</key>\\s*<data>.*?</data>", "")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);

        assertThat(h.checkin(withoutToken, identity).status()).isEqualTo(200);

        Device ipad = h.engine.store.devices.findByExternalId(IPAD_UDID).orElseThrow();
        assertThat(ipad.state().unlockTokenEscrowed()).isTrue();
        assertThat(h.escrow.open(ipad.id(), Escrow.UNLOCK_TOKEN)).isPresent();
    }

    @Test
    void unsignedBodiesAreRefusedWith401AndStoreNothing() {
        MdmAnswer answer = h.checkin(AppleFixtures.bytes("Authenticate.1.plist"), null);

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.problem()).contains("MISSING");
        assertThat(h.engine.store.devices.findByExternalId(IPAD_UDID)).isEmpty();
    }

    @Test
    void aForeignCertificateOrOneThisServerNeverRecordedIsRefusedWith403() {
        X509Certificate foreign = h.issued(TestPki.foreignCa());
        X509Certificate unrecorded = h.issued(TestPki.ca());

        MdmAnswer byForeign = h.checkin(AppleFixtures.bytes("Authenticate.1.plist"), foreign);
        MdmAnswer byUnrecorded = h.checkin(AppleFixtures.bytes("Authenticate.1.plist"), unrecorded);

        assertThat(byForeign.status()).isEqualTo(403);
        assertThat(byForeign.problem()).contains("UNTRUSTED_ISSUER");
        assertThat(byUnrecorded.status()).isEqualTo(403);
        assertThat(byUnrecorded.problem()).contains("UNKNOWN_IDENTITY");
        assertThat(h.engine.store.devices.findByExternalId(IPAD_UDID)).isEmpty();
    }

    @Test
    void aWindowsDevicesCertificateFromTheSameCaIsNotAnAppleIdentity() throws Exception {
        X509Certificate windows = h.issued(TestPki.ca());
        h.identities.record(io.latchkey.core.enrollment.DeviceIdentity.issued(windows.getEncoded(),
                windows.getSerialNumber().toString(16), ana, io.latchkey.core.action.ChannelKind.WINDOWS_MDM,
                h.engine.clock.instant(), windows.getNotAfter().toInstant()));

        MdmAnswer answer = h.checkin(AppleFixtures.bytes("Authenticate.1.plist"), windows);

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.problem()).contains("another channel");
        assertThat(h.engine.store.devices.findByExternalId(IPAD_UDID)).isEmpty();
    }

    @Test
    void aBodyNamingAnotherDeviceIsRefusedWith403AndChangesNothing() {
        X509Certificate ipadIdentity = h.enrolledIdentity(ana);
        X509Certificate imacIdentity = h.enrolledIdentity(ana);
        h.checkin(AppleFixtures.bytes("Authenticate.1.plist"), ipadIdentity);
        h.checkin(AppleFixtures.bytes("Authenticate.2.plist"), imacIdentity);

        MdmAnswer tokenOfTheOther = h.checkin(AppleFixtures.bytes("TokenUpdate.2.plist"), ipadIdentity);
        MdmAnswer reportOfTheOther = h.report(AppleFixtures.bytes("DeviceInformation.1.plist"), ipadIdentity);
        MdmAnswer reauthenticateAsOther = h.checkin(AppleFixtures.bytes("Authenticate.2.plist"), ipadIdentity);

        assertThat(tokenOfTheOther.status()).isEqualTo(403);
        assertThat(reportOfTheOther.status()).isEqualTo(403);
        assertThat(reauthenticateAsOther.status()).isEqualTo(403);
        Device imac = h.engine.store.devices.findByExternalId(IMAC_UDID).orElseThrow();
        assertThat(h.pushAddresses.find(imac.id())).isEmpty();
    }

    @Test
    void aNewIdentityOfAnotherUserCannotTakeAnEnrolledDeviceButItsOwnerCanReenrollIt() {
        X509Certificate anas = h.enrolledIdentity(ana);
        assertThat(h.checkin(AppleFixtures.bytes("Authenticate.1.plist"), anas).status()).isEqualTo(200);
        assertThat(h.checkin(AppleFixtures.bytes("TokenUpdate.1.plist"), anas).status()).isEqualTo(200);

        MdmAnswer takeover = h.checkin(AppleFixtures.bytes("Authenticate.1.plist"), h.enrolledIdentity(UUID.randomUUID()));
        MdmAnswer stillAnas = h.checkin(AppleFixtures.bytes("TokenUpdate.1.plist"), anas);
        MdmAnswer reenrolled = h.checkin(AppleFixtures.bytes("Authenticate.1.plist"), h.enrolledIdentity(ana));

        assertThat(takeover.status()).isEqualTo(403);
        assertThat(stillAnas.status()).as("the real device's identity was not revoked").isEqualTo(200);
        assertThat(reenrolled.status()).as("its own user may enroll it again, e.g. after an erase").isEqualTo(200);
    }

    @Test
    void aCheckinBeforeAuthenticateIsRefused() {
        X509Certificate identity = h.enrolledIdentity(ana);

        MdmAnswer answer = h.checkin(AppleFixtures.bytes("TokenUpdate.1.plist"), identity);

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.problem()).contains("NOT_AUTHENTICATED");
    }

    @Test
    void aReportForACommandThatIsNotOursIsIgnoredAndTheDeviceGetsItsNextCommand() {
        X509Certificate identity = h.enrolledIdentity(ana);
        h.checkin(AppleFixtures.bytes("Authenticate.2.plist"), identity);

        MdmAnswer first = h.report(AppleFixtures.bytes("DeviceInformation.1.plist"), identity);
        MdmAnswer second = h.report(AppleFixtures.bytes("DeviceInformation.1.plist"), identity);

        assertThat(first.status()).isEqualTo(200);
        assertThat(new String(first.body(), java.nio.charset.StandardCharsets.UTF_8))
                .as("after enrolling, the server asks for the inventory once")
                .contains("<string>DeviceInformation</string>").contains(AppleCommandSession.INVENTORY_PREFIX);
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.body()).isEmpty();
        assertThat(h.engine.store.devices.findByExternalId(IMAC_UDID).orElseThrow().name()).isEqualTo("Fruit");
    }

    @Test
    void wrongContentTypesAndUnknownMessageTypesAreRefused() {
        X509Certificate identity = h.enrolledIdentity(ana);
        byte[] body = AppleFixtures.bytes("Authenticate.1.plist");

        assertThat(h.endpoint.checkin(AppleDeviceHarness.request(body, "application/json", identity)).status())
                .isEqualTo(415);
        assertThat(h.endpoint.command(AppleDeviceHarness.request(body, "text/html", identity)).status())
                .isEqualTo(415);
        byte[] unknown = new String(body, java.nio.charset.StandardCharsets.UTF_8)
                .replace("<string>Authenticate</string>", "<string>SetBootstrapToken</string>")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        MdmAnswer answer = h.checkin(unknown, identity);
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.problem()).contains("UNKNOWN_MESSAGE_TYPE");
    }
}
