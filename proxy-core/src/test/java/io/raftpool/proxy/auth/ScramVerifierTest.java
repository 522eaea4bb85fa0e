package io.raftpool.proxy.auth;

import static io.raftpool.proxy.auth.ScramRfc7677Test.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** PostgreSQL's stored SCRAM-SHA-256 verifier: parsing, formatting, deriving, and agreement with PostgreSQL. */
class ScramVerifierTest {
    /** RFC 7677's password "pencil" and salt; StoredKey and ServerKey computed independently with Python hashlib. */
    private static final String RFC_VERIFIER = "SCRAM-SHA-256$4096:W22ZaJ0SNY7soEsUEjb6gQ=="
            + "$WG5d8oPm3OtcPnkdi4Uo7BkeZkBFzpcXkuLmtbsT4qY=:wfPLwcE6nTWhTAmQ7tl2KeoiWGPlZqQxSrmfPwDl2dU=";

    @Test
    void fromPasswordGivesTheVerifierOfTheRfcVector() {
        ScramVerifier verifier = ScramVerifier.fromPassword("pencil",
                Base64.getDecoder().decode("W22ZaJ0SNY7soEsUEjb6gQ=="), 4096);

        assertEquals(RFC_VERIFIER, verifier.toStoredForm());
    }

    @Test
    void parseAndFormatRoundTrip() {
        ScramVerifier parsed = ScramVerifier.parse(RFC_VERIFIER);

        assertEquals(4096, parsed.iterations());
        assertArrayEquals(Base64.getDecoder().decode("W22ZaJ0SNY7soEsUEjb6gQ=="), parsed.salt());
        assertEquals(RFC_VERIFIER, parsed.toStoredForm());
        assertEquals(RFC_VERIFIER, ScramVerifier.parse(parsed.toStoredForm()).toStoredForm());
    }

    @Test
    void verifierFromPasswordAuthenticatesAClientWithThatPassword() throws AuthFailure {
        ScramVerifier verifier = ScramVerifier.parse(ScramVerifier.fromPassword("correct horse").toStoredForm());
        assertEquals(ScramVerifier.DEFAULT_ITERATIONS, verifier.iterations());
        assertEquals(ScramVerifier.DEFAULT_SALT_LENGTH, verifier.salt().length);

        ScramServer server = new ScramServer(verifier);
        ScramClient client = new ScramClient("correct horse");
        byte[] serverFirst = server.handleClientFirst("SCRAM-SHA-256", client.clientFirst());
        client.handleServerFinal(server.handleClientFinal(client.handleServerFirst(serverFirst)));

        assertTrue(server.isAuthenticated());
        assertTrue(client.isComplete());
    }

    @Test
    void randomSaltsDiffer() {
        assertNotEquals(ScramVerifier.fromPassword("x").toStoredForm(), ScramVerifier.fromPassword("x").toStoredForm());
    }

    @Test
    void toStringShowsNoSaltOrKey() {
        ScramVerifier verifier = ScramVerifier.parse(RFC_VERIFIER);

        assertEquals("ScramVerifier[SCRAM-SHA-256, iterations=4096]", verifier.toString());
    }

