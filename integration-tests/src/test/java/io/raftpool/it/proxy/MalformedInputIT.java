package io.raftpool.it.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Malformed protocol input gets a FATAL 08P01 error naming the problem; other sessions carry on. */
class MalformedInputIT {

    @RegisterExtension
    static final ProxyClusterExtension proxy = ProxyClusterExtension.withStandbys(1,
            pg -> "max_message_size = 16kB\nmax_startup_packet_size = 2000\n");

    /** The SQLSTATE and message of the first ErrorResponse the server sends, or null if it sends none. */
    private static String[] firstError(DataInputStream in) throws IOException {
        try {
            while (true) {
                int type = in.readUnsignedByte();
                int len = in.readInt();
                byte[] body = in.readNBytes(len - 4);
                if (type == 'E') {
                    String code = null;
                    String message = null;
                    int i = 0;
                    while (i < body.length && body[i] != 0) {
                        char field = (char) body[i++];
                        int end = i;
                        while (body[end] != 0) {
                            end++;
                        }
                        String value = new String(body, i, end - i, StandardCharsets.UTF_8);
                        if (field == 'C') {
                            code = value;
                        } else if (field == 'M') {
                            message = value;
                        }
                        i = end + 1;
                    }
                    return new String[] {code, message};
                }
            }
        } catch (EOFException e) {
            return null;
        }
    }

    private static Socket open() throws IOException {
        Socket s = new Socket("127.0.0.1", proxy.raftpool().port());
        s.setSoTimeout(30_000);
        return s;
    }

    private static void startup(DataOutputStream out) throws IOException {
        byte[] params = "user\0postgres\0database\0postgres\0\0".getBytes(StandardCharsets.US_ASCII);
        out.writeInt(8 + params.length);
        out.writeInt(196608);
        out.write(params);
        out.flush();
    }

    private static void readUntilReady(DataInputStream in) throws IOException {
        while (true) {
            int type = in.readUnsignedByte();
            int len = in.readInt();
            in.readNBytes(len - 4);
            if (type == 'Z') {
                return;
            }
        }
    }

    interface Bytes {
        void write(DataOutputStream out) throws IOException;
    }

    /** Logs in, sends the bytes, and returns the error the server answers with. */
    private static String[] afterStartup(Bytes bytes) throws IOException {
        try (Socket s = open()) {
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            DataInputStream in = new DataInputStream(s.getInputStream());
            startup(out);
            readUntilReady(in);
            bytes.write(out);
            out.flush();
            return firstError(in);
        }
    }

    @Test
    void badMessagesGetAReadableErrorAndOtherSessionsCarryOn() throws Exception {
        try (Connection bystander = DriverManager.getConnection(proxy.raftpool().jdbcUrl("postgres"), "postgres", "")) {
            try (Socket s = open()) {
                DataOutputStream out = new DataOutputStream(s.getOutputStream());
                out.writeInt(99_999_999);
                out.writeInt(196608);
                out.flush();
                String[] e = firstError(new DataInputStream(s.getInputStream()));
                assertEquals("08P01", e[0]);
                assertTrue(e[1].startsWith("invalid length of startup packet"), e[1]);
            }
            String[] e = afterStartup(out -> {
                out.writeByte('Q');
                out.writeInt(2);
            });
            assertEquals("08P01", e[0]);
            assertTrue(e[1].contains("invalid message length 2"), e[1]);
            e = afterStartup(out -> {
                out.writeByte('y');
                out.writeInt(4);
            });
            assertEquals("08P01", e[0]);
            assertEquals("invalid frontend message type 'y'", e[1]);
            e = afterStartup(out -> {
                byte[] noTerminator = "SELECT 1".getBytes(StandardCharsets.US_ASCII);
                out.writeByte('Q');
                out.writeInt(4 + noTerminator.length);
                out.write(noTerminator);
            });
            assertEquals("08P01", e[0]);
            assertTrue(e[1].contains("missing terminator"), e[1]);
            try (ResultSet rs = bystander.createStatement().executeQuery("SELECT 'unaffected'")) {
                rs.next();
                assertEquals("unaffected", rs.getString(1));
            }
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    /** max_message_size and max_startup_packet_size: what is over them is refused, naming the limit; what is under passes. */
    @Test
    void theSizeLimitsComeFromTheConfiguration() throws Exception {
        String[] e = afterStartup(out -> {
            byte[] sql = ("SELECT '" + "x".repeat(20_000) + "'\0").getBytes(StandardCharsets.US_ASCII);
            out.writeByte('Q');
            out.writeInt(4 + sql.length);
            out.write(sql);
        });
        assertEquals("08P01", e[0]);
        assertTrue(e[1].contains("over the limit of 16384 bytes (max_message_size)"), e[1]);
        try (Socket s = open()) {
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            byte[] params = ("user\0postgres\0database\0postgres\0application_name\0" + "a".repeat(3000) + "\0\0")
                    .getBytes(StandardCharsets.US_ASCII);
            out.writeInt(8 + params.length);
            out.writeInt(196608);
            out.write(params);
            out.flush();
            e = firstError(new DataInputStream(s.getInputStream()));
            assertEquals("08P01", e[0]);
            assertTrue(e[1].contains("allowed: 8 to 2000 bytes, max_startup_packet_size"), e[1]);
        }
        String under = "y".repeat(10_000);
        try (Connection c = DriverManager.getConnection(proxy.raftpool().jdbcUrl("postgres"), "postgres", "");
                ResultSet rs = c.createStatement().executeQuery("SELECT '" + under + "'")) {
            rs.next();
            assertEquals(under, rs.getString(1), "a 10 kB query and its 10 kB row pass under a 16 kB limit");
        }
    }
}
