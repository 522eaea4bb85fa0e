package io.raftpool.it.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A PGPOOL command sent with the extended protocol behind Close messages for earlier statements (as pgjdbc
 * sends the Close of a statement it has dropped in front of its next request) is still answered by the
 * proxy, message by message, and the session goes on.
 */
class AdminCommandBatchIT {

    @RegisterExtension
    static final ProxyClusterExtension proxy = ProxyClusterExtension.withStandbys(0, pg -> "");

    @Test
    void aPgpoolCommandBehindCloseMessagesIsAnsweredByTheProxy() throws IOException {
        try (Socket s = new Socket("127.0.0.1", proxy.raftpool().port())) {
            s.setSoTimeout(30_000);
            DataOutputStream out = new DataOutputStream(s.getOutputStream());
            DataInputStream in = new DataInputStream(s.getInputStream());
            byte[] params = "user\0postgres\0database\0postgres\0\0".getBytes(StandardCharsets.US_ASCII);
            out.writeInt(8 + params.length);
            out.writeInt(196608);
            out.write(params);
            out.flush();
            answersUntilReady(in);

            for (String name : List.of("S_1", "S_2", "S_3")) {
                message(out, 'C', "S" + name + "\0");
            }
            message(out, 'P', "S_4\0PGPOOL SHOW port\0\0\0");
            message(out, 'B', "\0S_4\0\0\0\0\0\0\0");
            message(out, 'D', "P\0");
            message(out, 'E', "\0\0\0\0\0");
            message(out, 'S', "");
            out.flush();
            assertEquals(List.of("3", "3", "3", "1", "2", "T", "D " + proxy.raftpool().port(), "C", "Z"),
                    answersUntilReady(in), "CloseComplete x3, ParseComplete, BindComplete, the row, ReadyForQuery");

            message(out, 'Q', "SELECT 40 + 2\0");
            out.flush();
            assertEquals(List.of("T", "D 42", "C", "Z"), answersUntilReady(in), "the session goes on");
        }
    }

    private static void message(DataOutputStream out, char type, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.US_ASCII);
        out.writeByte(type);
        out.writeInt(4 + b.length);
        out.write(b);
    }

    /** The types of the messages up to ReadyForQuery, a DataRow's with its first column, an error's with its text. */
    private static List<String> answersUntilReady(DataInputStream in) throws IOException {
        List<String> seen = new ArrayList<>();
        while (true) {
            char type = (char) in.readUnsignedByte();
            byte[] body = in.readNBytes(in.readInt() - 4);
            if (type == 'D') {
                int len = ((body[2] & 0xff) << 24) | ((body[3] & 0xff) << 16) | ((body[4] & 0xff) << 8) | (body[5] & 0xff);
                seen.add("D " + new String(body, 6, len, StandardCharsets.UTF_8));
            } else if (type == 'E') {
                seen.add("E " + new String(body, StandardCharsets.UTF_8).replace('\0', '|'));
            } else if (type != 'S' && type != 'K' && type != 'R' && type != 'N') {
                seen.add(String.valueOf(type));
            }
            if (type == 'Z') {
                return seen;
            }
        }
    }
}