    /**
     * Verifiers PostgreSQL 15.18 stored for {@code CREATE ROLE ... PASSWORD '<password>'} (server_encoding UTF8):
     * ASCII passwords (even with control characters) are used as is; non-ASCII ones are SASLprep'd (mapped to
     * nothing, non-ASCII spaces, NFKC); prohibited ones (bidi, private use, empty after mapping) fall back to raw.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "pencil|SCRAM-SHA-256$4096:kbygDPZYvkAuHlVbCbo6PA==$bSd9Wh5G7MklduO6tl3hwrwnBkLRurfp9lEYMroMfd4=:"
            + "9bJmPfJE/L+jyEaM7w14Xmm1uozr8ErOiZHfqeUv6Ww=",
        "tab\there|SCRAM-SHA-256$4096:vHkLAe21vM2+EgG0qkFc8Q==$eWns2cvlt0JTU8/NEetljR6aWe5jOAZQ43M4sWiKRzA=:"
            + "KocRFajrO6pwUmTgQwDRdrkwNUkv0BTNcLSf6h6iG4g=",
        "p\u00e4ssw\u00f6rd|SCRAM-SHA-256$4096:hpRk5d/MVtFOSIYlGiSFFw==$q+EsiXGCk47aLnaDiPsXagzD14Ri/0wD6AlMRsRKxfk=:"
            + "1VNlagZUIECOx92h9qCMIfSkBMYuKeBi+1eCY6GGJ+o=",
        "I\u00adX|SCRAM-SHA-256$4096:wxHddX0vI+UibbRlujBkbw==$xu1I08+JG0Ts93p+0Ukx+jnG+v4Ki0dLULqzcC+D314=:"
            + "+yzji57K5MMIF0vLglyZl3YqZWKPPkEb+gyWVPlkrhk=",
        "\u2168|SCRAM-SHA-256$4096:FQhAc33nyy516cvSVr7wmg==$XV2f1yOp73I23YvkERz+hoijGGEH6lEn70AP4/SaIbA=:"
            + "2R/EOeSWkVQ616XY8M4XmgICqVGwkHdA/yuKJaiyy2s=",
        "a\u00a0b|SCRAM-SHA-256$4096:5lYKbqA3L4448K8RIKPo2Q==$+0QoPGyn75HcndJG4tqtCR+lcUvLQ+Kd84w9bRYezEI=:"
            + "HuaqXQNjETYv/3GC2qO50UklPgXRYwJMd21mMZbmPMI=",
        "\uff46\uff55\uff4c\uff4c\uff57\uff49\uff44\uff54\uff48|SCRAM-SHA-256$4096:OVPQSui1DZB5F0efxq4hEw==$"
            + "TeB0GnZPUAq3UU5rK0IsQUPUq0B9ZG/z3VoAsSmZx/E=:pEAfBiydt+n8SSC3/KRMwsV/xLNFf+0M+clL9qPHkgI=",
        "\u06271|SCRAM-SHA-256$4096:aai8EMGGoL66xDtPPd1YRA==$fHWBGuqPwlreb4bk1FDBa0Bt0KKalI5wjZZoJD4qCdk=:"
            + "TN/l5Vg01xY1cJ1w0hBPEpEst4Yh554lyRF2E8rx0nM=",
        "x\ue000y|SCRAM-SHA-256$4096:TCQl9kxkiCQZ2wNeJfF06A==$FkhW/pUZnPOS5hm9byByEgOE3MMBJoqpc1vQogV52D4=:"
            + "usgc4IOExS9L99Id2md2E8gD3LhKOWoyK7vQutaHjOI=",
        "\u00ad|SCRAM-SHA-256$4096:aVSTJQjHOC+2QYepusZ4fA==$rPV0lpf1kQm/Ppmmmq5XdD+X4JG2YpgRGKN9c95WdL4=:"
            + "yuwcwb8pCml4mdweo0AJkHQM8cgNBgHYCWmt2zx2RQ4=",
    })
    void agreesWithVerifiersPostgresqlStored(String password, String stored) throws AuthFailure {
        ScramVerifier verifier = ScramVerifier.parse(stored);

        assertTrue(verifier.matchesPassword(password));
        assertFalse(verifier.matchesPassword(password + "x"));
        assertEquals(stored, ScramVerifier.fromPassword(password, verifier.salt(), 4096).toStoredForm());
        ScramServer server = new ScramServer(verifier);
        ScramClient client = new ScramClient(password);
        byte[] serverFirst = server.handleClientFirst("SCRAM-SHA-256", client.clientFirst());
        client.handleServerFinal(server.handleClientFinal(client.handleServerFirst(serverFirst)));
        assertTrue(client.isComplete());
    }

    @Test
    void saslPrepMakesEquivalentPasswordsMatch() {
        // PostgreSQL stored this for I<soft hyphen>X; SASLprep makes "IX" and U+2168 (ROMAN NUMERAL NINE) the same.
        ScramVerifier softHyphen = ScramVerifier.parse("SCRAM-SHA-256$4096:wxHddX0vI+UibbRlujBkbw==$"
                + "xu1I08+JG0Ts93p+0Ukx+jnG+v4Ki0dLULqzcC+D314=:+yzji57K5MMIF0vLglyZl3YqZWKPPkEb+gyWVPlkrhk=");

        assertTrue(softHyphen.matchesPassword("IX"));
        assertTrue(softHyphen.matchesPassword("\u2168"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "",
        "md5a940442cfc018cbb4c37d2492eb1c1c0",
        "SCRAM-SHA-1$4096:W22ZaJ0SNY7soEsUEjb6gQ==$WG5d8oPm3OtcPnkdi4Uo7BkeZkBFzpcXkuLmtbsT4qY=:"
            + "wfPLwcE6nTWhTAmQ7tl2KeoiWGPlZqQxSrmfPwDl2dU=",
        "SCRAM-SHA-256$0:W22ZaJ0SNY7soEsUEjb6gQ==$WG5d8oPm3OtcPnkdi4Uo7BkeZkBFzpcXkuLmtbsT4qY=:"
            + "wfPLwcE6nTWhTAmQ7tl2KeoiWGPlZqQxSrmfPwDl2dU=",
        "SCRAM-SHA-256$-1:W22ZaJ0SNY7soEsUEjb6gQ==$WG5d8oPm3OtcPnkdi4Uo7BkeZkBFzpcXkuLmtbsT4qY=:"
            + "wfPLwcE6nTWhTAmQ7tl2KeoiWGPlZqQxSrmfPwDl2dU=",
        "SCRAM-SHA-256$99999999999:W22ZaJ0SNY7soEsUEjb6gQ==$WG5d8oPm3OtcPnkdi4Uo7BkeZkBFzpcXkuLmtbsT4qY=:"
            + "wfPLwcE6nTWhTAmQ7tl2KeoiWGPlZqQxSrmfPwDl2dU=",
        "SCRAM-SHA-256$4096:not*base64$WG5d8oPm3OtcPnkdi4Uo7BkeZkBFzpcXkuLmtbsT4qY=:"
            + "wfPLwcE6nTWhTAmQ7tl2KeoiWGPlZqQxSrmfPwDl2dU=",
        "SCRAM-SHA-256$4096:W22ZaJ0SNY7soEsUEjb6gQ==$AAAA:wfPLwcE6nTWhTAmQ7tl2KeoiWGPlZqQxSrmfPwDl2dU=",
        "SCRAM-SHA-256$4096:W22ZaJ0SNY7soEsUEjb6gQ==$WG5d8oPm3OtcPnkdi4Uo7BkeZkBFzpcXkuLmtbsT4qY=",
        "SCRAM-SHA-256$4096:W22ZaJ0SNY7soEsUEjb6gQ==$WG5d8oPm3OtcPnkdi4Uo7BkeZkBFzpcXkuLmtbsT4qY=:"
            + "wfPLwcE6nTWhTAmQ7tl2KeoiWGPlZqQxSrmfPwDl2dU=:extra",
    })
    void malformedVerifiersAreRejectedWithoutEchoingThem(String stored) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ScramVerifier.parse(stored));

        assertFalse(ScramVerifier.isVerifier(stored));
        for (String secretPart : new String[] {"W22ZaJ0SNY7soEsUEjb6gQ", "WG5d8oPm3Otc", "wfPLwcE6nTWh", "a940442cfc"}) {
            assertFalse(e.getMessage().contains(secretPart), "the message must not repeat the stored value");
        }
    }

    @Test
    void fromPasswordRefusesNonsenseParameters() {
        assertThrows(IllegalArgumentException.class, () -> ScramVerifier.fromPassword("x", new byte[0], 4096));
        assertThrows(IllegalArgumentException.class, () -> ScramVerifier.fromPassword("x", new byte[] {1}, 0));
        assertFalse(ScramVerifier.isVerifier(null));
        assertArrayEquals(bytes("IX"), SaslPrep.prepare("I\u00adX"));
    }
}
