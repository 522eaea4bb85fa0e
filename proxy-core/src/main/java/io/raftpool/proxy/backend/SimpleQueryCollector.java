package io.raftpool.proxy.backend;

import io.netty.buffer.ByteBuf;
import io.raftpool.proxy.protocol.Frames;
import io.raftpool.proxy.protocol.PgException;
import io.raftpool.proxy.protocol.SqlState;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Collects the rows of a simple query until ReadyForQuery, then hands the connection back. */
final class SimpleQueryCollector implements BackendConnection.Receiver {

    private final BackendConnection backend;
    private final BackendConnection.Receiver previous;
    private final CompletableFuture<SimpleQueryResult> result = new CompletableFuture<>();
    private final List<List<String>> rows = new ArrayList<>();
    private String error;

    SimpleQueryCollector(BackendConnection backend, BackendConnection.Receiver previous) {
        this.backend = backend;
        this.previous = previous;
    }

    CompletableFuture<SimpleQueryResult> result() {
        return result;
    }

    @Override
    public void onBackendFrame(BackendConnection from, ByteBuf frame) {
        try {
            switch (Frames.type(frame)) {
                case 'D' -> rows.add(dataRow(frame));
                case Frames.ERROR_RESPONSE -> {
                    if (error == null) {
                        error = Frames.errorMessage(frame);
                    }
                }
                case Frames.READY_FOR_QUERY -> {
                    backend.receiver(previous);
                    result.complete(new SimpleQueryResult(List.copyOf(rows), error));
                }
                default -> {
                }
            }
        } finally {
            frame.release();
        }
    }

    private static List<String> dataRow(ByteBuf frame) {
        ByteBuf p = Frames.payload(frame);
        int n = p.readUnsignedShort();
        List<String> row = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int len = p.readInt();
            row.add(len < 0 ? null : p.readCharSequence(len, StandardCharsets.UTF_8).toString());
        }
        return row;
    }

    @Override
    public void onBackendClosed(BackendConnection from, Throwable cause) {
        backend.receiver(previous);
        result.completeExceptionally(PgException.fatal(SqlState.CONNECTION_FAILURE,
                "backend " + from.node().id() + " closed the connection"
                        + (cause == null ? "" : ": " + cause.getMessage())));
        if (previous != null) {
            previous.onBackendClosed(from, cause);
        }
    }
}
