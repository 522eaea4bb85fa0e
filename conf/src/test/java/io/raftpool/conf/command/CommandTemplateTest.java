package io.raftpool.conf.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class CommandTemplateTest {

    private static final FailoverPlaceholders FAILOVER = new FailoverPlaceholders(1, "db1", 5433, "/data1", 2, "db2",
            0, 0, 5434, "/data2", "db0", 5432);

    @Test
    void placeholdersBecomePositionalArgumentsNeverScriptText() {
        PreparedCommand c = CommandTemplate.of("failover_command",
                "/etc/pgpool2/failover.sh %d %h %p %D %m %H %M %P %r %R %N %S").prepare(FAILOVER.toPlaceholders());
        assertEquals(List.of("/bin/sh", "-c",
                "/etc/pgpool2/failover.sh \"${1}\" \"${2}\" \"${3}\" \"${4}\" \"${5}\" \"${6}\" \"${7}\" \"${8}\" "
                        + "\"${9}\" \"${10}\" \"${11}\" \"${12}\"",
                "failover_command", "1", "db1", "5433", "/data1", "2", "db2", "0", "0", "5434", "/data2", "db0", "5432"),
                c.argv());
        assertEquals("/etc/pgpool2/failover.sh 1 db1 5433 /data1 2 db2 0 0 5434 /data2 db0 5432", c.displayLine());
    }

    @Test
    void repeatedPlaceholderReusesItsArgument() {
        PreparedCommand c = CommandTemplate.of("x", "echo %d-%d").prepare(FAILOVER.toPlaceholders());
        assertEquals(List.of("/bin/sh", "-c", "echo \"${1}\"-\"${1}\"", "x", "1"), c.argv());
    }

    @Test
    void quotingContextsAndLiteralPercent() {
        PreparedCommand c = CommandTemplate.of("if_up_cmd",
                "ip addr add $_IP_$/24 dev eth0 label 'eth0:%%' && echo \"up $_IP_$\" 'at $_IP_$' 100%x")
                .prepare(Placeholders.delegateIp("10.0.0.5"));
        // Pgpool-II replaces only $_IP_$ in these commands: every % stays as written.
        assertEquals("ip addr add \"${1}\"/24 dev eth0 label 'eth0:%%' && echo \"up ${1}\" 'at '\"${1}\"'' 100%x",
                c.argv().get(2));
        assertEquals("ip addr add 10.0.0.5/24 dev eth0 label 'eth0:%%' && echo \"up 10.0.0.5\" 'at 10.0.0.5' 100%x",
                c.displayLine());
    }

    @Test
    void missingValuesAreEmptyAsInPgpool() {
        PreparedCommand c = CommandTemplate.of("x", "echo %P %h").prepare(Placeholders.builder().percent('h', "db1")
                .build());
        assertEquals("", c.argv().get(4));
        assertEquals("db1", c.argv().get(5));
    }

    @Test
    void commandsWithoutPercentPlaceholdersKeepEveryPercent() {
        PreparedCommand c = CommandTemplate.of("wd_escalation_command", "logger \"escalated at $(date +%H:%M)\"")
                .prepare(Placeholders.NONE);
        assertEquals("logger \"escalated at $(date +%H:%M)\"", c.argv().get(2));
    }

    @Test
    void blankTemplateMeansNothingToRun() {
        assertTrue(CommandTemplate.of("failover_command", "  ").isEmpty());
    }
}
