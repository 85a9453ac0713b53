package io.latchkey.channel.android;

import com.google.api.services.androidmanagement.v1.model.Enterprise;
import com.google.api.services.androidmanagement.v1.model.EnrollmentToken;
import com.google.api.services.androidmanagement.v1.model.SignupUrl;
import io.latchkey.core.Rejected;
import io.latchkey.core.audit.Actor;
import io.latchkey.core.audit.AuditEvent;
import io.latchkey.core.audit.AuditLog;
import io.latchkey.core.enrollment.AndroidEnterprise;
import io.latchkey.core.enrollment.AndroidEnterprises;
import io.latchkey.core.inventory.User;
import io.latchkey.core.inventory.Users;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Binding the installation to an Android Enterprise and enrolling devices into it
 * (https://developers.google.com/android/management/create-enterprise, .../provision-device):
 * signupUrls.create gives the administrator Google's signup page; its callback brings back an
 * enterprise token, and enterprises.create (with the Pub/Sub topic and the notification types
 * Latchkey handles) makes the enterprise, whose name is stored; the default policy is patched in.
 * Enrollment tokens carry the Latchkey user in {@code additionalData}, so each device record names
 * its enrolling user.
 */
public final class AndroidEnrollment {
    /** The Android Device Policy link a personal device opens to add its work profile. */
    private static final String ENROLL_LINK = "https://enterprise.google.com/android/enroll?et=";
    private static final List<String> NOTIFICATIONS = List.of("ENROLLMENT", "STATUS_REPORT", "COMMAND");

    private final AmapiClient client;
    private final AndroidEnterprises enterprises;
    private final Users users;
    private final AuditLog audit;
    private final String pubsubTopic;
    private final Clock clock;

    public AndroidEnrollment(AmapiClient client, AndroidEnterprises enterprises, Users users, AuditLog audit,
                             String pubsubTopic, Clock clock) {
        this.client = client;
        this.enterprises = enterprises;
        this.users = users;
        this.audit = audit;
        this.pubsubTopic = pubsubTopic;
        this.clock = clock;
    }

    /** An enrollment token, returned once (its value enrolls a device, so it is neither stored nor logged). */
    public record IssuedToken(String name, String value, EnrollmentKind kind, UUID userId, String qrCode,
                              String enrollmentLink, Instant expiresAt) {
        @Override
        public String toString() {
            return "IssuedToken[" + name + ", " + kind + ", user " + userId + "]";
        }

        /** What the QR code holds: the provisioning JSON for a company device, the link for a personal one. */
        public String qrContent() {
            return qrCode != null ? qrCode : enrollmentLink;
        }
    }

    public SignupUrl signupUrl(String callbackUrl, Actor actor) {
        SignupUrl url = call(() -> client.api().signupUrls().create().setProjectId(client.projectId())
                .setCallbackUrl(callbackUrl).execute());
        audit(actor, "android.signup", "signupUrl", url.getName(), null);
        return url;
    }

    /** enterprises.create with the token from the signup callback, then the default policy. */
    public AndroidEnterprise bind(String signupUrlName, String enterpriseToken, String displayName, Actor actor) {
        if (isBlank(signupUrlName) || isBlank(enterpriseToken)) {
            throw Rejected.invalid("signupUrlName and enterpriseToken are required");
        }
        Enterprise wanted = new Enterprise().setEnterpriseDisplayName(displayName);
        if (pubsubTopic != null) {
            wanted.setPubsubTopic(pubsubTopic).setEnabledNotificationTypes(NOTIFICATIONS);
        }
        Enterprise created = call(() -> client.api().enterprises().create(wanted).setProjectId(client.projectId())
                .setSignupUrlName(signupUrlName).setEnterpriseToken(enterpriseToken).execute());
        String policy = created.getName() + "/policies/" + DefaultPolicy.ID;
        call(() -> client.api().enterprises().policies().patch(policy, DefaultPolicy.build()).execute());
        AndroidEnterprise bound = new AndroidEnterprise(created.getName(), displayName, policy, clock.instant());
        enterprises.save(bound);
        audit(actor, "android.enterprise.bind", "enterprise", created.getName(), displayName);
        return bound;
    }

    /** A one-time enrollment token for one of the user's devices. */
    public IssuedToken token(UUID userId, EnrollmentKind kind, Duration lifetime, Actor actor) {
        AndroidEnterprise enterprise = enterprises.current().orElseThrow(() -> Rejected.conflict(
                "no Android Enterprise is bound yet: bind one first (latchkey android signup, then bind)"));
        User user = users.find(userId).orElseThrow(() -> Rejected.notFound("no user " + userId));
        EnrollmentToken wanted = new EnrollmentToken().setPolicyName(enterprise.policyName())
                .setDuration(AndroidCommands.seconds(lifetime)).setOneTimeOnly(true)
                .setAdditionalData(AndroidInventory.USER_PREFIX + user.id())
                .setAllowPersonalUsage(kind.allowPersonalUsage());
        EnrollmentToken t = call(() -> client.api().enterprises().enrollmentTokens()
                .create(enterprise.name(), wanted).execute());
        Instant expires = t.getExpirationTimestamp() == null ? clock.instant().plus(lifetime)
                : Instant.parse(t.getExpirationTimestamp());
        audit(actor, "android.enrollmentToken.issue", "user", user.id().toString(), kind.wireName());
        return new IssuedToken(t.getName(), t.getValue(), kind, user.id(), kind.qr() ? t.getQrCode() : null,
                ENROLL_LINK + t.getValue(), expires);
    }

    private void audit(Actor actor, String action, String targetType, String target, String detail) {
        audit.append(new AuditEvent(UUID.randomUUID(), clock.instant(), actor.name(), actor.address(), action,
                targetType, target, detail));
    }

    private interface ApiCall<T> {
        T run() throws IOException;
    }

    private static <T> T call(ApiCall<T> c) {
        try {
            return c.run();
        } catch (com.google.api.client.googleapis.json.GoogleJsonResponseException e) {
            String message = e.getDetails() != null ? e.getDetails().getMessage() : e.getStatusMessage();
            throw Rejected.invalid("the Android Management API refused the request (" + e.getStatusCode() + "): "
                    + message);
        } catch (IOException e) {
            throw new UncheckedIOException("the Android Management API could not be reached", e);
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
