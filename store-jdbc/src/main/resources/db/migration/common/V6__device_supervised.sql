-- Apple: whether the device reported itself supervised (DeviceInformation IsSupervised); Lost Mode needs it.
ALTER TABLE device ADD COLUMN supervised BOOLEAN DEFAULT FALSE NOT NULL;
