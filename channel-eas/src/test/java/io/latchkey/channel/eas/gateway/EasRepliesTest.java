package io.latchkey.channel.eas.gateway;

import io.latchkey.channel.eas.http.EasCommand;
import io.latchkey.channel.eas.http.EasRequest;
import io.latchkey.channel.eas.wbxml.Wbxml;
import io.latchkey.channel.eas.wbxml.WbxmlElement;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class EasRepliesTest {
    private static EasRequest request(EasCommand command, String version) {
        return new EasRequest(command, "u", "D1", "iPhone", version, null, Map.of(), false);
    }

    @Test
    void from14OnTheStatusIsTheCommandsOwnResponseElement() {
        byte[] sync = EasReplies.status(request(EasCommand.SYNC, "14.1"), EasReplies.REMOTE_WIPE_REQUESTED).orElseThrow();
        byte[] folders = EasReplies.status(request(EasCommand.FOLDER_SYNC, "16.1"), EasReplies.BLOCKED).orElseThrow();

        assertThat(Wbxml.decode(sync)).isEqualTo(WbxmlElement.of("AirSync", "Sync",
                WbxmlElement.text("AirSync", "Status", "140")));
        assertThat(Wbxml.decode(folders)).isEqualTo(WbxmlElement.of("FolderHierarchy", "FolderSync",
                WbxmlElement.text("FolderHierarchy", "Status", "129")));
    }

    @Test
    void upTo121OrForACommandWithoutATopLevelStatusTheAnswerIsAtTheHttpLevel() {
        assertThat(EasReplies.status(request(EasCommand.SYNC, "12.1"), 140)).isEmpty();
        assertThat(EasReplies.status(request(EasCommand.GET_ATTACHMENT, "14.1"), 140)).isEmpty();
        assertThat(EasReplies.status(request(EasCommand.MOVE_ITEMS, "16.1"), 129)).isEmpty();
    }

    @Test
    void theWipeDirectivesAreEmptyElementsBesideTheProvisionStatus() {
        assertThat(Wbxml.decode(EasReplies.wipeDirective("AccountOnlyRemoteWipe", 1))).isEqualTo(
                WbxmlElement.of("Provision", "Provision", WbxmlElement.text("Provision", "Status", "1"),
                        WbxmlElement.of("Provision", "AccountOnlyRemoteWipe")));
        assertThat(Wbxml.decode(EasReplies.wipeDirective("RemoteWipe", 2)).textAt("Status")).contains("2");
    }

    @Test
    void onlyTheUserNameOfABasicHeaderIsRead() {
        String header = "Basic " + Base64.getEncoder().encodeToString("DOMAIN\\jane:s3cr:et".getBytes(StandardCharsets.UTF_8));

        assertThat(BasicUser.name(header)).isEqualTo("DOMAIN\\jane");
        assertThat(BasicUser.name("Bearer abc")).isNull();
        assertThat(BasicUser.name("Basic !!!")).isNull();
        assertThat(BasicUser.name(null)).isNull();
        assertThat(BasicUser.name("Basic " + Base64.getEncoder().encodeToString(":pw".getBytes(StandardCharsets.UTF_8))))
                .isNull();
    }
}
