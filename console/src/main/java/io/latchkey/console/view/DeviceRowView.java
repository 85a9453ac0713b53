package io.latchkey.console.view;

import io.latchkey.core.action.Command;
import io.latchkey.core.inventory.Device;

/** One line of a device list: the device, its enrolling user's name, and its open task if any. */
public record DeviceRowView(Device device, String user, Command pending) {
}
