package io.latchkey.store.jdbc;

import io.latchkey.core.action.CloudOperation;
import io.latchkey.core.enrollment.AndroidEnterprise;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static io.latchkey.store.jdbc.Fixtures.at;
import static org.assertj.core.api.Assertions.assertThat;

/** What the Android channel keeps (issue 5): the enterprise binding and the operations it follows. */
public interface AndroidChannelContract extends StorageFixture {

    @Test
    default void theEnterpriseBindingIsOneRowReplacedByARebind() {
        assertThat(storage().androidEnterprises().current()).isEmpty();
        storage().androidEnterprises().save(new AndroidEnterprise("enterprises/LC1", "Acme",
                "enterprises/LC1/policies/latchkey", at(1)));
        AndroidEnterprise again = new AndroidEnterprise("enterprises/LC2", null, "enterprises/LC2/policies/latchkey",
                at(2));
        storage().androidEnterprises().save(again);

        assertThat(storage().androidEnterprises().current()).contains(again);
    }

    @Test
    default void anOperationIsFoundByCommandAndByNameWithItsSealedSecretUntilFinished() {
        UUID command = UUID.randomUUID();
        UUID device = UUID.randomUUID();
        storage().cloudOperations().start(new CloudOperation(command, device, null, new byte[]{1, 2, 3}, at(1)));
        assertThat(storage().cloudOperations().unfinished(at(5), 10)).as("not named yet: nothing to poll").isEmpty();

        storage().cloudOperations().named(command, "enterprises/LC1/devices/d1/operations/7");
        UUID other = UUID.randomUUID();
        storage().cloudOperations().start(new CloudOperation(other, device, "enterprises/LC1/devices/d1/operations/8",
                null, at(3)));

        assertThat(storage().cloudOperations().byName("enterprises/LC1/devices/d1/operations/7"))
                .hasValueSatisfying(op -> {
                    assertThat(op.commandId()).isEqualTo(command);
                    assertThat(op.deviceId()).isEqualTo(device);
                    assertThat(op.sealedSecret()).containsExactly(1, 2, 3);
                    assertThat(op.startedAt()).isEqualTo(at(1));
                });
        assertThat(storage().cloudOperations().find(other)).hasValueSatisfying(op ->
                assertThat(op.sealedSecret()).isNull());
        assertThat(storage().cloudOperations().unfinished(at(2), 10)).extracting(CloudOperation::commandId)
                .containsExactly(command);
        assertThat(storage().cloudOperations().unfinished(at(5), 10)).extracting(CloudOperation::commandId)
                .containsExactly(command, other);

        assertThat(storage().cloudOperations().ofDevice(device)).extracting(CloudOperation::commandId)
                .containsExactly(command, other);
        assertThat(storage().cloudOperations().ofDevice(UUID.randomUUID())).isEmpty();

        storage().cloudOperations().finish(command);
        assertThat(storage().cloudOperations().find(command)).isEmpty();
        assertThat(storage().cloudOperations().byName("enterprises/LC1/devices/d1/operations/7")).isEmpty();
    }
}
