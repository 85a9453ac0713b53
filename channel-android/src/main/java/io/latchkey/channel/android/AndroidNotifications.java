package io.latchkey.channel.android;

import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import io.latchkey.core.enrollment.AndroidEnterprise;
import io.latchkey.core.enrollment.AndroidEnterprises;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Optional;

/**
 * What a Pub/Sub notification triggers. ENROLLMENT and STATUS_REPORT: the device is read from the
 * API and its record made or refreshed; COMMAND: the operation is read from the API and settles its
 * command; USAGE_LOGS and anything else: nothing. A resource of another enterprise, a device the
 * API does not know, or an operation Latchkey did not start is ignored with a log line.
 */
public final class AndroidNotifications {
    private static final Logger LOG = LoggerFactory.getLogger(AndroidNotifications.class);

    /** What became of one notification. */
    public enum Handled {
        DEVICE_UPDATED, COMMAND_SETTLED, IGNORED,
        /** An answer that overtook the recording of its operation's name: to be delivered again. */
        RETRY_LATER
    }

    private final AmapiClient client;
    private final AndroidEnterprises enterprises;
    private final AndroidInventory inventory;
    private final AndroidChannel channel;

    public AndroidNotifications(AmapiClient client, AndroidEnterprises enterprises, AndroidInventory inventory,
                                AndroidChannel channel) {
        this.client = client;
        this.enterprises = enterprises;
        this.inventory = inventory;
        this.channel = channel;
    }

    /** Handles one notification; an API outage is thrown so that Pub/Sub delivers it again. */
    public Handled handle(PubSubNotification n) throws IOException {
        Optional<AndroidEnterprise> enterprise = enterprises.current();
        if (enterprise.isEmpty() || n.resourceName() == null
                || !n.resourceName().startsWith(enterprise.get().name() + "/devices/")) {
            return ignored(n, "not a resource of the bound enterprise");
        }
        return switch (n.type()) {
            case "ENROLLMENT", "STATUS_REPORT" -> n.namesDevice() ? device(n) : ignored(n, "not a device name");
            case "COMMAND" -> !n.namesOperation() ? ignored(n, "not an operation name")
                    : switch (channel.settle(n.resourceName())) {
                        case FOLLOWED -> Handled.COMMAND_SETTLED;
                        case NOT_NAMED_YET -> Handled.RETRY_LATER;
                        case UNKNOWN -> ignored(n, "an operation Latchkey is not following");
                    };
            default -> Handled.IGNORED; // USAGE_LOGS, ENTERPRISE_UPGRADE, test messages: nothing to do
        };
    }

    private Handled device(PubSubNotification n) throws IOException {
        try {
            inventory.upsert(client.api().enterprises().devices().get(n.resourceName()).execute());
            return Handled.DEVICE_UPDATED;
        } catch (GoogleJsonResponseException e) {
            if (e.getStatusCode() == 404) {
                return ignored(n, "a device the Android Management API does not know");
            }
            throw e;
        }
    }

    private static Handled ignored(PubSubNotification n, String why) {
        LOG.info("ignored an Android {} notification (message {}, {}): {}", n.type(), n.messageId(), n.resourceName(),
                why);
        return Handled.IGNORED;
    }
}
