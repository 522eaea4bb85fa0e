package io.raftpool.it.cluster;

import io.raftpool.it.failover.FailoverScripts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The watchdog's external commands for a cluster in a {@link NetnsLab}, as real scripts. Each finds out
 * which member it runs for with {@code ip netns identify} (raftpool runs them inside its own namespace) and
 * appends one line with a {@code date +%s.%N} timestamp to a log in the scripts directory:
 * <ul>
 * <li>{@code escalation.sh} (wd_escalation_command) fences the other members: it removes the delegate IP
 *     from every other member namespace, as a real deployment does through its cloud API or STONITH.
 *     {@code ip -n} works across a cut link, since namespaces share the filesystem. Log: escalation.log.
 * <li>{@code de_escalation.sh} (wd_de_escalation_command) only logs, to escalation.log.
 * <li>{@code garp.sh} (arping_cmd) does for the lab what a gratuitous ARP does on a real segment: the other
 *     hosts forget which MAC the delegate IP had, so their next packet to it asks again and the new holder
 *     answers. (A real {@code arping} is not needed on the test machine.) Log: vip.log.
 * <li>{@code if_up.sh} and {@code if_down.sh}, for the benchmark: the same {@code ip addr add/del} as the
 *     plain commands, then a line with the time to vip.log.
 * </ul>
 * failover.sh and follow.sh are {@link FailoverScripts}'s, logging to events.log.
 */
final class WatchdogScripts {

    static final String ESCALATION_LOG = "escalation.log";
    static final String VIP_LOG = "vip.log";

    private WatchdogScripts() {
    }

    static void write(Path dir, NetnsLab lab, String ip) {
        FailoverScripts.write(dir);
        List<String> members = new ArrayList<>();
        for (int k = 0; k < lab.members(); k++) {
            members.add(lab.memberNamespace(k));
        }
        List<String> everyone = new ArrayList<>(members);
        everyone.add(lab.clientNamespace());
        String common = """
                #!/bin/sh
                IP=%IP%
                SELF=$($IP netns identify 2>/dev/null)
                if [ -z "$SELF" ]; then
                    echo "$0: cannot tell which namespace this runs in" >&2
                    exit 1
                fi
                now() { date +%s.%N; }
                """.replace("%IP%", ip);
        FailoverScripts.write(dir.resolve("escalation.sh"), common + """
                # wd_escalation_command: fence every other member by taking the delegate IP away from it
                echo "escalation $SELF $(now)" >> "%DIR%/%LOG%"
                for NS in %MEMBERS%; do
                    [ "$NS" = "$SELF" ] && continue
                    if $IP -n "$NS" addr del %VIP%/%LEN% dev %DEV% 2>/dev/null; then
                        echo "fenced $NS $(now) by $SELF" >> "%DIR%/%LOG%"
                    fi
                done
                exit 0
                """.replace("%MEMBERS%", String.join(" ", members)).replace("%VIP%", lab.vip())
                .replace("%LEN%", String.valueOf(NetnsLab.PREFIX_LENGTH)).replace("%DEV%", NetnsLab.DEVICE)
                .replace("%DIR%", dir.toString()).replace("%LOG%", ESCALATION_LOG));
        FailoverScripts.write(dir.resolve("de_escalation.sh"), common + """
                echo "de-escalation $SELF $(now)" >> "%DIR%/%LOG%"
                exit 0
                """.replace("%DIR%", dir.toString()).replace("%LOG%", ESCALATION_LOG));
        FailoverScripts.write(dir.resolve("garp.sh"), common + """
                # arping_cmd (garp.sh $_IP_$): the other hosts forget the MAC they had for the address
                for NS in %EVERYONE%; do
                    [ "$NS" = "$SELF" ] && continue
                    $IP -n "$NS" neigh flush to "$1" dev %DEV% 2>/dev/null
                done
                echo "garp $SELF $(now) $1" >> "%DIR%/%LOG%"
                exit 0
                """.replace("%EVERYONE%", String.join(" ", everyone)).replace("%DEV%", NetnsLab.DEVICE)
                .replace("%DIR%", dir.toString()).replace("%LOG%", VIP_LOG));
        FailoverScripts.write(dir.resolve("if_up.sh"), common + """
                # if_up_cmd (if_up.sh $_IP_$)
                $IP addr add "$1/%LEN%" dev %DEV% label %DEV%:0
                rc=$?
                echo "up $SELF $(now) rc=$rc" >> "%DIR%/%LOG%"
                exit $rc
                """.replace("%LEN%", String.valueOf(NetnsLab.PREFIX_LENGTH)).replace("%DEV%", NetnsLab.DEVICE)
                .replace("%DIR%", dir.toString()).replace("%LOG%", VIP_LOG));
        FailoverScripts.write(dir.resolve("if_down.sh"), common + """
                # if_down_cmd (if_down.sh $_IP_$)
                $IP addr del "$1/%LEN%" dev %DEV%
                rc=$?
                echo "down $SELF $(now) rc=$rc" >> "%DIR%/%LOG%"
                exit $rc
                """.replace("%LEN%", String.valueOf(NetnsLab.PREFIX_LENGTH)).replace("%DEV%", NetnsLab.DEVICE)
                .replace("%DIR%", dir.toString()).replace("%LOG%", VIP_LOG));
    }

    /** The lines of a log in the scripts directory (empty if nothing wrote it yet). */
    static List<String> lines(Path dir, String log) {
        try {
            Path f = dir.resolve(log);
            return Files.exists(f) ? Files.readAllLines(f) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
