package io.raftpool.proxy.backend;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.raftpool.proxy.auth.AuthFailure;
import io.raftpool.proxy.auth.Md5Password;
import io.raftpool.proxy.auth.ScramClient;
import io.raftpool.proxy.protocol.Buffers;
import io.raftpool.proxy.protocol.Frames;
import io.raftpool.proxy.protocol.Messages;
import io.raftpool.proxy.protocol.PgException;
import io.raftpool.proxy.protocol.SqlState;
import java.util.ArrayList;
import java.util.List;

/**
 * Answers a backend's authentication requests with what the proxy knows of the user's password:
 * trust, clear text, md5 (from the clear text or from pool_passwd's md5 hash) and SCRAM-SHA-256.
 */
final class BackendAuthenticator {

    private static final int OK = 0;
    private static final int CLEARTEXT = 3;
    private static final int MD5 = 5;
    private static final int SASL = 10;
    private static final int SASL_CONTINUE = 11;
    private static final int SASL_FINAL = 12;

    private final BackendCredentials credentials;
    private final String node;
    private ScramClient scram;

    BackendAuthenticator(BackendCredentials credentials, String node) {
        this.credentials = credentials;
        this.node = node;
    }

    /**
     * Handles one Authentication message.
     *
     * @return the reply to send, or null when none is due (AuthenticationOk, SASLFinal)
     */
    ByteBuf handle(ByteBuf frame, ByteBufAllocator alloc) {
        int code = Frames.authenticationCode(frame);
        ByteBuf data = Frames.payload(frame).skipBytes(4);
        try {
            switch (code) {
                case OK:
                    return null;
                case CLEARTEXT:
                    return Messages.passwordMessage(alloc, clearText("password"));
                case MD5: {
                    String secret = credentials.clearText() != null ? credentials.clearText() : credentials.md5Hash();
                    if (secret == null) {
                        throw missingPassword("md5");
                    }
                    byte[] salt = ByteBufUtil.getBytes(data, data.readerIndex(), 4);
                    return Messages.passwordMessage(alloc, Md5Password.response(secret, credentials.user(), salt));
                }
                case SASL: {
                    List<String> mechanisms = new ArrayList<>();
                    while (data.isReadable()) {
                        String m = Buffers.readCString(data);
                        if (m.isEmpty()) {
                            break;
                        }
                        mechanisms.add(m);
                    }
                    String mechanism = ScramClient.selectMechanism(mechanisms);
                    scram = new ScramClient(clearText("SCRAM-SHA-256"));
                    return Messages.saslInitialResponse(alloc, mechanism, scram.clientFirst());
                }
                case SASL_CONTINUE:
                    return Messages.saslResponse(alloc, scram().handleServerFirst(ByteBufUtil.getBytes(data)));
                case SASL_FINAL:
                    scram().handleServerFinal(ByteBufUtil.getBytes(data));
                    return null;
                default:
                    throw PgException.fatal(SqlState.FEATURE_NOT_SUPPORTED, node
                            + " asked for an authentication method raftpool does not support (code " + code + ")");
            }
        } catch (AuthFailure e) {
            throw PgException.fatal(SqlState.INVALID_PASSWORD, node + ": " + e.getMessage());
        }
    }

    private ScramClient scram() {
        if (scram == null) {
            throw PgException.protocolViolation(node + " continued a SASL exchange that was never started");
        }
        return scram;
    }

    private String clearText(String method) {
        if (credentials.clearText() == null) {
            throw missingPassword(method);
        }
        return credentials.clearText();
    }

    private PgException missingPassword(String method) {
        return new PgException(PgException.Severity.FATAL, SqlState.INVALID_AUTHORIZATION_SPECIFICATION,
                node + " asks for " + method + " authentication of user \"" + credentials.user()
                        + "\", but raftpool has no usable password for that user",
                null, "add the user's password to pool_passwd (as TEXT or AES for SCRAM-SHA-256)");
    }
}
