package io.latchkey.channel.android;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * One Pub/Sub push message as AMAPI publishes it (https://developers.google.com/android/management/notifications):
 * {@code {"message":{"data":base64(resource JSON),"attributes":{"notificationType":…},"messageId":…},"subscription":…}}.
 * Only the type and the resource's name are kept: the notification is a trigger, and what is stored
 * comes from the API (a push body is as good as anyone who knows the URL can make it).
 *
 * @param type         ENROLLMENT, STATUS_REPORT, COMMAND, USAGE_LOGS, … (as published)
 * @param resourceName the Device's or the Operation's name; null when the resource has none
 */
public record PubSubNotification(String type, String resourceName, String messageId) {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int MAX_NAME = 400;
    private static final Pattern DEVICE = Pattern.compile("enterprises/[A-Za-z0-9_-]{1,100}/devices/[A-Za-z0-9_-]{1,100}");
    private static final Pattern OPERATION = Pattern.compile(DEVICE.pattern() + "/operations/[A-Za-z0-9_-]{1,100}");

    static {
        MAPPER.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build());
    }

    /** Why a body is not a notification. */
    public static final class Malformed extends IllegalArgumentException {
        Malformed(String message) {
            super(message);
        }
    }

    /** Reads a push body; throws {@link Malformed} for anything that is not a Pub/Sub push of a JSON resource. */
    public static PubSubNotification parse(byte[] body) {
        JsonNode root;
        try {
            root = MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new Malformed("the body is not JSON");
        } catch (IOException e) {
            throw new Malformed("the body could not be read");
        }
        if (root == null || !root.isObject() || !root.path("message").isObject()) {
            throw new Malformed("no message object");
        }
        JsonNode message = root.get("message");
        JsonNode type = message.path("attributes").path("notificationType");
        if (!type.isTextual() || type.asText().isBlank() || type.asText().length() > 64) {
            throw new Malformed("no notificationType attribute");
        }
        JsonNode data = message.path("data");
        JsonNode resource;
        try {
            resource = data.isTextual() ? MAPPER.readTree(Base64.getDecoder().decode(data.asText())) : null;
        } catch (IllegalArgumentException | IOException e) {
            throw new Malformed("the data is not base64 of JSON");
        }
        if (resource == null || !resource.isObject()) {
            throw new Malformed("the data is not a JSON resource");
        }
        JsonNode name = resource.path("name");
        String id = message.path("messageId").isTextual() ? message.get("messageId").asText()
                : message.path("message_id").asText(null);
        return new PubSubNotification(type.asText(), name.isTextual() && name.asText().length() <= MAX_NAME
                ? name.asText() : null, id);
    }

    /** The resource is a device ({@code enterprises/E/devices/D}). */
    public boolean namesDevice() {
        return resourceName != null && DEVICE.matcher(resourceName).matches();
    }

    /** The resource is a device's operation ({@code enterprises/E/devices/D/operations/O}). */
    public boolean namesOperation() {
        return resourceName != null && OPERATION.matcher(resourceName).matches();
    }
}
