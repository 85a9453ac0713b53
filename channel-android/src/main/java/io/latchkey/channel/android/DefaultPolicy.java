package io.latchkey.channel.android;

import com.google.api.services.androidmanagement.v1.model.PasswordRequirements;
import com.google.api.services.androidmanagement.v1.model.Policy;

import java.util.List;

/**
 * The policy Latchkey gives its devices: a numeric-complex password of at least
 * {@link TemporaryPasscodes#MIN_DIGITS} digits on the device and, separately, on the work profile
 * (SCOPE_PROFILE: the work profile gets its own challenge, so LOCK and RESET_PASSWORD act on it
 * alone). The temporary passcodes {@link TemporaryPasscodes} makes satisfy both.
 * (https://developers.google.com/android/management/reference/rest/v1/enterprises.policies#Policy.FIELDS.password_policies)
 */
public final class DefaultPolicy {
    public static final String ID = "latchkey-default";
    public static final int MIN_LENGTH = TemporaryPasscodes.MIN_DIGITS;

    private DefaultPolicy() {
    }

    public static Policy build() {
        return new Policy().setPasswordPolicies(List.of(requirement("SCOPE_DEVICE"), requirement("SCOPE_PROFILE")));
    }

    private static PasswordRequirements requirement(String scope) {
        return new PasswordRequirements().setPasswordScope(scope).setPasswordQuality("NUMERIC_COMPLEX")
                .setPasswordMinimumLength(MIN_LENGTH);
    }
}
