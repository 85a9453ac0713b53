package io.latchkey.simulator.apple;

import com.dd.plist.NSDictionary;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Answers to DeviceInformation queries (apple/device-management mdm/commands/information.device.yaml).
 * A query the simulator does not know is left out of QueryResponses, as devices leave out what they
 * cannot answer; with no Queries at all, every known key is answered.
 */
final class DeviceInformationAnswers {

    private DeviceInformationAnswers() {
    }

    static NSDictionary answer(List<String> queries, AppleModel model, DeviceIds ids, DeviceState s) {
        Map<String, Object> known = known(model, ids, s);
        NSDictionary out = new NSDictionary();
        for (String q : queries.isEmpty() ? List.copyOf(known.keySet()) : queries) {
            Object v = known.get(q);
            if (v != null) {
                out.put(q, v);
            }
        }
        return out;
    }

    private static Map<String, Object> known(AppleModel model, DeviceIds ids, DeviceState s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("UDID", ids.udid());
        m.put("DeviceName", ids.deviceName());
        m.put("SerialNumber", ids.serialNumber());
        m.put("ProductName", model.productName());
        m.put("Model", model.model());
        m.put("ModelName", model.modelName());
        m.put("OSVersion", model.osVersion());
        m.put("BuildVersion", model.buildVersion());
        m.put("IsSupervised", model.supervised());
        m.put("IsActivationLockEnabled", false);
        m.put("IsCloudBackupEnabled", false);
        m.put("DeviceCapacity", 256.0);
        m.put("AvailableDeviceCapacity", 181.5);
        m.put("WiFiMAC", ids.wifiMac());
        m.put("BluetoothMAC", ids.bluetoothMac());
        if (model.isMac()) {
            m.put("HostName", ids.deviceName().replaceAll("[^A-Za-z0-9]+", "-") + ".local");
            m.put("LocalHostName", ids.deviceName().replaceAll("[^A-Za-z0-9]+", "-"));
            // macOS 11+: Apple silicon Macs need a PIN to lock but not to erase (reference §2).
            m.put("PINRequiredForDeviceLock", true);
            m.put("PINRequiredForEraseDevice", false);
        } else {
            m.put("IsMDMLostModeEnabled", s.lostMode);
            m.put("ModelNumber", model.model().replaceAll("[A-Z]{2}/A$", ""));
            m.put("BatteryLevel", 0.8);
            m.put("IsDeviceLocatorServiceEnabled", true);
            m.put("IsDoNotDisturbInEffect", false);
        }
        return m;
    }
}
