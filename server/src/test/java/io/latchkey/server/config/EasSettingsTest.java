package io.latchkey.server.config;

import io.latchkey.core.eas.EasAccess;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The eas.* settings: the gateway off without an upstream, a bad URL or access rule refused at start. */
class EasSettingsTest {

    private static Settings load(Map<Option, String> flags) {
        return SettingsLoader.load(flags, null, Map.of());
    }

    @Test
    void offUnlessAnUpstreamIsSet() {
        assertThat(load(Map.of()).eas()).isNull();
    }

    @Test
    void readsTheUpstreamAndTheRuleForNewPhones() {
        EasSettings eas = load(Map.of(Option.EAS_UPSTREAM, "https://mail.example.com/Microsoft-Server-ActiveSync",
                Option.EAS_ACCESS_DEFAULT, "quarantine")).eas();
        assertThat(eas.upstream().getHost()).isEqualTo("mail.example.com");
        assertThat(eas.defaultAccess()).isEqualTo(EasAccess.QUARANTINED);
        assertThat(load(Map.of(Option.EAS_UPSTREAM, "https://mail.example.com/Microsoft-Server-ActiveSync")).eas()
                .defaultAccess()).isEqualTo(EasAccess.ALLOWED);
    }

    @Test
    void aBadUpstreamOrRuleIsAConfigurationError() {
        ConfigException url = catchThrowableOfType(ConfigException.class,
                () -> load(Map.of(Option.EAS_UPSTREAM, "ftp://mail.example.com/x?y=1")));
        assertThat(url.problems()).anySatisfy(p -> assertThat(p).contains("eas.upstream"));
        ConfigException rule = catchThrowableOfType(ConfigException.class,
                () -> load(Map.of(Option.EAS_ACCESS_DEFAULT, "maybe")));
        assertThat(rule.problems()).anySatisfy(p -> assertThat(p).contains("eas.access.default"));
    }
}
