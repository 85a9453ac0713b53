package io.latchkey.server.config;

import io.latchkey.core.approval.ApprovalPolicy;
import io.latchkey.core.capability.Action;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The approval.* settings: on by default with the policy, every bad value refused at start. */
class ApprovalSettingsTest {

    private static Settings load(Map<Option, String> flags, Map<String, String> env) {
        return SettingsLoader.load(flags, null, env);
    }

    @Test
    void theDefaultHoldsWipeAndRetireOfMoreThanOneOrOfAnyCompanyDevice() {
        assertThat(load(Map.of(), Map.of()).approval()).isEqualTo(ApprovalPolicy.defaults());
    }

    @Test
    void actionsThresholdAndOwnershipRuleAreConfigurableAndFlagsBeatTheEnvironment() {
        ApprovalPolicy p = load(Map.of(Option.APPROVAL_DEVICE_THRESHOLD, "10"), Map.of(
                "LATCHKEY_APPROVAL_ACTIONS", "wipe, remoteLock", "LATCHKEY_APPROVAL_DEVICE_THRESHOLD", "3",
                "LATCHKEY_APPROVAL_COMPANY_OWNED", "false")).approval();
        assertThat(p.actions()).containsExactlyInAnyOrder(Action.WIPE, Action.REMOTE_LOCK);
        assertThat(p.deviceThreshold()).isEqualTo(10);
        assertThat(p.companyOwned()).isFalse();
        assertThat(load(Map.of(Option.APPROVAL_ENABLED, "false"), Map.of()).approval().enabled()).isFalse();
    }

    @Test
    void badValuesAreEachReportedAtStart() {
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> load(Map.of(
                Option.APPROVAL_ENABLED, "yes", Option.APPROVAL_ACTIONS, "wipe,explode",
                Option.APPROVAL_DEVICE_THRESHOLD, "-1", Option.APPROVAL_COMPANY_OWNED, "maybe"), Map.of()));
        assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("approval.enabled must be true or false"))
                .anySatisfy(p -> assertThat(p).startsWith("approval.actions:").contains("explode"))
                .anySatisfy(p -> assertThat(p).startsWith("approval.device.threshold must be"))
                .anySatisfy(p -> assertThat(p).startsWith("approval.company.owned must be true or false"));
        ConfigException empty = catchThrowableOfType(ConfigException.class,
                () -> load(Map.of(Option.APPROVAL_ACTIONS, " "), Map.of()));
        assertThat(empty.problems()).anySatisfy(p -> assertThat(p).contains("approval.actions is empty"));
    }
}
