package io.raftpool.conf.hba;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class IpLiteralsTest {

    @Test
    void parsesIpv4() {
        assertArrayEquals(new byte[] {(byte) 192, (byte) 168, 0, 1}, IpLiterals.parse("192.168.0.1"));
        assertArrayEquals(new byte[] {0, 0, 0, 0}, IpLiterals.parse("0.0.0.0"));
    }

    @Test
    void parsesIpv6Forms() {
        byte[] loopback = new byte[16];
        loopback[15] = 1;
        assertArrayEquals(loopback, IpLiterals.parse("::1"));
        assertArrayEquals(loopback, IpLiterals.parse("0:0:0:0:0:0:0:1"));
        assertArrayEquals(new byte[16], IpLiterals.parse("::"));
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        mapped[12] = 10;
        mapped[15] = 7;
        assertArrayEquals(mapped, IpLiterals.parse("::ffff:10.0.0.7"));
        byte[] linkLocal = new byte[16];
        linkLocal[0] = (byte) 0xfe;
        linkLocal[1] = (byte) 0x80;
        linkLocal[15] = 0x2a;
        assertArrayEquals(linkLocal, IpLiterals.parse("FE80::2a%eth0"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4", "1..2.3", "1.2.3.-4", "a.b.c.d",
            "1:2:3:4:5:6:7:8:9", "1::2::3", ":::", "1:2:3:4:5:6:7", "12345::", "g::1", "::1.2.3", "1:2:3:4:5:6:7::8",
            "::1%", "%eth0", "١.٢.٣.٤"})
    void refusesMalformedAddresses(String text) {
        assertNull(IpLiterals.parse(text), text);
    }
}
