package io.raftpool.conf.pcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.raftpool.conf.ConfigProblem;

class PcpConfFileTest {
    private static final Path NAME = Path.of("pcp.conf");
    private static final Path SAMPLE = Path.of("/usr/share/doc/pgpool2/examples/pcp.conf.sample");
    private static final Path PG_MD5 = Path.of("/usr/sbin/pg_md5");
    /** md5("secret"). */
    private static final String SECRET_MD5 = "5ebe2294ecd0e0f08eab7690d2a6ee69";

    private static List<String> messages(String text) {
        return PcpConfFile.parse(text, NAME).problems().stream().map(ConfigProblem::toString).toList();
    }

    @Test
    void readsPgpoolsOwnSampleWithoutProblems() {
        assumeTrue(Files.isReadable(SAMPLE), "Pgpool-II's sample pcp.conf is not installed");
        PcpConfLoadResult result = PcpConfFile.load(SAMPLE);
        assertEquals(List.of(), result.problems());
        assertEquals(Set.of(), result.orThrow().userNames());
    }

    @Test
    void authenticatesWithTheMd5OfThePassword() {
        PcpConfLoadResult result = PcpConfFile.parse("# PCP users\n\npgpool:" + SECRET_MD5 + "\nops:"
                + SECRET_MD5.toUpperCase() + "\n", NAME);
        assertEquals(List.of("pcp.conf:4: WARNING: user \"ops\": the hash has upper-case hex digits; raftpool accepts"
                + " them, but Pgpool-II compares them as written and would refuse every password"),
                result.problems().stream().map(ConfigProblem::toString).toList());
        PcpUsers users = result.orThrow();
        assertEquals(List.of("pgpool", "ops"), List.copyOf(users.userNames()));
        assertTrue(users.authenticate("pgpool", "secret"));
        assertTrue(users.authenticate("ops", "secret".toCharArray()));
        assertFalse(users.authenticate("pgpool", "Secret"));
        assertFalse(users.authenticate("pgpool", ""));
        assertFalse(users.authenticate("nobody", "secret"));
        assertFalse(users.authenticate("PGPOOL", "secret"));
        assertEquals("PcpUsers[pgpool, ops]", users.toString());
    }

    @Test
    void aUserListedTwiceAcceptsEitherPasswordAsInPgpool() {
        String other = "795f3202b17cb6bc3d4b771d8c6c9eaf"; // md5("other")
        PcpConfLoadResult result = PcpConfFile.parse("admin:" + SECRET_MD5 + "\nadmin:" + other + "\n", NAME);
        assertEquals(List.of("pcp.conf:2: WARNING: user \"admin\": already defined on line 1; as in Pgpool-II, the"
                + " password of either line is accepted"), result.problems().stream().map(ConfigProblem::toString).toList());
        assertTrue(result.orThrow().authenticate("admin", "secret"));
        assertTrue(result.orThrow().authenticate("admin", "other"));
        assertFalse(result.orThrow().authenticate("admin", "third"));
    }

    @Test
    void reportsEveryProblemWithoutEchoingTheHashField() {
        String text = String.join("\n",
                "postgres",
                ":" + SECRET_MD5,
                "bob:secret",
                "carol:" + SECRET_MD5 + " ",
                "  # indented comment",
                " dave:" + SECRET_MD5,
                "erin:" + SECRET_MD5.replace('e', 'g'),
                "u".repeat(129) + ":" + SECRET_MD5,
                "");
        List<String> messages = messages(text);
        assertEquals(List.of(
                "pcp.conf:1: ERROR: no ':' on this line; each line is user:md5-of-password, the hash as pg_md5"
                        + " prints it",
                "pcp.conf:2: ERROR: the user name before ':' is empty; each line is user:md5-of-password",
                "pcp.conf:3: ERROR: user \"bob\": the password must be given as 32 hex digits, the MD5 that pg_md5"
                        + " prints for it; found 6 characters",
                "pcp.conf:4: ERROR: user \"carol\": the password must be given as 32 hex digits, the MD5 that pg_md5"
                        + " prints for it; found 33 characters (it has blanks at its start or end)",
                "pcp.conf:5: ERROR: the line starts with a space or tab, which pcp.conf does not allow (Pgpool-II"
                        + " would make it part of the user name; a comment's # must be the first character)",
                "pcp.conf:6: ERROR: the line starts with a space or tab, which pcp.conf does not allow (Pgpool-II"
                        + " would make it part of the user name; a comment's # must be the first character)",
                "pcp.conf:7: ERROR: user \"erin\": the password must be given as 32 hex digits, the MD5 that pg_md5"
                        + " prints for it; found 32 characters",
                "pcp.conf:8: ERROR: user \"uuuuuuuuuuuuuuuuuuuu...\": the user name is 129 characters long;"
                        + " Pgpool-II allows at most 128"),
                messages);
        assertFalse(messages.toString().contains("secret"));
        assertNull(PcpConfFile.parse(text, NAME).users());
    }

    @Test
    void windowsLineEndingsAreReportedOnce() {
        PcpConfLoadResult result = PcpConfFile.parse("a:" + SECRET_MD5 + "\r\nb:" + SECRET_MD5 + "\r\n", NAME);
        assertEquals(List.of("pcp.conf:1: WARNING: the line ends with CR LF (Windows line endings); raftpool ignores"
                + " the CR on every line, but Pgpool-II would take it as part of the hash and refuse every password"),
                result.problems().stream().map(ConfigProblem::toString).toList());
        assertTrue(result.orThrow().authenticate("b", "secret"));
    }

    @Test
    void anUnreadableFileIsOneProblem(@TempDir Path dir) {
        Path missing = dir.resolve("pcp.conf");
        assertEquals(List.of(missing + ": ERROR: cannot read pcp.conf \"" + missing + "\": no such file"),
                PcpConfFile.load(missing).problems().stream().map(ConfigProblem::toString).toList());
    }

    @Test
    void anEntryMadeWithPgMd5Authenticates(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(PG_MD5), "Pgpool-II's pg_md5 is not installed");
        String password = "pcp pass: with colon & spaces";
        Process process = new ProcessBuilder(PG_MD5.toString(), password).redirectErrorStream(true).start();
        process.getOutputStream().close();
        List<String> output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "pg_md5 did not finish");
        assertEquals(0, process.exitValue(), String.join("\n", output));
        Path file = dir.resolve("pcp.conf");
        Files.writeString(file, "# made with pg_md5\npcpadmin:" + output.get(output.size() - 1) + "\n");
        PcpConfLoadResult result = PcpConfFile.load(file);
        assertEquals(List.of(), result.problems());
        assertTrue(result.orThrow().authenticate("pcpadmin", password));
        assertFalse(result.orThrow().authenticate("pcpadmin", password + " "));
    }
}
