package io.latchkey.core.enrollment;

import java.time.Instant;
import java.util.Objects;

/**
 * The Android Enterprise this server is bound to through Google's signup flow
 * (https://developers.google.com/android/management/create-enterprise), and the policy its devices get.
 *
 * @param name       {@code enterprises/LC…}, the Android Management API's name
 * @param policyName {@code enterprises/LC…/policies/…}
 */
public record AndroidEnterprise(String name, String displayName, String policyName, Instant boundAt) {
    public AndroidEnterprise {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(policyName, "policyName");
        Objects.requireNonNull(boundAt, "boundAt");
    }
}
