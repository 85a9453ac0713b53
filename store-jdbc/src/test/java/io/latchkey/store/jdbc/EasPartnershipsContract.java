package io.latchkey.store.jdbc;

import io.latchkey.core.eas.DeviceInformation;
import io.latchkey.core.eas.EasAccess;
import io.latchkey.core.eas.EasPartnership;
import io.latchkey.core.inventory.Device;
import io.latchkey.core.inventory.ManagementChannel;
import io.latchkey.core.inventory.Platform;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.latchkey.store.jdbc.Fixtures.at;
import static org.assertj.core.api.Assertions.assertThat;

/** The EAS gateway's partnerships (issue 10), on H2 and PostgreSQL. */
public interface EasPartnershipsContract extends StorageFixture {

    @Test
    default void aPartnershipIsFoundByEasDeviceIdAndByDeviceAndReplacedByASave() {
        Device phone = Fixtures.device("Jane's iPhone", Platform.IOS, ManagementChannel.EAS);
        storage().devices().save(phone);
        EasPartnership first = new EasPartnership("ApplF17XXXX1", phone.id(), "iPhone", "DOMAIN\\jane",
                "Apple-iPhone15C2/2104.45", "16.1", EasAccess.QUARANTINED, at(1), at(1),
                new DeviceInformation("iPhone15C2", "iOS 17.4 21E219", "35 123456 789012 3", "Jane's iPhone"));
        storage().easPartnerships().save(first);

        assertThat(storage().easPartnerships().find("ApplF17XXXX1")).contains(first);
        assertThat(storage().easPartnerships().ofDevice(phone.id())).contains(first);
        assertThat(storage().easPartnerships().find("unknown")).isEmpty();
        assertThat(storage().easPartnerships().ofDevice(UUID.randomUUID())).isEmpty();

        EasPartnership again = new EasPartnership("ApplF17XXXX1", phone.id(), "iPhone", "jane@example.test",
                "Apple-iPhone15C2/2105.1", "16.1", EasAccess.QUARANTINED, at(1), at(9), DeviceInformation.NONE);
        storage().easPartnerships().save(again);
        assertThat(storage().easPartnerships().find("ApplF17XXXX1")).contains(again);
    }

    @Test
    default void accessIsSetByDeviceAndOnlyWhereAPartnershipExists() {
        Device phone = Fixtures.device("Galaxy", Platform.ANDROID, ManagementChannel.EAS);
        storage().devices().save(phone);
        storage().easPartnerships().save(new EasPartnership("SEC1", phone.id(), "SAMSUNGSMG991B", "bob", null, "14.1",
                EasAccess.ALLOWED, at(1), at(1), null));

        assertThat(storage().easPartnerships().setAccess(phone.id(), EasAccess.BLOCKED, at(5))).isTrue();
        assertThat(storage().easPartnerships().setAccess(UUID.randomUUID(), EasAccess.BLOCKED, at(5))).isFalse();

        assertThat(storage().easPartnerships().find("SEC1")).hasValueSatisfying(p -> {
            assertThat(p.access()).isEqualTo(EasAccess.BLOCKED);
            assertThat(p.updatedAt()).isEqualTo(at(5));
            assertThat(p.firstSeen()).isEqualTo(at(1));
            assertThat(p.info()).isEqualTo(DeviceInformation.NONE);
        });
    }
}
