package io.raftpool.conf;

/**
 * A heartbeat destination ({@code heartbeat_hostnameN}, {@code heartbeat_portN}, {@code heartbeat_deviceN}).
 *
 * @param id       the watchdog node id N
 * @param hostname where heartbeats for node N are sent
 * @param port     its UDP port
 * @param device   network device to send through, or empty
 */
public record HeartbeatConfig(int id, String hostname, int port, String device) {
}
