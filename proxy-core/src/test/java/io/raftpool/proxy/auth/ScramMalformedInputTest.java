package io.raftpool.proxy.auth;

import static io.raftpool.proxy.auth.ScramRfc7677Test.CLIENT_FINAL;
import static io.raftpool.proxy.auth.ScramRfc7677Test.CLIENT_FIRST;
import static io.raftpool.proxy.auth.ScramRfc7677Test.CLIENT_NONCE;
import static io.raftpool.proxy.auth.ScramRfc7677Test.SERVER_FIRST;
import static io.raftpool.proxy.auth.ScramRfc7677Test.SERVER_NONCE;
import static io.raftpool.proxy.auth.ScramRfc7677Test.bytes;
import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Malformed and hostile messages on both sides: each gives an {@link AuthFailure} (never another exception), with a
 * message that repeats no proof, quickly.
 */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ScramMalformedInputTest {
    private static final String NONCE = CLIENT_NONCE + SERVER_NONCE;
    private static final String PROOF = "dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=";
    private static final ScramVerifier PENCIL =
            ScramVerifier.fromPassword("pencil", Base64.getDecoder().decode("W22ZaJ0SNY7soEsUEjb6gQ=="), 4096);

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "\"\"|The message is empty.",
        "n,,n=,r=a\u0000b|Message length does not match input length.",
        "n|Comma expected after the channel-binding flag.",
        "n,|Unexpected attribute in client-first-message.",
        "x,,n=,r=abc|Unexpected channel-binding flag.",
        "n,,r=abc|Expected attribute \"n\".",
        "n,,n=|Expected attribute \"r\".",
        "n,,n=,r|Expected character \"=\" for attribute \"r\".",
        "n,,n=,r=abc,1=x|Attribute expected, but found invalid character.",
        "n,,n=,r=abc,x|Expected character \"=\" for attribute \"x\".",
    })
    void malformedClientFirst(String message, String detail) {
        AuthFailure failure = assertThrows(AuthFailure.class,
                () -> new ScramServer(PENCIL).handleClientFirst("SCRAM-SHA-256", message.getBytes(ISO_8859_1)));

        assertEquals(AuthFailure.Kind.PROTOCOL_VIOLATION, failure.kind());
        assertEquals("malformed SCRAM message", failure.primaryMessage());
        assertEquals(detail, failure.detail());
    }

    @Test
    void clientFirstWithANonPrintableNonceIsRefused() {
        AuthFailure nonPrintable = assertThrows(AuthFailure.class, () -> new ScramServer(PENCIL)
                .handleClientFirst("SCRAM-SHA-256", "n,,n=,r=ab\u00e9c".getBytes(ISO_8859_1)));
        assertEquals("non-printable characters in SCRAM nonce", nonPrintable.getMessage());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "\"\"|The message is empty.",
        "c=biws|Expected attribute \"r\".",
        "c=biws,r=" + NONCE + "|Attribute expected, but found end of string.",
        "r=" + NONCE + ",c=biws,p=" + PROOF + "|Expected attribute \"c\".",
        "c=biws,r=" + NONCE + ",p=!!notbase64!!|Malformed proof in client-final-message.",
        "c=biws,r=" + NONCE + ",p=AAAA|Malformed proof in client-final-message.",
        "c=biws,r=" + NONCE + ",p=|Malformed proof in client-final-message.",
        "c=biws,r=" + NONCE + ",p=" + PROOF + ",garbage|Garbage found at the end of client-final-message.",
        "c=biws,r=" + NONCE + "\u0000,p=" + PROOF + "|Message length does not match input length.",
    })
    void malformedClientFinal(String message, String detail) throws AuthFailure {
        ScramServer server = new ScramServer(PENCIL, () -> SERVER_NONCE);
        server.handleClientFirst("SCRAM-SHA-256", bytes(CLIENT_FIRST));

        AuthFailure failure = assertThrows(AuthFailure.class, () -> server.handleClientFinal(bytes(message)));

        assertEquals(AuthFailure.Kind.PROTOCOL_VIOLATION, failure.kind());
        assertEquals(detail, failure.detail());
        assertFalse(failure.getMessage().contains(PROOF.substring(0, 12)), "no proof in the message");
        assertFalse(server.isAuthenticated());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "c=biws,r=" + CLIENT_NONCE + "|a nonce without the server's part",
        "c=biws,r=" + NONCE + "x|a longer nonce",
        "c=biws,r=" + CLIENT_NONCE + "%hvYDpWUa2RaTCAfuxFIlj)hNlF$k1|another server nonce",
    })
    void clientFinalWithAnotherNonceIsRefused(String withoutProof, String what) throws AuthFailure {
        ScramServer server = new ScramServer(PENCIL, () -> SERVER_NONCE);
        server.handleClientFirst("SCRAM-SHA-256", bytes(CLIENT_FIRST));

        AuthFailure failure = assertThrows(AuthFailure.class,
                () -> server.handleClientFinal(bytes(withoutProof + ",p=" + PROOF)), what);

        assertEquals("invalid SCRAM response", failure.primaryMessage());
        assertEquals("Nonce does not match.", failure.detail());
    }

    @Test
    void unexpectedChannelBindingInClientFinalIsRefused() throws AuthFailure {
        ScramServer server = new ScramServer(PENCIL, () -> SERVER_NONCE);
        server.handleClientFirst("SCRAM-SHA-256", bytes(CLIENT_FIRST));

        AuthFailure failure = assertThrows(AuthFailure.class,
                () -> server.handleClientFinal(bytes(CLIENT_FINAL.replace("c=biws", "c=eSws"))));

        assertEquals("unexpected SCRAM channel-binding attribute in client-final-message", failure.getMessage());
    }

    @Test
    void alteredProofIsAWrongPassword() throws AuthFailure {
        ScramServer server = new ScramServer(PENCIL, () -> SERVER_NONCE);
        server.handleClientFirst("SCRAM-SHA-256", bytes(CLIENT_FIRST));

        AuthFailure failure = assertThrows(AuthFailure.class,
                () -> server.handleClientFinal(bytes(CLIENT_FINAL.replace("p=dHz", "p=dHy"))));

        assertEquals(AuthFailure.Kind.INVALID_PASSWORD, failure.kind());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "\"\"|The message is empty.",
        "s=W22ZaJ0SNY7soEsUEjb6gQ==,r=" + NONCE + ",i=4096|Expected attribute \"r\".",
        "r=" + NONCE + "|Expected attribute \"s\".",
        "r=" + NONCE + ",s=W22ZaJ0SNY7soEsUEjb6gQ==|Expected attribute \"i\".",
        "r=" + NONCE + ",s=!!!,i=4096|Invalid salt in server-first-message.",
        "r=" + NONCE + ",s=,i=4096|Invalid salt in server-first-message.",
        "r=" + NONCE + ",s=W22ZaJ0SNY7soEsUEjb6gQ==,i=0|Invalid iteration count in server-first-message.",
        "r=" + NONCE + ",s=W22ZaJ0SNY7soEsUEjb6gQ==,i=-1|Invalid iteration count in server-first-message.",
        "r=" + NONCE + ",s=W22ZaJ0SNY7soEsUEjb6gQ==,i=|Invalid iteration count in server-first-message.",
        "r=" + NONCE + ",s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096x|Invalid iteration count in server-first-message.",
        "r=" + NONCE + ",s=W22ZaJ0SNY7soEsUEjb6gQ==,i= 4096|Invalid iteration count in server-first-message.",
        "r=" + NONCE + ",s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096,,x=1|Attribute expected, but found invalid character.",
    })
    void malformedServerFirst(String message, String detail) {
        ScramClient client = new ScramClient("pencil", "user", CLIENT_NONCE);
        client.clientFirst();

        AuthFailure failure = assertThrows(AuthFailure.class, () -> client.handleServerFirst(bytes(message)));

        assertEquals("malformed SCRAM message", failure.primaryMessage());
        assertEquals(detail, failure.detail());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "r=" + CLIENT_NONCE + "|the client nonce alone",
        "r=rOprNGfwEbeRWgbNEkqX" + SERVER_NONCE + "|another client nonce",
        "r=rOprNGfwEbeRWgbNEkq|a prefix of the client nonce",
        "r=" + CLIENT_NONCE + "ab\u00e9|a non-printable server nonce",
    })
    void serverFirstWithAForeignNonceIsRefused(String start, String what) {
        ScramClient client = new ScramClient("pencil", "user", CLIENT_NONCE);
        client.clientFirst();

        AuthFailure failure = assertThrows(AuthFailure.class, () -> client.handleServerFirst(
                (start + ",s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096").getBytes(ISO_8859_1)), what);

        assertEquals("invalid SCRAM response", failure.primaryMessage());
        assertEquals("Nonce does not match.", failure.detail());
    }

    @ParameterizedTest
    @CsvSource({"1000000000", "1000001", "2147483648", "99999999999999999999999999999999999999"})
    void absurdIterationCountsFailAtOnce(String iterations) {
        ScramClient client = new ScramClient("pencil", "user", CLIENT_NONCE);
        client.clientFirst();

        AuthFailure failure = assertThrows(AuthFailure.class, () -> client.handleServerFirst(
                bytes("r=" + NONCE + ",s=W22ZaJ0SNY7soEsUEjb6gQ==,i=" + iterations)));

        assertEquals(AuthFailure.Kind.PROTOCOL_VIOLATION, failure.kind());
        assertEquals("SCRAM iteration count is too large", failure.primaryMessage());
        assertEquals("The server asks for more than 1000000 iterations.", failure.detail());
    }

    @Test
    void leadingZerosAndServerExtensionsAreAccepted() throws AuthFailure {
        ScramClient client = new ScramClient("pencil", "user", CLIENT_NONCE);
        client.clientFirst();

        String clientFinal = new String(client.handleServerFirst(
                bytes("r=" + NONCE + ",s=W22ZaJ0SNY7soEsUEjb6gQ==,i=0004096,x=ext")), ISO_8859_1);

        assertTrue(clientFinal.startsWith("c=biws,r=" + NONCE + ",p="));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
        "\"\"|malformed SCRAM message|The message is empty.",
        "x=abc|malformed SCRAM message|Expected attribute \"v\".",
        "v=!!!|malformed SCRAM message|Invalid server signature in server-final-message.",
        "v=AAAA|malformed SCRAM message|Invalid server signature in server-final-message.",
        "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=,1|malformed SCRAM message"
            + "|Attribute expected, but found invalid character.",
        "e=invalid-proof|error received from server in SCRAM exchange|invalid-proof",
        "e=bad\u0001news|error received from server in SCRAM exchange|bad?news",
    })
    void malformedServerFinal(String message, String primary, String detail) throws AuthFailure {
        ScramClient client = new ScramClient("pencil", "user", CLIENT_NONCE);
        client.clientFirst();
        client.handleServerFirst(bytes(SERVER_FIRST));

        AuthFailure failure = assertThrows(AuthFailure.class, () -> client.handleServerFinal(bytes(message)));

        assertEquals(AuthFailure.Kind.PROTOCOL_VIOLATION, failure.kind());
        assertEquals(primary, failure.primaryMessage());
        assertEquals(detail, failure.detail());
        assertFalse(client.isComplete());
    }

    @Test
    void serverFinalWithAnotherSignatureIsAMismatch() throws AuthFailure {
        ScramClient client = new ScramClient("pencil", "user", CLIENT_NONCE);
        client.clientFirst();
        client.handleServerFirst(bytes(SERVER_FIRST));

        AuthFailure failure = assertThrows(AuthFailure.class,
                () -> client.handleServerFinal(bytes("v=" + ScramCrypto.base64(new byte[32]))));

        assertEquals(AuthFailure.Kind.SERVER_SIGNATURE_MISMATCH, failure.kind());
        assertEquals("backend's SCRAM server signature does not match", failure.getMessage());
    }
}
