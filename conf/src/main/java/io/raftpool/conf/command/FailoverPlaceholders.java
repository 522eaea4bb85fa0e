package io.raftpool.conf.command;

/**
 * The placeholders of failover_command, follow_primary_command and failback_command, named as Pgpool-II
 * documents them.
 *
 * @param nodeId             %d: id of the node failed over (or failed back, or following)
 * @param hostname           %h: its host name
 * @param port               %p: its port
 * @param dataDirectory      %D: its data directory
 * @param newMainNodeId      %m: id of the new main node
 * @param newMainHostname    %H: host name of the new main node
 * @param oldMainNodeId      %M: id of the old main node
 * @param oldPrimaryNodeId   %P: id of the old primary
 * @param newMainPort        %r: port of the new main node
 * @param newMainDataDirectory %R: data directory of the new main node
 * @param oldPrimaryHostname %N: host name of the old primary
 * @param oldPrimaryPort     %S: port of the old primary
 */
public record FailoverPlaceholders(int nodeId, String hostname, int port, String dataDirectory, int newMainNodeId,
        String newMainHostname, int oldMainNodeId, int oldPrimaryNodeId, int newMainPort,
        String newMainDataDirectory, String oldPrimaryHostname, int oldPrimaryPort) {

    /** The values for a command template. */
    public Placeholders toPlaceholders() {
        return Placeholders.builder()
                .percent('d', nodeId).percent('h', hostname).percent('p', port).percent('D', dataDirectory)
                .percent('m', newMainNodeId).percent('H', newMainHostname).percent('M', oldMainNodeId)
                .percent('P', oldPrimaryNodeId).percent('r', newMainPort).percent('R', newMainDataDirectory)
                .percent('N', oldPrimaryHostname).percent('S', oldPrimaryPort)
                .build();
    }
}
