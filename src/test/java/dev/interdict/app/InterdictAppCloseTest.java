package dev.interdict.app;

import org.apache.kafka.streams.CloseOptions.GroupMembershipOperation;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What a clean close does with the group membership (RestartIT shows the effect on a broker). */
class InterdictAppCloseTest {
    @Test
    void aDynamicMemberLeavesTheGroupOnCloseSoTheNextInstanceDoesNotWaitForItsSessionToExpire() {
        assertEquals(GroupMembershipOperation.LEAVE_GROUP, InterdictApp.membershipOnClose(props(Map.of())));
    }

    @Test
    void aStaticMemberStaysInTheGroupOnCloseSoItsRestartTakesItsPartitionsBackWithoutARebalance() {
        for (String key : new String[] {"group.instance.id", "consumer.group.instance.id", "main.consumer.group.instance.id"}) {
            assertEquals(GroupMembershipOperation.REMAIN_IN_GROUP,
                    InterdictApp.membershipOnClose(props(Map.of(key, "interdict-0"))), key);
        }
    }

    @Test
    void groupInstanceIdIsReadWithStreamsPrecedenceMainConsumerThenConsumerThenPlain() {
        assertEquals("m", InterdictApp.groupInstanceId(props(Map.of("group.instance.id", "p",
                "consumer.group.instance.id", "c", "main.consumer.group.instance.id", "m"))));
        assertEquals("c", InterdictApp.groupInstanceId(props(Map.of("group.instance.id", "p",
                "consumer.group.instance.id", "c"))));
    }

    @Test
    void groupInstanceIdFromTheConfigurationOrTheEnvironmentPassesThroughToStreams() throws Exception {
        InterdictConfig cfg = InterdictConfig.load(null, Map.of("INTERDICT_GROUP_INSTANCE_ID", "interdict-2",
                "INTERDICT_BOOTSTRAP_SERVERS", "localhost:9092"));
        Properties p = InterdictApp.streamsProperties(cfg);
        assertEquals("interdict-2", p.get("group.instance.id"));
        assertEquals(GroupMembershipOperation.REMAIN_IN_GROUP, InterdictApp.membershipOnClose(p));
    }

    private static Properties props(Map<String, String> extra) {
        Properties p = new Properties();
        p.put("application.id", "interdict");
        p.putAll(extra);
        return p;
    }
}
