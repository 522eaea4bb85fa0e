package io.raftpool.it.proxy;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A client speaking the PostgreSQL protocol message by message, for what drivers do not send. */
final class RawProtocol {
    private RawProtocol() {
    }

    /** A raw protocol connection through the proxy, past its startup. */
    static Socket loggedIn(int port) throws IOException {
        Socket s = new Socket("127.0.0.1", port);
        s.setSoTimeout(30_000);
        DataOutputStream out = new DataOutputStream(s.getOutputStream());
        byte[] params = "user\0postgres\0database\0postgres\0\0".getBytes(StandardCharsets.US_ASCII);
        out.writeInt(8 + params.length);
        out.writeInt(196608);
        out.write(params);
        out.flush();
        answersUntilReady(new DataInputStream(s.getInputStream()));
        return s;
    }

    /** Parse, Bind (unnamed portal, no parameters), optionally Describe of the portal, and Execute. */
    static void statement(DataOutputStream out, String name, String sql, boolean describe) throws IOException {
        message(out, 'P', name + "\0" + sql + "\0\0\0");
        message(out, 'B', "\0" + name + "\0\0\0\0\0\0\0");
        if (describe) {
            message(out, 'D', "P\0");
        }
        message(out, 'E', "\0\0\0\0\0");
    }

    static void message(DataOutputStream out, char type, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.US_ASCII);
        out.writeByte(type);
        out.writeInt(4 + b.length);
        out.write(b);
    }

    /** The types of the messages up to ReadyForQuery, a DataRow's with its first column, an error's with its text. */
    static List<String> answersUntilReady(DataInputStream in) throws IOException {
        return answersUntil(in, 'Z');
    }

    /** As {@link #answersUntilReady}, up to a message of type last (PortalSuspended 's' after a Flush, say). */
    static List<String> answersUntil(DataInputStream in, char last) throws IOException {
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
            if (type == last) {
                return seen;
            }
        }
    }
}
