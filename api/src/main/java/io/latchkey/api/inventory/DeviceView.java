package io.latchkey.api.inventory;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.latchkey.core.capability.Action;
import io.latchkey.core.capability.CapabilityMatrix;
import io.latchkey.core.capability.Decision;
import io.latchkey.core.capability.MatrixRow;
import io.latchkey.core.inventory.Device;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * A device as the API shows it, with wire names ("mdm", "company", "workProfile"). The detail view
 * adds what the capability matrix decides for each action on this device right now.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeviceView(UUID id, String externalId, String name, String platform, String osVersion, String model,
                         String serialNumber, String channel, String ownership, UUID enrollingUserId,
                         UUID currentUserId, Instant enrolledAt, Instant lastCheckInAt, boolean enrolled,
                         Instant unenrolledAt, State state, String matrixRow, List<Capability> capabilities) {

    public record State(boolean unlockTokenEscrowed, String androidMode, boolean workChallenge,
                        String easProtocolVersion, boolean supervised) {
    }

    /** One action's decision: supported with its method (and the condition that held), or the reason not. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Capability(String action, String displayName, boolean supported, String method, String condition,
                             String reason, String secret) {
    }

    public static DeviceView summary(Device d) {
        return of(d, null);
    }

    public static DeviceView detail(Device d) {
        List<Capability> caps = Arrays.stream(Action.values()).map(a -> capability(d, a)).toList();
        return of(d, caps);
    }

    private static DeviceView of(Device d, List<Capability> caps) {
        MatrixRow.Placement placement = MatrixRow.of(d);
        var s = d.state();
        return new DeviceView(d.id(), d.externalId(), d.name(), d.platform().displayName(), d.osVersion(),
                d.model(), d.serialNumber(), d.channel().wireName(), d.ownership().wireName(), d.enrollingUserId(),
                d.currentUserId(), d.enrolledAt(), d.lastCheckInAt(), d.enrolled(), d.unenrolledAt(),
                new State(s.unlockTokenEscrowed(), s.androidMode() == null ? null : s.androidMode().wireName(),
                        s.workChallenge(), s.easProtocolVersion(), s.supervised()),
                placement.row() == null ? null : placement.row().label(), caps);
    }

    private static Capability capability(Device d, Action a) {
        return switch (CapabilityMatrix.decide(d, a)) {
            case Decision.Supported s -> new Capability(a.wireName(), a.displayName(), true, s.method(),
                    s.condition(), null, s.secret().name());
            case Decision.NotSupported n -> new Capability(a.wireName(), a.displayName(), false, null, null,
                    n.reason(), null);
        };
    }
}
