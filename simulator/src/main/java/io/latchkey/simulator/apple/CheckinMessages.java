package io.latchkey.simulator.apple;

import com.dd.plist.NSData;
import com.dd.plist.NSDictionary;

/**
 * The check-in messages a device sends to CheckInURL (apple/device-management mdm/checkin/*.yaml),
 * shaped like the recorded ones in shared/fixtures/apple/ (Authenticate.1/.2, TokenUpdate.1/.2).
 */
final class CheckinMessages {

    private CheckinMessages() {
    }

    static NSDictionary authenticate(AppleModel model, DeviceIds ids, String topic) {
        NSDictionary m = message("Authenticate", ids.udid(), topic);
        m.put("BuildVersion", model.buildVersion());
        m.put("DeviceName", ids.deviceName());
        m.put("Model", model.model());
        m.put("ModelName", model.modelName());
        m.put("OSVersion", model.osVersion());
        m.put("ProductName", model.productName());
        m.put("SerialNumber", ids.serialNumber());
        return m;
    }

    /** @param unlockToken iOS/iPadOS only; null on a Mac, which sends none (TokenUpdate.2.plist) */
    static NSDictionary tokenUpdate(DeviceIds ids, String topic, byte[] token, String pushMagic, byte[] unlockToken) {
        NSDictionary m = message("TokenUpdate", ids.udid(), topic);
        m.put("AwaitingConfiguration", false);
        m.put("PushMagic", pushMagic);
        m.put("Token", new NSData(token));
        if (unlockToken != null) {
            m.put("UnlockToken", new NSData(unlockToken));
        }
        return m;
    }

    static NSDictionary checkOut(DeviceIds ids, String topic) {
        return message("CheckOut", ids.udid(), topic);
    }

    private static NSDictionary message(String type, String udid, String topic) {
        NSDictionary m = new NSDictionary();
        m.put("MessageType", type);
        m.put("Topic", topic);
        m.put("UDID", udid);
        return m;
    }
}
