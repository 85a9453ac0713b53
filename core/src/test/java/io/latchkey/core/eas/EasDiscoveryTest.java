package io.latchkey.core.eas;

import io.latchkey.core.inventory.ChannelState;
import io.latchkey.core.inventory.CheckInRecorder;
import io.latchkey.core.inventory.Device;
import io.latchkey.core.inventory.DeviceSearch;
import io.latchkey.core.inventory.ManagementChannel;
import io.latchkey.core.inventory.Ownership;
import io.latchkey.core.inventory.Page;
import io.latchkey.core.inventory.Platform;
import io.latchkey.core.inventory.User;
import io.latchkey.core.inventory.Users;
import io.latchkey.core.testing.InMemoryStore;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class EasDiscoveryTest {
    private static final Instant NOW = Instant.parse("2026-11-27T08:00:00Z");
    private final InMemoryStore store = new InMemoryStore();
    private final StubPartnerships partnerships = new StubPartnerships();
    private final StubUsers users = new StubUsers();
    private final User jane = users.add("jane@example.test");
    /** Finds the MDM twin the way the store's condition does: same user, serial = IMEI, channel mdm. */
    private final DeviceSearch search = new DeviceSearch() {
        @Override
        public Page<Device> page(io.latchkey.core.inventory.DeviceCondition where,
                                 io.latchkey.core.inventory.DeviceOrder order, String cursor, int skip, int limit) {
            return new Page<>(store.devices.select(io.latchkey.core.inventory.DeviceFilter.ALL).stream()
                    .filter(d -> d.channel() == ManagementChannel.MDM && jane.id().equals(d.enrollingUserId())
                            && "351234567890123".equals(d.serialNumber())).toList(), null);
        }

        @Override
        public long count(io.latchkey.core.inventory.DeviceCondition where) {
            throw new UnsupportedOperationException();
        }
    };
    private final CheckInRecorder checkIns = new CheckInRecorder(store.devices, Clock.fixed(NOW, ZoneOffset.UTC));

    private EasDiscovery discovery(EasAccess defaultAccess) {
        return new EasDiscovery(partnerships, store.devices, search, users, checkIns, store.audit,
                Clock.fixed(NOW, ZoneOffset.UTC), defaultAccess, Duration.ofSeconds(30), 2);
    }

    private static Sighting iphone(DeviceInformation info) {
        return new Sighting("ApplF17X1", "iPhone", "DOMAIN\\jane@example.test", "Apple-iPhone15C2/2104.45", "16.1",
                info, true);
    }

    @Test
    void aNewPhoneBecomesAnEasDeviceWithItsModelUserAndTheDefaultAccess() {
        EasDiscovery.Seen seen = discovery(EasAccess.QUARANTINED).seen(iphone(new DeviceInformation("iPhone15C2",
                "iOS 17.4 21E219", null, "Jane's iPhone"))).orElseThrow();

        Device d = store.devices.find(seen.device().id()).orElseThrow();
        assertThat(d.channel()).isEqualTo(ManagementChannel.EAS);
        assertThat(d.platform()).isEqualTo(Platform.IOS);
        assertThat(d.osVersion()).isEqualTo("17.4");
        assertThat(d.model()).isEqualTo("iPhone15C2");
        assertThat(d.name()).isEqualTo("Jane's iPhone");
        assertThat(d.externalId()).isEqualTo("ApplF17X1");
        assertThat(d.enrollingUserId()).isEqualTo(jane.id());
        assertThat(d.state().easProtocolVersion()).isEqualTo("16.1");
        assertThat(seen.partnership().access()).isEqualTo(EasAccess.QUARANTINED);
        assertThat(store.audit.all()).extracting(e -> e.action()).contains("eas.device.discover");
    }

    @Test
    void theSameRequestAgainWritesNothingButIsHeardFrom() {
        EasDiscovery discovery = discovery(EasAccess.ALLOWED);
        discovery.seen(iphone(null));
        int writes = partnerships.saves;

        for (int i = 0; i < 50; i++) {
            discovery.seen(iphone(null));
        }

        assertThat(partnerships.saves).isEqualTo(writes);
        assertThat(checkIns.flush()).isEqualTo(1);
    }

    @Test
    void aNewVersionOrUserAgentIsWrittenAndTheMatrixSeesTheVersion() {
        EasDiscovery discovery = discovery(EasAccess.ALLOWED);
        discovery.seen(new Sighting("S1", "SAMSUNGSMG991B", "bob", "SAMSUNG-SM-G991B/101.140101", "14.1", null, true));

        EasDiscovery.Seen again = discovery.seen(new Sighting("S1", "SAMSUNGSMG991B", "bob",
                "SAMSUNG-SM-G991B/101.160101", "16.1", null, true)).orElseThrow();

        assertThat(partnerships.find("S1").orElseThrow().protocolVersion()).isEqualTo("16.1");
        assertThat(store.devices.find(again.device().id()).orElseThrow().state().easProtocolVersion()).isEqualTo("16.1");
    }

    @Test
    void anUnauthenticatedStrangerOrOneBeyondTheBudgetIsNotRecorded() {
        EasDiscovery discovery = discovery(EasAccess.ALLOWED);

        assertThat(discovery.seen(new Sighting("X0", "t", "u", null, "14.1", null, false))).isEmpty();
        assertThat(discovery.seen(new Sighting("X1", "t", "u", null, "14.1", null, true))).isPresent();
        assertThat(discovery.seen(new Sighting("X2", "t", "u", null, "14.1", null, true))).isPresent();
        assertThat(discovery.seen(new Sighting("X3", "t", "u", null, "14.1", null, true))).as("budget 2/min").isEmpty();
    }

    @Test
    void theSameUsersMdmDeviceWithTheImeiAsSerialBecomesEasMdm() {
        Device mdm = new Device(UUID.randomUUID(), "UDID-1", "Jane's iPhone (MDM)", Platform.IOS, "17.4", "iPhone15,2",
                "351234567890123", ManagementChannel.MDM, Ownership.COMPANY, jane.id(), jane.id(), NOW, NOW,
                ChannelState.NONE);
        store.devices.save(mdm);

        EasDiscovery.Seen seen = discovery(EasAccess.BLOCKED).seen(iphone(new DeviceInformation("iPhone15C2", null,
                "351234567890123", null))).orElseThrow();

        assertThat(seen.device().id()).isEqualTo(mdm.id());
        assertThat(store.devices.find(mdm.id()).orElseThrow().channel()).isEqualTo(ManagementChannel.EAS_MDM);
        assertThat(store.devices.find(mdm.id()).orElseThrow().name()).isEqualTo("Jane's iPhone (MDM)");
        assertThat(seen.partnership().access()).isEqualTo(EasAccess.ALLOWED);
    }

    @Test
    void anImeiReportedLaterMergesTheEasDeviceIntoTheMdmOne() {
        Device mdm = new Device(UUID.randomUUID(), "UDID-2", "MDM phone", Platform.IOS, "17.4", null,
                "351234567890123", ManagementChannel.MDM, Ownership.COMPANY, jane.id(), jane.id(), NOW, NOW,
                ChannelState.NONE);
        store.devices.save(mdm);
        EasDiscovery discovery = discovery(EasAccess.QUARANTINED);
        UUID easOnly = discovery.seen(iphone(null)).orElseThrow().device().id();

        EasDiscovery.Seen merged = discovery.seen(iphone(new DeviceInformation(null, null, "35 1234567890123", null)))
                .orElseThrow();

        assertThat(merged.device().id()).isEqualTo(mdm.id());
        assertThat(store.devices.find(easOnly).orElseThrow().enrolled()).isFalse();
        assertThat(partnerships.find("ApplF17X1").orElseThrow().deviceId()).isEqualTo(mdm.id());
    }

    static final class StubPartnerships implements EasPartnerships {
        final Map<String, EasPartnership> rows = new HashMap<>();
        int saves;

        @Override
        public void save(EasPartnership p) {
            saves++;
            rows.put(p.easDeviceId(), p);
        }

        @Override
        public Optional<EasPartnership> find(String easDeviceId) {
            return Optional.ofNullable(rows.get(easDeviceId));
        }

        @Override
        public Optional<EasPartnership> ofDevice(UUID deviceId) {
            return rows.values().stream().filter(p -> p.deviceId().equals(deviceId)).findFirst();
        }

        @Override
        public boolean setAccess(UUID deviceId, EasAccess access, Instant at) {
            Optional<EasPartnership> p = ofDevice(deviceId);
            p.ifPresent(x -> rows.put(x.easDeviceId(), x.withAccess(access, at)));
            return p.isPresent();
        }
    }

    static final class StubUsers implements Users {
        final Map<String, User> byName = new HashMap<>();

        User add(String upn) {
            User u = new User(UUID.randomUUID(), upn, upn);
            byName.put(upn, u);
            return u;
        }

        @Override
        public void save(User user) {
            byName.put(user.userPrincipalName(), user);
        }

        @Override
        public Optional<User> find(UUID id) {
            return byName.values().stream().filter(u -> u.id().equals(id)).findFirst();
        }

        @Override
        public Optional<User> findByPrincipalName(String upn) {
            return Optional.ofNullable(byName.get(upn));
        }

        @Override
        public Page<User> page(String search, String cursor, int limit) {
            return new Page<>(List.copyOf(byName.values()), null);
        }
    }
}
