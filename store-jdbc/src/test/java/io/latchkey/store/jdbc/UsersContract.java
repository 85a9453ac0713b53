package io.latchkey.store.jdbc;

import io.latchkey.core.Rejected;
import io.latchkey.core.inventory.Page;
import io.latchkey.core.inventory.User;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static io.latchkey.store.jdbc.Fixtures.user;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Users: principal names are unique and looked up case-insensitively; pages ordered by them. */
public interface UsersContract extends StorageFixture {

    @Test
    default void usersAreSavedReplacedAndFoundByIdOrPrincipalName() {
        User ana = user("Ana@Example.com");
        storage().users().save(ana);
        assertThat(storage().users().find(ana.id())).contains(ana);
        assertThat(storage().users().findByPrincipalName("ana@example.COM")).contains(ana);
        User renamed = new User(ana.id(), "ana.b@example.com", "Ana B");
        storage().users().save(renamed);
        assertThat(storage().users().find(ana.id())).contains(renamed);
        assertThat(storage().users().findByPrincipalName("Ana@Example.com")).isEmpty();
        assertThat(storage().users().find(UUID.randomUUID())).isEmpty();
    }

    @Test
    default void aPrincipalNameBelongsToOneUserWhateverItsCase() {
        storage().users().save(user("bob@example.com"));
        assertThatThrownBy(() -> storage().users().save(user("BOB@example.com")))
                .isInstanceOfSatisfying(Rejected.class, r -> assertThat(r.kind()).isEqualTo(Rejected.Kind.CONFLICT));
    }

    @Test
    default void pagesWalkUsersInPrincipalNameOrderWithSearch() {
        List<String> upns = List.of("carol@x.org", "Alice@x.org", "bob@y.org", "dave@x.org", "erin_x@z.org");
        upns.forEach(u -> storage().users().save(user(u)));
        assertThat(walk(null, 2)).containsExactly("Alice@x.org", "bob@y.org", "carol@x.org", "dave@x.org",
                "erin_x@z.org");
        assertThat(walk("X.ORG", 1)).containsExactly("Alice@x.org", "carol@x.org", "dave@x.org");
        assertThat(walk("user bob", 5)).containsExactly("bob@y.org"); // display name "User bob@y.org"
        assertThat(walk("_x", 5)).containsExactly("erin_x@z.org");
    }

    private List<String> walk(String search, int size) {
        List<String> out = new ArrayList<>();
        String cursor = null;
        do {
            Page<User> page = storage().users().page(search, cursor, size);
            page.items().forEach(u -> out.add(u.userPrincipalName()));
            cursor = page.nextCursor();
        } while (cursor != null);
        return out;
    }
}
