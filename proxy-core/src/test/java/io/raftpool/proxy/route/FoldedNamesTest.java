package io.raftpool.proxy.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Random;
import org.junit.jupiter.api.Test;

class FoldedNamesTest {

    private static String folded(String sql, int start, int end) {
        int hash = 0;
        for (int i = start; i < end; i++) {
            hash = 31 * hash + FoldedNames.fold(sql.charAt(i));
        }
        return FoldedNames.of(sql, start, end, hash);
    }

    @Test
    void onlyAsciiLettersAreLowerCased() {
        assertEquals("select", folded("SeLeCt", 0, 6));
        assertEquals("ÉtÉ_x1$", folded("ÉTÉ_X1$", 0, 7));
        assertEquals("名前abc", folded("x 名前ABC y", 2, 7));
    }

    @Test
    void theSameNameInAnyCaseIsOneString() {
        String first = folded("SELECT pgbench_accounts", 7, 23);
        assertSame(first, folded("select PGBENCH_ACCOUNTS", 7, 23));
        assertSame(first, folded("pgbench_accounts", 0, 16));
        assertEquals(first.hashCode(), "pgbench_accounts".hashCode());
    }

    @Test
    void namesSharingASlotAndLongNamesStayCorrect() {
        Random random = new Random(7);
        String[] names = new String[20_000];
        for (int i = 0; i < names.length; i++) {
            StringBuilder b = new StringBuilder();
            int length = 1 + random.nextInt(i % 10 == 0 ? 90 : 12);
            for (int j = 0; j < length; j++) {
                b.append((char) ((random.nextBoolean() ? 'a' : 'A') + random.nextInt(26)));
            }
            names[i] = b.toString();
        }
        // 20,000 names over the cache's slots: many share one, and names over 63 characters are never cached
        for (int round = 0; round < 2; round++) {
            for (String name : names) {
                assertEquals(SqlChars.lowerAscii(name), folded("(" + name + ")", 1, name.length() + 1), name);
            }
        }
    }
}
