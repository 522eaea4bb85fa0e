package io.raftpool.conf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigSyntaxTest {

    @TempDir
    Path dir;

    @Test
    void readsEqualsOptionalCommentsAndQuotes() {
        LoadResult r = ConfFiles.load(dir,
                "# a comment",
                "",
                "port 9998",
                "   listen_addresses = '*'   # trailing comment",
                "failover_command = 'echo ''quoted'' \\'also\\' %d'",
                "primary_routing_query_pattern_list = '.*DO.*\\.foo;SELECT \\* FROM x'",
                "pcp_listen_addresses=localhost",
                "num_init_children=+7");
        assertTrue(r.ok(), () -> ConfFiles.problems(r, dir));
        Config c = r.config();
        assertEquals(9998, c.get(Params.PORT));
        assertEquals("*", c.get(Params.LISTEN_ADDRESSES));
        assertEquals("echo 'quoted' 'also' %d", c.get(Params.FAILOVER_COMMAND));
        assertEquals(List.of(".*DO.*\\.foo", "SELECT \\* FROM x"), c.get(Params.PRIMARY_ROUTING_QUERY_PATTERN_LIST));
        assertEquals("localhost", c.get(Params.PCP_LISTEN_ADDRESSES));
        assertEquals(7, c.get(Params.NUM_INIT_CHILDREN));
    }

    @Test
    void laterLinesWin() {
        LoadResult r = ConfFiles.load(dir, "port = 9001", "port = 9002");
        assertEquals(9002, r.config().get(Params.PORT));
        assertEquals(2, r.config().origin(Params.PORT).line());
    }

    @Test
    void includesNestedFilesRelativeToTheIncludingFile() {
        ConfFiles.write(dir, "conf.d/backends.conf", "include 'more/watchdog.conf'", "backend_hostname0 = 'db0'");
        ConfFiles.write(dir, "conf.d/more/watchdog.conf", "wd_priority = 5");
        LoadResult r = ConfFiles.load(dir, "port = 9100", "include = 'conf.d/backends.conf'", "max_pool = 2");
        assertTrue(r.ok(), () -> ConfFiles.problems(r, dir));
        assertEquals("db0", r.config().get(Params.BACKEND_HOSTNAME, 0));
        assertEquals(5, r.config().get(Params.WD_PRIORITY));
        assertEquals(2, r.config().get(Params.MAX_POOL));
        Origin o = r.config().origin(Params.WD_PRIORITY);
        assertEquals(dir.resolve("conf.d/more/watchdog.conf").toAbsolutePath(), o.file());
        assertEquals(1, o.line());
    }

    @Test
    void missingIncludeIsAnErrorAtTheIncludeLine() {
        LoadResult r = ConfFiles.load(dir, "port = 9100", "include 'nope.conf'");
        assertFalse(r.ok());
        assertEquals("pgpool.conf:2: ERROR: cannot read configuration file \"nope.conf\": no such file\n",
                ConfFiles.errors(r, dir));
    }

    @Test
    void includeLoopIsReportedNotFollowedForever() {
        ConfFiles.write(dir, "a.conf", "include 'b.conf'");
        ConfFiles.write(dir, "b.conf", "include 'a.conf'");
        LoadResult r = ConfFiles.load(dir, "include 'a.conf'");
        assertFalse(r.ok());
        assertTrue(ConfFiles.problems(r, dir).contains("includes are nested more than 10 deep (an include loop?)"),
                () -> ConfFiles.problems(r, dir));
    }

    @Test
    void everySyntaxErrorIsReportedWithItsLine() {
        LoadResult r = ConfFiles.load(dir,
                "port = 9999",
                "= 3",
                "listen_addresses = 'unterminated",
                "socket_dir = /tmp extra words",
                "num_init_children =",
                "max_pool = 4");
        assertFalse(r.ok());
        assertEquals("""
                pgpool.conf:2: ERROR: syntax error: expected a parameter name, found '='
                pgpool.conf:3: ERROR: syntax error: the quoted value of "listen_addresses" has no closing quote
                pgpool.conf:4: ERROR: syntax error: unexpected 'extra words' after the value of "socket_dir"; \
                quote values that contain spaces or symbols
                pgpool.conf:5: ERROR: parameter "num_init_children": no value given
                """, ConfFiles.errors(r, dir));
    }
}
