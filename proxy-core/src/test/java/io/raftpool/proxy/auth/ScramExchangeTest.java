package io.raftpool.proxy.auth;

import static io.raftpool.proxy.auth.ScramRfc7677Test.bytes;
import static io.raftpool.proxy.auth.ScramRfc7677Test.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** ScramClient against ScramServer, and the server's handling of PostgreSQL's negotiation rules. */
class ScramExchangeTest {
    private static final ScramVerifier PENCIL = ScramVerifier.fromPassword("pencil");

    @Test
    void clientWithTheRightPasswordAuthenticatesAndVerifiesTheServer() throws AuthFailure {
        ScramServer server = new ScramServer(PENCIL);
        ScramClient client = new ScramClient("pencil");

        byte[] clientFirst = client.clientFirst();
        assertTrue(text(clientFirst).startsWith("n,,n=,r="), "libpq's form: no channel binding, empty user");
        byte[] serverFirst = server.handleClientFirst(server.mechanisms(), clientFirst);
        byte[] serverFinal = server.handleClientFinal(client.handleServerFirst(serverFirst));
        client.handleServerFinal(serverFinal);

        assertTrue(server.isAuthenticated());
        assertTrue(client.isComplete());
    }

    @Test
    void serverBuiltFromAClearTextPasswordAuthenticatesTheClient() throws AuthFailure {
        ScramServer server = ScramServer.forPassword("s3cret");
        ScramClient client = new ScramClient("s3cret");

        client.handleServerFinal(exchange(server, client));

        assertTrue(server.isAuthenticated());
        assertTrue(client.isComplete());
    }

    @Test
    void wrongPasswordFailsOnTheServerWithTheBareInvalidPasswordFailure() throws AuthFailure {
        ScramServer server = new ScramServer(PENCIL);
        ScramClient client = new ScramClient("pen");
        byte[] serverFirst = server.handleClientFirst("SCRAM-SHA-256", client.clientFirst());
        byte[] clientFinal = client.handleServerFirst(serverFirst);

        AuthFailure failure = assertThrows(AuthFailure.class, () -> server.handleClientFinal(clientFinal));

        assertEquals(AuthFailure.Kind.INVALID_PASSWORD, failure.kind());
        assertEquals("28P01", failure.sqlState());
        assertEquals("password authentication failed", failure.getMessage());
        assertNull(failure.detail(), "must not say which check failed");
        assertEquals("password authentication failed for user \"alice\"", AuthFailure.passwordFailedMessage("alice"));
        assertFalse(server.isAuthenticated());
    }

    @Test
    void clientRejectsAServerThatDoesNotKnowTheServerKey() throws AuthFailure {
        ScramVerifier real = ScramVerifier.fromPassword("pencil", new byte[] {1, 2, 3, 4}, 4096);
        String[] parts = real.toStoredForm().split("\\$");
        String impostorServerKey = ScramCrypto.base64(new byte[32]);
        ScramVerifier impostor = ScramVerifier.parse(
                parts[0] + "$" + parts[1] + "$" + parts[2].split(":")[0] + ":" + impostorServerKey);
        ScramServer server = new ScramServer(impostor);
        ScramClient client = new ScramClient("pencil");

        byte[] serverFinal = exchange(server, client); // the StoredKey is right, so the impostor accepts the proof

        AuthFailure failure = assertThrows(AuthFailure.class, () -> client.handleServerFinal(serverFinal));
        assertEquals(AuthFailure.Kind.SERVER_SIGNATURE_MISMATCH, failure.kind());
        assertEquals("backend's SCRAM server signature does not match", failure.getMessage());
        assertFalse(client.isComplete());
    }

    @Test
    void userNameInClientFirstIsIgnored() throws AuthFailure {
        ScramServer server = new ScramServer(PENCIL);
        ScramClient client = new ScramClient("pencil", "someone,else=x", "clientnonce123");

        assertEquals("n,,n=someone=2Celse=3Dx,r=clientnonce123", text(client.clientFirst()));
        client.handleServerFinal(server.handleClientFinal(client.handleServerFirst(
                server.handleClientFirst("SCRAM-SHA-256", bytes("n,,n=someone=2Celse=3Dx,r=clientnonce123")))));
        assertTrue(server.isAuthenticated());
    }

    @Test
    void yFlagIsAcceptedAndMustBeRepeatedInClientFinal() throws AuthFailure {
        ScramVerifier verifier = ScramVerifier.fromPassword("pencil", new byte[] {9, 9}, 4096);
        ScramServer server = new ScramServer(verifier, () -> "SNONCE");
        String serverFirst = text(server.handleClientFirst("SCRAM-SHA-256", bytes("y,,n=,r=CNONCE")));
        assertEquals("r=CNONCESNONCE,s=CQk=,i=4096", serverFirst);
        byte[] clientFinal = proofFor("pencil", "n=,r=CNONCE", serverFirst, "c=eSws,r=CNONCESNONCE");

        assertTrue(text(server.handleClientFinal(clientFinal)).startsWith("v="));
    }

    @Test
    void yFlagWithTheBindingOfNIsRefused() throws AuthFailure {
        ScramServer server = new ScramServer(PENCIL, () -> "SNONCE");
        String serverFirst = text(server.handleClientFirst("SCRAM-SHA-256", bytes("y,,n=,r=CNONCE")));
        byte[] clientFinal = proofFor("pencil", "n=,r=CNONCE", serverFirst, "c=biws,r=CNONCESNONCE");

        AuthFailure failure = assertThrows(AuthFailure.class, () -> server.handleClientFinal(clientFinal));
        assertEquals("unexpected SCRAM channel-binding attribute in client-final-message", failure.getMessage());
    }

