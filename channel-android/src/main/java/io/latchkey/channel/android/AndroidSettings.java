package io.latchkey.channel.android;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How Latchkey reaches the Android Management API.
 *
 * @param rootUrl            https://androidmanagement.googleapis.com/ or a stand-in
 * @param serviceAccountKey  the Google Cloud service-account key file (JSON); read, never logged
 * @param projectId          the Google Cloud project; null: the key file's {@code project_id}
 * @param pubsubTopic        {@code projects/{p}/topics/{t}} the enterprise publishes notifications to; null: none
 * @param push               how Pub/Sub pushes are authenticated (an OIDC token, a URL secret); never null
 * @param requestsPerSecond  the most API calls a second this node makes
 * @param maxCommandDuration the longest {@code Command.duration} given; null: the command's time to live
 * @param pollEvery          how often operations without news are asked about
 * @param reconcileEvery     how often devices.list refreshes the inventory
 */
public record AndroidSettings(URI rootUrl, Path serviceAccountKey, String projectId, String pubsubTopic,
                              PushAuth push, int requestsPerSecond, Duration maxCommandDuration,
                              Duration pollEvery, Duration reconcileEvery) {
    public AndroidSettings {
        Objects.requireNonNull(rootUrl, "rootUrl");
        Objects.requireNonNull(serviceAccountKey, "serviceAccountKey");
        Objects.requireNonNull(push, "push");
        Objects.requireNonNull(pollEvery, "pollEvery");
        Objects.requireNonNull(reconcileEvery, "reconcileEvery");
        if (requestsPerSecond < 1) {
            throw new IllegalArgumentException("requestsPerSecond must be at least 1");
        }
    }

    @Override
    public String toString() {
        return "AndroidSettings[rootUrl=" + rootUrl + ", serviceAccountKey=" + serviceAccountKey + ", projectId="
                + projectId + ", pubsubTopic=" + pubsubTopic + ", push=" + push
                + ", requestsPerSecond=" + requestsPerSecond + ", maxCommandDuration=" + maxCommandDuration
                + ", pollEvery=" + pollEvery + ", reconcileEvery=" + reconcileEvery + "]";
    }
}
