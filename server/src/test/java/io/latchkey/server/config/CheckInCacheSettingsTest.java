package io.latchkey.server.config;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** checkin.cache.devices: how many quiet devices a node remembers; 0 turns the check-in cache off. */
class CheckInCacheSettingsTest {

    @Test
    void twentyThousandByDefaultAndZeroTurnsItOff() {
        assertThat(SettingsLoader.load(Map.of(), null, Map.of()).checkInCacheDevices()).isEqualTo(20_000);
        assertThat(SettingsLoader.load(Map.of(), null, Map.of("LATCHKEY_CHECKIN_CACHE_DEVICES", "0"))
                .checkInCacheDevices()).isZero();
        assertThat(SettingsLoader.load(Map.of(Option.CHECKIN_CACHE_DEVICES, "250000"), null, Map.of())
                .checkInCacheDevices()).isEqualTo(250_000);
    }

    @Test
    void aNegativeOrHugeCountIsRefusedWithItsBounds() {
        for (String bad : new String[] {"-1", "1000001", "many"}) {
            ConfigException e = catchThrowableOfType(ConfigException.class, () -> SettingsLoader.load(
                    Map.of(Option.CHECKIN_CACHE_DEVICES, bad), null, Map.of()));
            assertThat(e.getMessage()).contains("checkin.cache.devices must be a whole number from 0 to 1000000");
        }
    }
}
