package io.raftpool.proxy.clientauth;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.raftpool.conf.hba.AuthMethod;
import io.raftpool.proxy.auth.AuthFailure;
import io.raftpool.proxy.auth.Md5Password;
import io.raftpool.proxy.auth.ScramServer;
import io.raftpool.proxy.backend.BackendCredentials;
import io.raftpool.proxy.protocol.Buffers;
import io.raftpool.proxy.protocol.Frames;
import io.raftpool.proxy.protocol.Messages;
import io.raftpool.proxy.protocol.PgException;
import io.raftpool.proxy.protocol.SqlState;
import io.raftpool.proxy.session.AuthExchange;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client's password exchange: clear text, md5 or SCRAM-SHA-256, checked against pool_passwd. A wrong
 * password gets PostgreSQL's own 28P01 error, which does not say what failed; the reason is logged.
 */
final class PasswordExchange implements AuthExchange {

    private static final Logger LOG = LoggerFactory.getLogger(PasswordExchange.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private enum Step { CLEAR_TEXT, MD5, SCRAM_FIRST, SCRAM_FINAL, DONE }

    private final CompletableFuture<BackendCredentials> result = new CompletableFuture<>();
    private final Channel client;
    private final String user;
    private final StoredPassword stored;
    private Step step;
    private byte[] salt;
    private ScramServer scram;

    private PasswordExchange(Channel client, String user, StoredPassword stored) {
        this.client = client;
        this.user = user;
        this.stored = stored;
    }

    static AuthExchange failed(PgException e) {
        PasswordExchange x = new PasswordExchange(null, null, null);
        x.result.completeExceptionally(e);
        x.step = Step.DONE;
        return x;
    }

    static AuthExchange start(Channel client, String user, AuthMethod method, StoredPassword stored,
            boolean allowClearText) {
        PasswordExchange x = new PasswordExchange(client, user, stored);
        x.begin(method, allowClearText);
        return x;
    }

    private void begin(AuthMethod method, boolean allowClearText) {
        switch (method) {
            case TRUST -> {
                step = Step.DONE;
                result.complete(stored.credentials(null));
            }
            case PASSWORD -> askClearText();
            case MD5 -> {
                if (stored.md5() != null) {
                    step = Step.MD5;
                    salt = new byte[Md5Password.SALT_LENGTH];
                    RANDOM.nextBytes(salt);
                    client.writeAndFlush(Messages.authenticationMd5(client.alloc(), salt));
                } else {
                    fallBack(allowClearText, "md5", stored.exists()
                            ? "its pool_passwd entry is a SCRAM verifier, which cannot check an md5 response"
                            : "pool_passwd has no entry for the user");
                }
            }
            case SCRAM_SHA_256 -> {
                if (stored.clearText() != null || stored.scramVerifier() != null) {
                    scram = stored.clearText() != null ? ScramServer.forPassword(stored.clearText())
                            : new ScramServer(stored.scramVerifier());
                    step = Step.SCRAM_FIRST;
                    byte[] mechanisms = (ScramServer.MECHANISM + "\0\0").getBytes(StandardCharsets.UTF_8);
                    client.writeAndFlush(Messages.authenticationSasl(client.alloc(), 10, mechanisms));
                } else {
                    fallBack(allowClearText, "scram-sha-256", stored.exists()
                            ? "its pool_passwd entry is an md5 hash, which cannot serve SCRAM"
                            : "pool_passwd has no entry for the user");
                }
            }
            default -> fail(PgException.fatal(SqlState.FEATURE_NOT_SUPPORTED, "authentication method \""
                    + method.keyword() + "\" is not supported by raftpool"));
        }
    }

    private void fallBack(boolean allowClearText, String method, String why) {
        if (allowClearText && !stored.exists()) {
            askClearText();
            return;
        }
        LOG.info("{} authentication of user \"{}\" is impossible: {}", method, user, why);
        fail(PgException.fatal(SqlState.INVALID_PASSWORD, AuthFailure.passwordFailedMessage(user)));
    }

    private void askClearText() {
        step = Step.CLEAR_TEXT;
        client.writeAndFlush(Messages.authentication(client.alloc(), 3));
    }

    @Override
    public CompletableFuture<BackendCredentials> result() {
        return result;
    }

    @Override
    public void onPasswordMessage(ByteBuf frame) {
        try {
            ByteBuf payload = Frames.payload(frame);
            switch (step) {
                case CLEAR_TEXT -> clearText(Buffers.readCString(payload));
                case MD5 -> {
                    if (Md5Password.verify(stored.md5(), user, salt, Buffers.readCString(payload))) {
                        succeed(stored.credentials(null));
                    } else {
                        wrongPassword("md5 response does not match pool_passwd");
                    }
                }
                case SCRAM_FIRST -> {
                    String mechanism = Buffers.readCString(payload);
                    int length = payload.readInt();
                    if (length < 0 || length > payload.readableBytes()) {
                        throw PgException.protocolViolation("malformed SASLInitialResponse message");
                    }
                    byte[] serverFirst = scram.handleClientFirst(mechanism, ByteBufUtil.getBytes(payload, payload.readerIndex(), length));
                    step = Step.SCRAM_FINAL;
                    client.writeAndFlush(Messages.authenticationSasl(client.alloc(), 11, serverFirst));
                }
                case SCRAM_FINAL -> {
                    byte[] serverFinal = scram.handleClientFinal(ByteBufUtil.getBytes(payload));
                    client.write(Messages.authenticationSasl(client.alloc(), 12, serverFinal));
                    succeed(stored.credentials(null));
                }
                default -> throw PgException.protocolViolation("unexpected password message");
            }
        } catch (AuthFailure e) {
            if (e.kind() == AuthFailure.Kind.INVALID_PASSWORD) {
                wrongPassword("SCRAM proof does not match pool_passwd");
            } else {
                fail(new PgException(PgException.Severity.FATAL, e.sqlState(), e.primaryMessage(), e.detail(), null));
            }
        } catch (PgException e) {
            fail(e);
        } catch (IndexOutOfBoundsException e) {
            fail(PgException.protocolViolation("malformed password message"));
        } finally {
            frame.release();
        }
    }

    private void clearText(String password) {
        if (!stored.exists()) {
            succeed(stored.credentials(password));
            return;
        }
        boolean ok;
        if (stored.clearText() != null) {
            ok = MessageDigest.isEqual(stored.clearText().getBytes(StandardCharsets.UTF_8),
                    password.getBytes(StandardCharsets.UTF_8));
        } else if (stored.scramVerifier() != null) {
            ok = stored.scramVerifier().matchesPassword(password);
        } else {
            ok = MessageDigest.isEqual(stored.md5().getBytes(StandardCharsets.UTF_8),
                    Md5Password.encrypt(password, user).getBytes(StandardCharsets.UTF_8));
        }
        if (ok) {
            succeed(stored.credentials(password));
        } else {
            wrongPassword("clear-text password does not match pool_passwd");
        }
    }

    private void wrongPassword(String why) {
        LOG.info("authentication of user \"{}\" failed: {}", user, why);
        fail(PgException.fatal(SqlState.INVALID_PASSWORD, AuthFailure.passwordFailedMessage(user)));
    }

    private void succeed(BackendCredentials credentials) {
        step = Step.DONE;
        result.complete(credentials);
    }

    private void fail(PgException e) {
        step = Step.DONE;
        result.completeExceptionally(e);
    }
}
