package io.raftpool.conf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.raftpool.conf.ParamTypes.SizeBase;
import io.raftpool.conf.ParamTypes.TimeBase;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ParamTypesTest {

    @ParameterizedTest
    @CsvSource({"on,true", "OFF,false", "t,true", "tr,true", "true,true", "f,false", "yes,true", "Y,true",
        "n,false", "no,false", "1,true", "0,false", "of,false"})
    void booleansAsPostgresReadsThem(String text, boolean expected) throws Exception {
        assertEquals(expected, ParamTypes.BOOLEAN.parse(text));
    }

    @Test
    void ambiguousOrUnknownBooleansAreRejected() {
        assertEquals("invalid boolean \"o\"; expected on, off, true, false, yes, no, 1 or 0",
                assertThrows(InvalidValueException.class, () -> ParamTypes.BOOLEAN.parse("o")).getMessage());
        assertThrows(InvalidValueException.class, () -> ParamTypes.BOOLEAN.parse("2"));
        assertThrows(InvalidValueException.class, () -> ParamTypes.BOOLEAN.parse(""));
    }

    @Test
    void timesConvertUnitsToTheBaseUnitAndRound() throws Exception {
        ParamType<Duration> seconds = ParamTypes.time(TimeBase.SECONDS, 0, Integer.MAX_VALUE);
        assertEquals(Duration.ofSeconds(30), seconds.parse("30"));
        assertEquals(Duration.ofSeconds(90), seconds.parse("1.5min"));
        assertEquals(Duration.ofSeconds(7200), seconds.parse("2h"));
        assertEquals(Duration.ofDays(1), seconds.parse("1d"));
        assertEquals(Duration.ofSeconds(1), seconds.parse("500ms"), "rounds to the nearest second");
        assertEquals(Duration.ofSeconds(0), seconds.parse("499ms"));
        assertEquals("30s", seconds.format(Duration.ofSeconds(30)));
        ParamType<Duration> millis = ParamTypes.time(TimeBase.MILLISECONDS, 0, Integer.MAX_VALUE);
        assertEquals(Duration.ofMillis(2500), millis.parse("2.5s"));
        assertEquals(Duration.ofMillis(10000), millis.parse("10000"));
    }

    @Test
    void timeRangeIsCheckedAfterConversion() {
        ParamType<Duration> t = ParamTypes.time(TimeBase.SECONDS, 1, 60);
        assertEquals("\"2min\" is out of range; expected a time from 1 to 60 (in s unless a unit is given: "
                + "us, ms, s, min, h, d)", assertThrows(InvalidValueException.class, () -> t.parse("2min")).getMessage());
    }

    @Test
    void sizes() throws Exception {
        ParamType<Long> bytes = ParamTypes.size(SizeBase.BYTES, 0, Long.MAX_VALUE);
        assertEquals(10L * 1024 * 1024, bytes.parse("10MB"));
        assertEquals(1024L, bytes.parse("1kB"));
        assertEquals(5L, bytes.parse("5"));
        assertEquals("invalid unit \"kb\" in \"1kb\"; valid units are B, kB, MB, GB and TB",
                assertThrows(InvalidValueException.class, () -> bytes.parse("1kb")).getMessage());
        ParamType<Long> kilobytes = ParamTypes.size(SizeBase.KILOBYTES, 0, Integer.MAX_VALUE);
        assertEquals(2048L, kilobytes.parse("2"));
        assertEquals("2kB", kilobytes.format(2048L));
    }

    @Test
    void integersInDecimalHexAndOctal() throws Exception {
        ParamType<Integer> i = ParamTypes.integer(-1, 1000);
        assertEquals(255, i.parse("0xff"));
        assertEquals(8, i.parse("010"));
        assertEquals(-1, i.parse("-1"));
        assertEquals(0, i.parse("0"));
        assertEquals("1001 is out of range; expected an integer from -1 to 1000",
                assertThrows(InvalidValueException.class, () -> i.parse("1001")).getMessage());
        assertThrows(InvalidValueException.class, () -> i.parse("1.5"));
        assertThrows(InvalidValueException.class, () -> i.parse("99999999999999999999"));
    }

    @Test
    void reals() throws Exception {
        ParamType<Double> r = ParamTypes.real(0, 100000000);
        assertEquals(0.5, r.parse("0.5"));
        assertEquals(1.0, r.parse("1"));
        assertEquals("1", r.format(1.0));
        assertThrows(InvalidValueException.class, () -> r.parse("-0.1"));
        assertThrows(InvalidValueException.class, () -> r.parse("NaN"));
    }

    @Test
    void enumsMatchCaseInsensitively() throws Exception {
        ParamType<Choices.SyslogFacility> facility = ParamTypes.enumeration(Choices.SyslogFacility.class);
        assertEquals(Choices.SyslogFacility.LOCAL3, facility.parse("local3"));
        assertEquals("LOCAL3", facility.format(Choices.SyslogFacility.LOCAL3));
        ParamType<Choices.CheckTempTable> temp = ParamTypes.enumeration(Choices.CheckTempTable.class);
        assertEquals(Choices.CheckTempTable.TRACE, temp.parse("Trace"));
    }
}
