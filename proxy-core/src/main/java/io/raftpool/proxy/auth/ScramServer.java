package io.raftpool.proxy.auth;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * The server side of SCRAM-SHA-256 (RFC 5802, RFC 7677) as PostgreSQL runs it, for the proxy authenticating a client:
 * after AuthenticationSASL offering {@link #mechanisms()}, feed it the SASLInitialResponse
 * ({@link #handleClientFirst}) and send its answer in AuthenticationSASLContinue, then feed it the SASLResponse
 * ({@link #handleClientFinal}) and send its answer in AuthenticationSASLFinal, followed by AuthenticationOk.
 *
 * <p>Like PostgreSQL without SSL, it offers no channel binding: a client asking for it ({@code p=} flag, or the
 * SCRAM-SHA-256-PLUS mechanism) is refused with PostgreSQL's error, while {@code n,,} and {@code y,,} are accepted.
 * The user name in client-first-message is ignored (PostgreSQL uses the startup packet's). A wrong proof gives
 * {@link AuthFailure.Kind#INVALID_PASSWORD} and nothing more; the proof is compared in constant time.
 *
 * <p>One instance serves one exchange; it is not thread-safe. Calling a step out of order, or again after a failure,
 * is a programming error and throws {@link IllegalStateException}.
 */
public final class ScramServer {
    /** The one SASL mechanism offered. */
    public static final String MECHANISM = "SCRAM-SHA-256";

    private enum Step { AWAITING_CLIENT_FIRST, AWAITING_CLIENT_FINAL, AUTHENTICATED, FAILED }

    private final ScramVerifier verifier;
    private final Supplier<String> serverNonces;
    private Step step = Step.AWAITING_CLIENT_FIRST;
    private char channelBindingFlag;
    private String clientFirstBare;
    private String serverFirst;
    private String nonce;

    /** A server checking clients against a stored verifier (e.g. from pool_passwd). */
    public ScramServer(ScramVerifier verifier) {
        this(verifier, ScramCrypto::randomNonce);
    }

    /** For tests: a server whose nonce suffixes come from {@code serverNonces} (printable, no comma). */
    ScramServer(ScramVerifier verifier, Supplier<String> serverNonces) {
        this.verifier = Objects.requireNonNull(verifier, "verifier");
        this.serverNonces = Objects.requireNonNull(serverNonces, "serverNonces");
    }

    /**
     * A server for a user whose clear-text password is known: it derives a verifier with a random salt and
     * {@value ScramVerifier#DEFAULT_ITERATIONS} iterations, as Pgpool-II does.
     */
    public static ScramServer forPassword(String password) {
        return new ScramServer(ScramVerifier.fromPassword(password));
    }

    /** The mechanism names for AuthenticationSASL: {@code SCRAM-SHA-256}. */
    public String mechanisms() {
        return MECHANISM;
    }

    /**
     * Handles SASLInitialResponse.
     *
     * <p>A SASLInitialResponse without data (length -1) is passed as {@code null}: as PostgreSQL does, the answer is
     * then an empty challenge, and the client's next SASLResponse carries client-first-message, to be passed to this
     * method again with the same mechanism.
     *
     * @param mechanism the mechanism the client selected
     * @param clientFirstMessage the initial response data, e.g. {@code n,,n=,r=<client nonce>}, or {@code null}
     * @return server-first-message, for AuthenticationSASLContinue (empty if {@code clientFirstMessage} was null)
     * @throws AuthFailure if the mechanism or message is not acceptable (PostgreSQL's error, safe to send)
     * @throws IllegalStateException if this is not the first step
     */
    public byte[] handleClientFirst(String mechanism, byte[] clientFirstMessage) throws AuthFailure {
        enter(Step.AWAITING_CLIENT_FIRST);
        if (!MECHANISM.equals(mechanism)) {
            throw AuthFailure.protocolViolation("client selected an invalid SASL authentication mechanism", null);
        }
        if (clientFirstMessage == null) {
            step = Step.AWAITING_CLIENT_FIRST;
            return new byte[0];
        }
        ScramMessageReader in = ScramMessageReader.of(clientFirstMessage);
        channelBindingFlag = readGs2Header(in);
        int bareStart = in.position();
        if (in.peek() == 'm') {
            throw AuthFailure.featureNotSupported("client requires an unsupported SCRAM extension");
        }
        in.read('n'); // the user name: ignored, as PostgreSQL does
        String clientNonce = in.read('r');
        if (!ScramMessageReader.isPrintable(clientNonce)) {
            throw AuthFailure.protocolViolation("non-printable characters in SCRAM nonce", null);
        }
        while (!in.atEnd()) {
            in.readAny(); // optional extensions: none is supported, all are ignored
        }
        clientFirstBare = in.from(bareStart);
        nonce = clientNonce + serverNonces.get();
        serverFirst = "r=" + nonce + ",s=" + ScramCrypto.base64(verifier.salt()) + ",i=" + verifier.iterations();
        step = Step.AWAITING_CLIENT_FINAL;
        return ScramCrypto.ascii(serverFirst);
    }

    /**
     * Handles SASLResponse: checks the client's proof.
     *
     * @param clientFinalMessage {@code c=<gs2 header b64>,r=<nonce>,p=<proof>}
     * @return server-final-message {@code v=<server signature>}, for AuthenticationSASLFinal
     * @throws AuthFailure {@link AuthFailure.Kind#INVALID_PASSWORD} if the proof is wrong; a protocol violation if
     *     the message is malformed or its nonce is not the one of this exchange
     * @throws IllegalStateException if {@link #handleClientFirst} has not succeeded just before
     */
    public byte[] handleClientFinal(byte[] clientFinalMessage) throws AuthFailure {
        enter(Step.AWAITING_CLIENT_FINAL);
        ScramMessageReader in = ScramMessageReader.of(clientFinalMessage);
        String channelBinding = in.read('c');
        if (!channelBinding.equals(channelBindingFlag == 'y' ? "eSws" : "biws")) { // base64 of "y,," or "n,,"
            throw AuthFailure.protocolViolation(
                    "unexpected SCRAM channel-binding attribute in client-final-message", null);
        }
        String finalNonce = in.read('r');
        int proofStart;
        ScramMessageReader.Attribute attribute;
        do {
            proofStart = in.position();
            attribute = in.readAny(); // optional extensions come before the proof
        } while (attribute.name() != 'p');
        byte[] proof = ScramCrypto.decodeBase64OrNull(attribute.value());
        if (proof == null || proof.length != ScramCrypto.KEY_LENGTH) {
            throw AuthFailure.malformed("Malformed proof in client-final-message.");
        }
        if (!in.atEnd()) {
            throw AuthFailure.malformed("Garbage found at the end of client-final-message.");
        }
        if (!finalNonce.equals(nonce)) {
            throw AuthFailure.protocolViolation("invalid SCRAM response", "Nonce does not match.");
        }
        byte[] authMessage = ScramCrypto.ascii(
                clientFirstBare + "," + serverFirst + "," + in.slice(0, proofStart - 1));
        byte[] clientSignature = ScramCrypto.hmac(verifier.storedKey(), authMessage);
        byte[] clientKey = ScramCrypto.xor(proof, clientSignature);
        if (!ScramCrypto.constantTimeEquals(ScramCrypto.sha256(clientKey), verifier.storedKey())) {
            throw AuthFailure.invalidPassword();
        }
        byte[] serverSignature = ScramCrypto.hmac(verifier.serverKey(), authMessage);
        step = Step.AUTHENTICATED;
        return ScramCrypto.ascii("v=" + ScramCrypto.base64(serverSignature));
    }

    /** Whether the client has proved that it knows the password. */
    public boolean isAuthenticated() {
        return step == Step.AUTHENTICATED;
    }

    /** The gs2 header: flag "n" or "y", no authzid. Returns the flag. */
    private static char readGs2Header(ScramMessageReader in) throws AuthFailure {
        char flag = in.peek();
        if (flag == 'p') {
            throw AuthFailure.malformed("The client selected SCRAM-SHA-256 without channel binding, but the SCRAM"
                    + " message includes channel binding data.");
        }
        if (flag != 'n' && flag != 'y') {
            throw AuthFailure.malformed("Unexpected channel-binding flag.");
        }
        in.skip();
        if (in.peek() != ',') {
            throw AuthFailure.malformed("Comma expected after the channel-binding flag.");
        }
        in.skip();
        if (in.peek() == 'a') {
            throw AuthFailure.featureNotSupported("client uses authorization identity, but it is not supported");
        }
        if (in.peek() != ',') {
            throw AuthFailure.malformed("Unexpected attribute in client-first-message.");
        }
        in.skip();
        return flag;
    }

    /** Checks the step and marks the exchange failed until the step succeeds. */
    private void enter(Step expected) {
        if (step != expected) {
            throw new IllegalStateException("SCRAM exchange is " + step + ", not " + expected);
        }
        step = Step.FAILED;
    }
}
