package io.raftpool.proxy;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;

/** The two steps every fake PostgreSQL server in these tests takes, on a socket it accepted. */
public final class FakeBackend {

    private static final byte[] LOGIN_OK = {'R', 0, 0, 0, 8, 0, 0, 0, 0, 'Z', 0, 0, 0, 5, 'I'};

    private FakeBackend() {
    }

    /** Reads the client's startup packet; returns the stream to read its next messages from. */
    public static DataInputStream readStartup(Socket s) throws IOException {
        DataInputStream in = new DataInputStream(s.getInputStream());
        in.readFully(new byte[in.readInt() - 4]);
        return in;
    }

    /** Logs the client in: AuthenticationOk, then ReadyForQuery (idle); returns the stream to answer on. */
    public static OutputStream logIn(Socket s) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(LOGIN_OK);
        out.flush();
        return out;
    }
}
