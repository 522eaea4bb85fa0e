package io.raftpool.proxy.auth;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The client side of SCRAM-SHA-256 (RFC 5802, RFC 7677) as libpq runs it, for the proxy authenticating to a backend
 * with a clear-text password: on AuthenticationSASL send {@link #clientFirst()} in SASLInitialResponse (mechanism
 * {@link #MECHANISM}); on AuthenticationSASLContinue send what {@link #handleServerFirst} returns in SASLResponse; on
 * AuthenticationSASLFinal call {@link #handleServerFinal}, which checks that the backend knew the password too.
 *
 * <p>Like libpq it sends the gs2 header {@code n,,} (no channel binding) and an empty user name (PostgreSQL takes the
 * user from the startup packet). The backend's iteration count is capped at {@link #MAX_ITERATIONS}, so that a
 * hostile or broken server cannot make the proxy compute for hours; PostgreSQL's default is 4096.
 *
 * <p>One instance serves one exchange; it is not thread-safe. Calling a step out of order, or again after a failure,
 * is a programming error and throws {@link IllegalStateException}.
 */
public final class ScramClient {
    /** The SASL mechanism this client speaks. */
    public static final String MECHANISM = "SCRAM-SHA-256";
    /**
     * The largest iteration count accepted from a server: 1,000,000, about a second of work. That is 244 times
     * PostgreSQL's default of 4096 and above the 600,000 OWASP recommends for PBKDF2-HMAC-SHA256 (2023).
     */
    public static final int MAX_ITERATIONS = 1_000_000;

    private static final String GS2_HEADER = "n,,";
    private static final String GS2_HEADER_BASE64 = "biws";

    private enum Step { INITIAL, AWAITING_SERVER_FIRST, AWAITING_SERVER_FINAL, COMPLETE, FAILED }

    private final byte[] preparedPassword;
    private final String clientNonce;
    private final String clientFirstBare;
    private Step step = Step.INITIAL;
    private byte[] expectedServerSignature;

    /** A client that will prove knowledge of {@code password}. */
    public ScramClient(String password) {
        this(password, "", ScramCrypto.randomNonce());
    }

    /** For tests: a client with a given user name for client-first-message and a given nonce (printable). */
    ScramClient(String password, String user, String clientNonce) {
        this.preparedPassword = SaslPrep.prepare(Objects.requireNonNull(password, "password"));
        this.clientNonce = Objects.requireNonNull(clientNonce, "clientNonce");
        this.clientFirstBare = "n=" + saslName(user) + ",r=" + clientNonce;
    }

    /**
     * Picks the mechanism to use from those an AuthenticationSASL message offers.
     *
     * @return {@link #MECHANISM}
     * @throws AuthFailure if the server does not offer it (e.g. only SCRAM-SHA-256-PLUS)
     */
    public static String selectMechanism(List<String> offered) throws AuthFailure {
        if (offered.contains(MECHANISM)) {
            return MECHANISM;
        }
        throw AuthFailure.featureNotSupported("none of the server's SASL authentication mechanisms are supported");
    }

    /** The client-first-message for SASLInitialResponse: {@code n,,n=,r=<nonce>}. */
    public byte[] clientFirst() {
        if (step != Step.INITIAL) {
            throw new IllegalStateException("SCRAM exchange is " + step + ", not " + Step.INITIAL);
        }
        step = Step.AWAITING_SERVER_FIRST;
        return ScramCrypto.ascii(GS2_HEADER + clientFirstBare);
    }

    /**
     * Handles server-first-message (from AuthenticationSASLContinue) and computes the proof.
     *
     * @return client-final-message {@code c=biws,r=<nonce>,p=<proof>}, for SASLResponse
     * @throws AuthFailure if the message is malformed, its nonce does not extend ours, its salt is not base64 or its
     *     iteration count is not in 1..{@link #MAX_ITERATIONS}
     */
    public byte[] handleServerFirst(byte[] serverFirstMessage) throws AuthFailure {
        enter(Step.AWAITING_SERVER_FIRST);
        ScramMessageReader in = ScramMessageReader.of(serverFirstMessage);
        String nonce = in.read('r');
        if (nonce.length() <= clientNonce.length() || !nonce.startsWith(clientNonce)
                || !ScramMessageReader.isPrintable(nonce)) {
            throw AuthFailure.protocolViolation("invalid SCRAM response", "Nonce does not match.");
        }
        byte[] salt = ScramCrypto.decodeBase64OrNull(in.read('s'));
        if (salt == null || salt.length == 0) {
            throw AuthFailure.malformed("Invalid salt in server-first-message.");
        }
        int iterations = parseIterations(in.read('i'));
        while (!in.atEnd()) {
            in.readAny(); // optional extensions: ignored
        }
        String clientFinalWithoutProof = "c=" + GS2_HEADER_BASE64 + ",r=" + nonce;
        byte[] authMessage = ScramCrypto.ascii(clientFirstBare + "," + in.from(0) + "," + clientFinalWithoutProof);

        byte[] saltedPassword = ScramCrypto.saltedPassword(preparedPassword, salt, iterations);
        byte[] clientKey = ScramCrypto.clientKey(saltedPassword);
        byte[] clientSignature = ScramCrypto.hmac(ScramCrypto.sha256(clientKey), authMessage);
        byte[] proof = ScramCrypto.xor(clientKey, clientSignature);
        expectedServerSignature = ScramCrypto.hmac(ScramCrypto.serverKey(saltedPassword), authMessage);
        Arrays.fill(saltedPassword, (byte) 0);
        Arrays.fill(clientKey, (byte) 0);
        Arrays.fill(preparedPassword, (byte) 0);

        step = Step.AWAITING_SERVER_FINAL;
        return ScramCrypto.ascii(clientFinalWithoutProof + ",p=" + ScramCrypto.base64(proof));
    }

    /**
     * Handles server-final-message (from AuthenticationSASLFinal): the backend must prove it knows the password.
     *
     * @throws AuthFailure {@link AuthFailure.Kind#SERVER_SIGNATURE_MISMATCH} ("backend's SCRAM server signature does
     *     not match") if it does not; a protocol violation if the message is malformed or reports an error
     */
    public void handleServerFinal(byte[] serverFinalMessage) throws AuthFailure {
        enter(Step.AWAITING_SERVER_FINAL);
        ScramMessageReader in = ScramMessageReader.of(serverFinalMessage);
        if (in.peek() == 'e') {
            throw AuthFailure.protocolViolation("error received from server in SCRAM exchange",
                    printablePrefix(in.read('e')));
        }
        byte[] signature = ScramCrypto.decodeBase64OrNull(in.read('v'));
        while (!in.atEnd()) {
            in.readAny(); // optional extensions: ignored
        }
        if (signature == null || signature.length != ScramCrypto.KEY_LENGTH) {
            throw AuthFailure.malformed("Invalid server signature in server-final-message.");
        }
        if (!ScramCrypto.constantTimeEquals(signature, expectedServerSignature)) {
            throw AuthFailure.serverSignatureMismatch();
        }
        step = Step.COMPLETE;
    }

    /** Whether the exchange finished and the backend proved that it knows the password. */
    public boolean isComplete() {
        return step == Step.COMPLETE;
    }

    private static int parseIterations(String text) throws AuthFailure {
        if (text.isEmpty() || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw AuthFailure.malformed("Invalid iteration count in server-first-message.");
        }
        String digits = text.replaceFirst("^0+(?=.)", "");
        if (digits.length() > 7 || Integer.parseInt(digits) > MAX_ITERATIONS) {
            throw AuthFailure.protocolViolation("SCRAM iteration count is too large",
                    "The server asks for more than " + MAX_ITERATIONS + " iterations.");
        }
        int iterations = Integer.parseInt(digits);
        if (iterations < 1) {
            throw AuthFailure.malformed("Invalid iteration count in server-first-message.");
        }
        return iterations;
    }

    /** RFC 5802 saslname: UTF-8, with "," and "=" escaped, kept as ISO-8859-1 chars like the rest of the message. */
    private static String saslName(String user) {
        String escaped = user.replace("=", "=3D").replace(",", "=2C");
        return new String(escaped.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    /** A server's error value for a log line: printable ASCII only, at most 64 characters. */
    private static String printablePrefix(String value) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < value.length() && out.length() < 64; i++) {
            char c = value.charAt(i);
            out.append(c >= 0x20 && c < 0x7F ? c : '?');
        }
        return out.toString();
    }

    private void enter(Step expected) {
        if (step != expected) {
            throw new IllegalStateException("SCRAM exchange is " + step + ", not " + expected);
        }
        step = Step.FAILED;
    }
}
