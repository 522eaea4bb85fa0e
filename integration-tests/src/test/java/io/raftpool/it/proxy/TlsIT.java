package io.raftpool.it.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * ssl = on: raftpool answers SSLRequest with TLS using ssl_cert and ssl_key (a self-signed pair made with
 * openssl for the test), and pool_hba.conf's hostssl and hostnossl lines see the difference.
 */
class TlsIT {

    static final Path CERTS = certificates();

    static final String HBA = """
            hostssl    all  postgres  127.0.0.1/32  trust
            hostnossl  all  all       127.0.0.1/32  reject
            """;

    @RegisterExtension
    static final ProxyClusterExtension proxy = ProxyClusterExtension.withStandbys(0,
            pg -> "ssl = on\nssl_cert = '" + CERTS.resolve("server.crt") + "'\nssl_key = '"
                    + CERTS.resolve("server.key") + "'\nenable_pool_hba = on\n", "pool_hba.conf", HBA);

    static Path certificates() {
        try {
            Path dir = Files.createTempDirectory("raftpool-tls-");
            Process p = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                    "-subj", "/CN=127.0.0.1", "-keyout", dir.resolve("server.key").toString(), "-out",
                    dir.resolve("server.crt").toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("openssl failed: " + out);
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void tlsClientsAreServedAndPlainOnesRejectedByHostnossl() throws SQLException {
        String url = proxy.raftpool().jdbcUrl("postgres");
        try (Connection c = DriverManager.getConnection(url + "?sslmode=require", "postgres", "");
                ResultSet rs = c.createStatement().executeQuery("SELECT 'encrypted'")) {
            rs.next();
            assertEquals("encrypted", rs.getString(1));
        }
        SQLException plain = assertThrows(SQLException.class,
                () -> DriverManager.getConnection(url + "?sslmode=disable", "postgres", "").close());
        assertTrue(plain.getMessage().contains("pool_hba.conf rejects connection for host \"127.0.0.1\", user "
                + "\"postgres\", database \"postgres\", SSL off"), plain.getMessage());
    }

    @Test
    void psqlWithSslmodeRequire() throws Exception {
        Process p = new ProcessBuilder("psql", "-X", "-At", "-c", "SELECT 42",
                "host=127.0.0.1 port=" + proxy.raftpool().port() + " user=postgres dbname=postgres sslmode=require")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertEquals("42", out.strip());
    }
}
