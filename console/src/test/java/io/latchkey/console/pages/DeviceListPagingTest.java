package io.latchkey.console.pages;

import io.latchkey.console.view.Selection;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** "Previous" on keyset pages: the links carry the cursors of the pages before, newest last. */
class DeviceListPagingTest {
    private static final String BASE = "/console/groups/all-devices";
    private static final String FILTER = BASE + "?q=&platform=&channel=&sort=NAME";

    @Test
    void nextRemembersThisPageAndPreviousGoesBackOnePageAtATime() {
        DeviceListPage.View first = page(null, List.of(), "c1");
        assertThat(first.nextHref()).isEqualTo(FILTER + "&cursor=c1");

        DeviceListPage.View second = page("c1", List.of(), "c2");
        assertThat(second.nextHref()).isEqualTo(FILTER + "&cursor=c2&back=c1");
        assertThat(second.previousHref()).isEqualTo(FILTER);

        DeviceListPage.View third = page("c2", List.of("c1"), "c3");
        assertThat(third.nextHref()).isEqualTo(FILTER + "&cursor=c3&back=c1&back=c2");
        assertThat(third.previousHref()).isEqualTo(FILTER + "&cursor=c1");
    }

    @Test
    void cursorsAreEncodedAndTheTrailIsBounded() {
        List<String> long20 = new ArrayList<>();
        for (int i = 0; i < DeviceListPage.TRAIL; i++) {
            long20.add("c" + i);
        }
        DeviceListPage.View deep = page("a+b/=", long20, "n");
        String next = deep.nextHref();
        assertThat(next).contains("&back=a%2Bb%2F%3D").doesNotContain("&back=c0&");
        assertThat(next.split("&back=")).hasSize(DeviceListPage.TRAIL + 1);
        assertThat(deep.previousHref()).isEqualTo(FILTER + "&cursor=c19&back=" + String.join("&back=",
                long20.subList(0, DeviceListPage.TRAIL - 1)));
    }

    private static DeviceListPage.View page(String cursor, List<String> trail, String nextCursor) {
        Selection s = new Selection("all-devices", null, null, null, null, List.of(), false);
        return new DeviceListPage.View("All Devices", List.of(), s, "NAME", List.of(), nextCursor, cursor == null,
                null, BASE, cursor, trail);
    }
}
