package io.latchkey.core.inventory;

/**
 * The channel-specific facts the capability matrix reads (product spec section 4). Channels
 * update them as devices report; nothing here is secret (the UnlockToken itself is stored by
 * the Apple channel, encrypted; only whether one is escrowed lives here).
 *
 * @param unlockTokenEscrowed Apple: the device sent an UnlockToken, so ClearPasscode can work
 * @param androidMode         Android: device owner or work profile; null when not Android
 * @param workChallenge       Android work profile: the profile has its own separate challenge
 * @param easProtocolVersion  EAS: the highest protocol version the device speaks, e.g. "16.1"
 * @param supervised          Apple: the device reported itself supervised (DeviceInformation IsSupervised)
 */
public record ChannelState(boolean unlockTokenEscrowed, AndroidMode androidMode, boolean workChallenge,
                           String easProtocolVersion, boolean supervised) {

    public static final ChannelState NONE = new ChannelState(false, null, false, null, false);

    public ChannelState(boolean unlockTokenEscrowed, AndroidMode androidMode, boolean workChallenge,
                        String easProtocolVersion) {
        this(unlockTokenEscrowed, androidMode, workChallenge, easProtocolVersion, false);
    }

    public ChannelState withUnlockToken(boolean escrowed) {
        return new ChannelState(escrowed, androidMode, workChallenge, easProtocolVersion, supervised);
    }

    public ChannelState withSupervised(boolean isSupervised) {
        return new ChannelState(unlockTokenEscrowed, androidMode, workChallenge, easProtocolVersion, isSupervised);
    }
}
