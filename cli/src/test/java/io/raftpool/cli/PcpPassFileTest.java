package io.raftpool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PcpPassFileTest {

    @TempDir
    Path dir;

    private final StringWriter warnings = new StringWriter();

    private String lookup(String text, String host, int port, String user) throws IOException {
        Path file = Files.writeString(dir.resolve("pcppass"), text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        Optional<char[]> found = PcpPassFile.lookup(file, host, port, user, new PrintWriter(warnings, true));
        return found.map(String::new).orElse(null);
    }

    @Test
    void theFirstMatchingLineWins() throws IOException {
        String text = "db1:9898:admin:one\nlocalhost:9898:admin:two\n*:*:admin:three\n*:*:*:four\n";
        assertEquals("two", lookup(text, "localhost", 9898, "admin"));
        assertEquals("three", lookup(text, "localhost", 9999, "admin"));
        assertEquals("four", lookup(text, "localhost", 9898, "bob"));
        assertEquals("one", lookup(text, "db1", 9898, "admin"));
    }

    @Test
    void noMatchingLineIsNoPassword() throws IOException {
        assertEquals(null, lookup("db1:9898:admin:one\n", "db2", 9898, "admin"));
        assertEquals(null, lookup("localhost:9898:admin\n", "localhost", 9898, "admin"));
        assertEquals(null, lookup("", "localhost", 9898, "admin"));
    }

    @Test
    void backslashEscapesColonsAndBackslashes() throws IOException {
        assertEquals("a:b\\c", lookup("localhost:9898:admin:a\\:b\\\\c\n", "localhost", 9898, "admin"));
        assertEquals("x", lookup("local\\host:9898:ad\\:min:x\n", "localhost", 9898, "ad:min"));
    }

    @Test
    void anEscapedStarIsNotAWildcard() throws IOException {
        assertEquals(null, lookup("\\*:9898:admin:x\n", "localhost", 9898, "admin"));
        assertEquals("x", lookup("\\*:9898:admin:x\n", "*", 9898, "admin"));
        assertEquals(null, lookup("*x:9898:admin:x\n", "localhost", 9898, "admin"));
    }

    @Test
    void thePasswordEndsAtAnUnescapedColonOrTheLineEnd() throws IOException {
        assertEquals("pw", lookup("*:*:*:pw:ignored\n", "h", 1, "u"));
        assertEquals("pw", lookup("*:*:*:pw\r\n", "h", 1, "u"));
        assertEquals("", lookup("*:*:*:\n", "h", 1, "u"));
    }

    @Test
    void aFileOthersCanReadIsIgnored() throws IOException {
        Path file = Files.writeString(dir.resolve("open"), "*:*:*:pw\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        assertTrue(PcpPassFile.lookup(file, "h", 1, "u", new PrintWriter(warnings, true)).isEmpty());
        assertTrue(warnings.toString().contains("has group or world access"), warnings.toString());
    }

    @Test
    void aMissingFileIsSilentAndADirectoryIsAWarning() {
        assertTrue(PcpPassFile.lookup(dir.resolve("none"), "h", 1, "u", new PrintWriter(warnings, true)).isEmpty());
        assertEquals("", warnings.toString());
        assertTrue(PcpPassFile.lookup(dir, "h", 1, "u", new PrintWriter(warnings, true)).isEmpty());
        assertTrue(warnings.toString().contains("is not a plain file"), warnings.toString());
    }

    @Test
    void pcppassfileNamesTheFileElseTheHomeDirectory() {
        assertEquals(Path.of("/etc/raftpool/pcppass"), PcpPassFile.defaultFile(Map.of("PCPPASSFILE",
                "/etc/raftpool/pcppass")));
        assertEquals(Path.of(System.getProperty("user.home"), ".pcppass"), PcpPassFile.defaultFile(Map.of()));
        assertEquals(Path.of(System.getProperty("user.home"), ".pcppass"),
                PcpPassFile.defaultFile(Map.of("PCPPASSFILE", "")));
    }
}
