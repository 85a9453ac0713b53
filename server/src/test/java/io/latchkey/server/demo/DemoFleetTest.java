package io.latchkey.server.demo;

import io.latchkey.core.capability.Action;
import io.latchkey.core.capability.CapabilityMatrix;
import io.latchkey.core.capability.Cell;
import io.latchkey.core.capability.Decision;
import io.latchkey.core.capability.MatrixRow;
import io.latchkey.core.inventory.Device;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class DemoFleetTest {
    private final DemoFleet.Fleet fleet = DemoFleet.build(Instant.parse("2026-11-26T10:00:00Z"));

    @Test
    void every_matrix_row_has_a_device() {
        Set<MatrixRow> rows = EnumSet.noneOf(MatrixRow.class);
        for (Device d : fleet.devices()) {
            MatrixRow.Placement p = MatrixRow.of(d);
            assertThat(p.row()).as("row of %s", d.name()).isNotNull();
            rows.add(p.row());
        }
        assertThat(rows).containsExactlyInAnyOrder(MatrixRow.values());
    }

    /** A conditional cell is shown both ways: some device meets the condition and some does not. */
    @Test
    void every_condition_of_the_matrix_is_met_by_one_device_and_missed_by_another() {
        for (MatrixRow row : MatrixRow.values()) {
            List<Device> inRow = fleet.devices().stream().filter(d -> MatrixRow.of(d).row() == row).toList();
            for (Action action : Action.values()) {
                Cell cell = CapabilityMatrix.cell(row, action);
                if (!cell.kind().equals("conditional")) {
                    continue;
                }
                Set<String> outcomes = new HashSet<>();
                for (Device d : inRow) {
                    outcomes.add(switch (cell.decide(d)) {
                        case Decision.Supported s -> "yes: " + s.condition();
                        case Decision.NotSupported n -> "no";
                    });
                }
                assertThat(outcomes).as("%s / %s", row, action).hasSize(2);
            }
        }
    }

    @Test
    void the_named_edge_cases_of_the_issue_are_there() {
        assertThat(fleet.devices()).anySatisfy(d -> {
            assertThat(MatrixRow.of(d).row()).isEqualTo(MatrixRow.WINDOWS_81);
            assertThat(d.currentUserId()).isNotEqualTo(d.enrollingUserId());
        });
        assertThat(fleet.devices()).anySatisfy(d -> assertThat(d.osVersion()).isEqualTo("10.0.22631"));
        assertThat(fleet.devices()).anySatisfy(d -> assertThat(d.state().easProtocolVersion()).isEqualTo("14.1"));
        assertThat(fleet.devices()).anySatisfy(d -> assertThat(d.channel().wireName()).isEqualTo("easMdm"));
        assertThat(fleet.devices()).anySatisfy(d -> assertThat(d.osVersion()).startsWith("7.1"));
    }

    @Test
    void it_is_big_enough_to_page_and_its_ids_are_stable() {
        assertThat(fleet.devices()).hasSizeGreaterThan(DemoFleet.FILLER);
        assertThat(fleet.devices().stream().map(Device::id).distinct()).hasSize(fleet.devices().size());
        DemoFleet.Fleet again = DemoFleet.build(Instant.parse("2027-01-01T00:00:00Z"));
        assertThat(again.devices().stream().map(Device::id).toList())
                .isEqualTo(fleet.devices().stream().map(Device::id).toList());
        assertThat(fleet.devices()).anySatisfy(d -> assertThat(d.id()).isEqualTo(DemoFleet.markerDeviceId()));
        assertThat(fleet.groups()).extracting(g -> g.name()).containsExactly("Paris", "Sales");
    }
}
