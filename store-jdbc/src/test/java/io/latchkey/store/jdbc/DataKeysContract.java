package io.latchkey.store.jdbc;

import io.latchkey.core.secret.DataKey;
import org.junit.jupiter.api.Test;

import static io.latchkey.store.jdbc.Fixtures.at;
import static org.assertj.core.api.Assertions.assertThat;

/** Wrapped data keys: added once per id, found, re-wrapped only from the master key expected. */
public interface DataKeysContract extends StorageFixture {

    @Test
    default void aDataKeyIsAddedOncePerIdAndFound() {
        assertThat(storage().dataKeys().add(new DataKey(0, "aaaa", new byte[] {1, 2, 3}, at(0)))).isTrue();
        assertThat(storage().dataKeys().add(new DataKey(1, "aaaa", new byte[] {4}, at(1)))).isTrue();

        assertThat(storage().dataKeys().add(new DataKey(1, "bbbb", new byte[] {9}, at(2)))).isFalse();
        assertThat(storage().dataKeys().all()).extracting(DataKey::id).containsExactly(0, 1);
        assertThat(storage().dataKeys().find(1)).hasValueSatisfying(k -> {
            assertThat(k.masterKeyId()).isEqualTo("aaaa");
            assertThat(k.wrapped()).containsExactly(4);
            assertThat(k.createdAt()).isEqualTo(at(1));
        });
        assertThat(storage().dataKeys().find(7)).isEmpty();
    }

    @Test
    default void aRewrapHappensOnlyFromTheExpectedMasterKey() {
        storage().dataKeys().add(new DataKey(3, "old", new byte[] {1}, at(0)));

        assertThat(storage().dataKeys().rewrap(3, "other", "new", new byte[] {2})).isFalse();
        assertThat(storage().dataKeys().rewrap(3, "old", "new", new byte[] {2})).isTrue();
        assertThat(storage().dataKeys().rewrap(3, "old", "newer", new byte[] {3})).isFalse();
        assertThat(storage().dataKeys().find(3)).hasValueSatisfying(k -> {
            assertThat(k.masterKeyId()).isEqualTo("new");
            assertThat(k.wrapped()).containsExactly(2);
        });
    }
}
