package io.raftpool.proxy.auth;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.junit.jupiter.api.Test;

/** The SCRAM-SHA-256 test vector of RFC 7677 section 3, byte for byte, on both sides. */
class ScramRfc7677Test {
    static final String PASSWORD = "pencil";
    static final String CLIENT_NONCE = "rOprNGfwEbeRWgbNEkqO";
    static final String SERVER_NONCE = "%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0";
    static final String SALT = "W22ZaJ0SNY7soEsUEjb6gQ==";

    static final String CLIENT_FIRST = "n,,n=user,r=rOprNGfwEbeRWgbNEkqO";
    static final String SERVER_FIRST =
            "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096";
    static final String CLIENT_FINAL = "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
            + "p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=";
    static final String SERVER_FINAL = "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=";

    @Test
    void clientProducesTheRfcMessagesAndAcceptsTheRfcServerSignature() throws AuthFailure {
        ScramClient client = new ScramClient(PASSWORD, "user", CLIENT_NONCE);

        assertEquals(CLIENT_FIRST, text(client.clientFirst()));
        assertEquals(CLIENT_FINAL, text(client.handleServerFirst(bytes(SERVER_FIRST))));
        client.handleServerFinal(bytes(SERVER_FINAL));
        assertTrue(client.isComplete());
    }

    @Test
    void serverProducesTheRfcMessagesAndAcceptsTheRfcProof() throws AuthFailure {
        ScramVerifier verifier = ScramVerifier.fromPassword(PASSWORD, Base64.getDecoder().decode(SALT), 4096);
        ScramServer server = new ScramServer(verifier, () -> SERVER_NONCE);

        assertEquals(SERVER_FIRST, text(server.handleClientFirst("SCRAM-SHA-256", bytes(CLIENT_FIRST))));
        assertEquals(SERVER_FINAL, text(server.handleClientFinal(bytes(CLIENT_FINAL))));
        assertTrue(server.isAuthenticated());
    }

    @Test
    void saltedPasswordAgreesWithTheJdkPbkdf2() throws Exception {
        byte[] salt = Base64.getDecoder().decode(SALT);
        SecretKeyFactory pbkdf2 = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256");
        byte[] expected = pbkdf2.generateSecret(new PBEKeySpec(PASSWORD.toCharArray(), salt, 4096, 256)).getEncoded();

        assertArrayEquals(expected, ScramCrypto.saltedPassword(bytes(PASSWORD), salt, 4096));
    }

    @Test
    void hmacWithAnEmptyKeyIsTheStandardValue() {
        // Python: hmac.new(b"", b"abc", hashlib.sha256).hexdigest()
        assertEquals("fd7adb152c05ef80dccf50a1fa4c05d5a3ec6da95575fc312ae7c5d091836351",
                HexFormat.of().formatHex(ScramCrypto.hmac(new byte[0], bytes("abc"))));
    }

    static byte[] bytes(String s) {
        return s.getBytes(US_ASCII);
    }

    static String text(byte[] b) {
        return new String(b, US_ASCII);
    }
}