    @Test
    void channelBindingIsRefusedAsPostgresqlDoesWithoutSsl() {
        AuthFailure pFlag = assertThrows(AuthFailure.class, () -> new ScramServer(PENCIL)
                .handleClientFirst("SCRAM-SHA-256", bytes("p=tls-server-end-point,,n=,r=abc")));
        assertEquals("08P01", pFlag.sqlState());
        assertEquals("malformed SCRAM message", pFlag.primaryMessage());
        assertEquals("The client selected SCRAM-SHA-256 without channel binding, but the SCRAM message includes"
                + " channel binding data.", pFlag.detail());

        AuthFailure plus = assertThrows(AuthFailure.class, () -> new ScramServer(PENCIL)
                .handleClientFirst("SCRAM-SHA-256-PLUS", bytes("p=tls-server-end-point,,n=,r=abc")));
        assertEquals("client selected an invalid SASL authentication mechanism", plus.getMessage());
    }

    @Test
    void authorizationIdentityAndMandatoryExtensionsAreNotSupported() {
        AuthFailure authzid = assertThrows(AuthFailure.class, () -> new ScramServer(PENCIL)
                .handleClientFirst("SCRAM-SHA-256", bytes("n,a=bob,n=,r=abc")));
        assertEquals("0A000", authzid.sqlState());
        assertEquals("client uses authorization identity, but it is not supported", authzid.getMessage());

        AuthFailure mext = assertThrows(AuthFailure.class, () -> new ScramServer(PENCIL)
                .handleClientFirst("SCRAM-SHA-256", bytes("n,,m=ext,n=,r=abc")));
        assertEquals("client requires an unsupported SCRAM extension", mext.getMessage());
    }

    @Test
    void clientSelectsScramSha256AndRefusesAServerOfferingOnlyPlus() throws AuthFailure {
        assertEquals("SCRAM-SHA-256", ScramClient.selectMechanism(List.of("SCRAM-SHA-256-PLUS", "SCRAM-SHA-256")));
        AuthFailure failure = assertThrows(AuthFailure.class,
                () -> ScramClient.selectMechanism(List.of("SCRAM-SHA-256-PLUS")));
        assertEquals(AuthFailure.Kind.FEATURE_NOT_SUPPORTED, failure.kind());
    }

    @Test
    void initialResponseWithoutDataGetsAnEmptyChallengeAndThenTheUsualExchange() throws AuthFailure {
        ScramServer server = new ScramServer(PENCIL);
        ScramClient client = new ScramClient("pencil");

        assertEquals(0, server.handleClientFirst("SCRAM-SHA-256", null).length);
        byte[] serverFirst = server.handleClientFirst("SCRAM-SHA-256", client.clientFirst());
        client.handleServerFinal(server.handleClientFinal(client.handleServerFirst(serverFirst)));

        assertTrue(server.isAuthenticated());
        assertThrows(AuthFailure.class, () -> new ScramServer(PENCIL).handleClientFirst("SCRAM-SHA-256-PLUS", null));
    }

    @Test
    void stepsOutOfOrderAreProgrammingErrors() throws AuthFailure {
        ScramServer server = new ScramServer(PENCIL);
        assertThrows(IllegalStateException.class, () -> server.handleClientFinal(bytes("c=biws,r=x,p=y")));

        ScramClient client = new ScramClient("pencil");
        assertThrows(IllegalStateException.class, () -> client.handleServerFirst(bytes("r=x,s=AA==,i=1")));
        client.clientFirst();
        assertThrows(IllegalStateException.class, client::clientFirst);
        assertThrows(IllegalStateException.class, () -> client.handleServerFinal(bytes("v=AA==")));

        ScramServer failed = new ScramServer(PENCIL);
        assertThrows(AuthFailure.class, () -> failed.handleClientFirst("SCRAM-SHA-256", bytes("x")));
        assertThrows(IllegalStateException.class, () -> failed.handleClientFirst("SCRAM-SHA-256", bytes("n,,n=,r=a")));
    }

    /** Runs both first steps and the server's final step; returns server-final-message. */
    private static byte[] exchange(ScramServer server, ScramClient client) throws AuthFailure {
        byte[] serverFirst = server.handleClientFirst(ScramServer.MECHANISM, client.clientFirst());
        return server.handleClientFinal(client.handleServerFirst(serverFirst));
    }

    /** A client-final-message computed here from the RFC 5802 formulas, independently of ScramClient. */
    private static byte[] proofFor(String password, String clientFirstBare, String serverFirst, String withoutProof) {
        String salt = serverFirst.split(",")[1].substring(2);
        byte[] salted = ScramCrypto.saltedPassword(bytes(password), java.util.Base64.getDecoder().decode(salt), 4096);
        byte[] clientKey = ScramCrypto.hmac(salted, bytes("Client Key"));
        byte[] authMessage = bytes(clientFirstBare + "," + serverFirst + "," + withoutProof);
        byte[] signature = ScramCrypto.hmac(ScramCrypto.sha256(clientKey), authMessage);
        return bytes(withoutProof + ",p=" + ScramCrypto.base64(ScramCrypto.xor(clientKey, signature)));
    }
}
