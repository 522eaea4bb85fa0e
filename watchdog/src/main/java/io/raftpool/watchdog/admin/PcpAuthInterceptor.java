package io.raftpool.watchdog.admin;

import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.raftpool.conf.pcp.PcpUsers;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets a call through only when its metadata carries a pcp.conf user and that user's password. A refused
 * call ends with UNAUTHENTICATED before the service sees it; the refusal is logged with the user name and
 * the peer's address, never with the password.
 */
final class PcpAuthInterceptor implements ServerInterceptor {
    private static final Logger LOG = LoggerFactory.getLogger(PcpAuthInterceptor.class);

    private final Supplier<PcpUsers> users;

    PcpAuthInterceptor(Supplier<PcpUsers> users) {
        this.users = users;
    }

    @Override
    public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers,
            ServerCallHandler<Q, A> next) {
        String refusal = check(headers);
        if (refusal == null) {
            return next.startCall(call, headers);
        }
        SocketAddress peer = call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR);
        LOG.warn("admin API: {} (from {}, calling {})", refusal, peer, call.getMethodDescriptor().getBareMethodName());
        call.close(Status.UNAUTHENTICATED.withDescription(refusal), new Metadata());
        return new ServerCall.Listener<>() {
        };
    }

    /** Why the headers do not authenticate, or null when they do. */
    private String check(Metadata headers) {
        byte[] user = headers.get(AdminMetadata.USER);
        if (user == null || user.length == 0) {
            return "authentication failed: no user name given";
        }
        String name = AdminMetadata.utf8(user);
        String shown = "authentication failed for user \"" + AdminMetadata.printable(name) + "\"";
        byte[] password = headers.get(AdminMetadata.PASSWORD);
        if (password == null) {
            return shown + ": no password given";
        }
        char[] chars = decode(password);
        Arrays.fill(password, (byte) 0);
        if (chars == null) {
            return shown + ": the password is not valid UTF-8";
        }
        try {
            PcpUsers current = users.get();
            if (current == null || !current.authenticate(name, chars)) {
                return shown + ": user name and/or password does not match";
            }
            return null;
        } finally {
            Arrays.fill(chars, '\0');
        }
    }

    private static char[] decode(byte[] utf8) {
        try {
            CharBuffer decoded = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(utf8));
            char[] chars = Arrays.copyOf(decoded.array(), decoded.limit());
            Arrays.fill(decoded.array(), '\0');
            return chars;
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
