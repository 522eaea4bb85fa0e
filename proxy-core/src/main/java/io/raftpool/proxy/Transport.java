package io.raftpool.proxy;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringAdaptiveBufferRingAllocator;
import io.netty.channel.uring.IoUringBufferRingConfig;
import io.netty.channel.uring.IoUringChannelOption;
import io.netty.channel.uring.IoUringDomainSocketChannel;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringIoHandlerConfig;
import io.netty.channel.uring.IoUringServerDomainSocketChannel;
import io.netty.channel.uring.IoUringServerSocketChannel;
import io.netty.channel.uring.IoUringSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The Netty transport. Event loops, server channels and client channels must all come from the same one.
 *
 * <ul>
 *   <li>{@code io_uring} (Linux 5.9 and later, when the kernel allows it): reads and writes are queued and
 *       the event loop makes one system call per turn for all of them, where epoll makes one per read and
 *       one per write.</li>
 *   <li>{@code epoll}: Linux without io_uring (older kernels; containers whose seccomp profile forbids it).</li>
 *   <li>{@code nio}: anywhere else; no Unix-domain sockets.</li>
 * </ul>
 *
 * <p>With io_uring, connections read into a ring of buffers their event loop shares (Linux 5.19 and later), so
 * an idle connection holds no receive buffer, as it does under epoll only between reads.
 *
 * <p>The Java system property {@value #PROPERTY} ({@code RAFTPOOL_JAVA_OPTS=-Draftpool.transport=epoll})
 * chooses one instead of the best available.
 */
public final class Transport {

    /** The system property that names the transport to use instead of the best available one. */
    public static final String PROPERTY = "raftpool.transport";

    /** The io_uring buffer group connections read into. */
    private static final short READ_BUFFER_GROUP = 1;
    /** Buffers in each event loop's ring: the reads that can complete in one turn of the loop without waiting. */
    private static final short READ_BUFFERS = 512;
    /**
     * Completions one turn of an io_uring event loop can take: a burst of thousands of connections opening
     * at once overflows Netty's default of 4096 (the kernel keeps the rest, but Netty warns).
     */
    private static final int COMPLETION_QUEUE = 16384;

    /** The transports, best first. */
    public enum Kind {
        IO_URING("io_uring"), EPOLL("epoll"), NIO("nio");

        /**
         * Netty's switch for IORING_ENTER_NO_IOWAIT (Linux 6.15+). Without it the kernel counts an event loop
         * waiting for its sockets as waiting for disk I/O: an idle proxy shows near 100 % iowait in top and
         * iostat and high I/O pressure in /proc/pressure/io. On unless the operator set it. Netty reads it
         * when its io_uring classes load, and everything here reaches them through this enum, so it is set
         * in this enum's initialiser.
         */
        private static final String NO_IOWAIT_PROPERTY = "io.netty.iouring.enterNoIoWaitEnabled";

        static {
            if (System.getProperty(NO_IOWAIT_PROPERTY) == null) {
                System.setProperty(NO_IOWAIT_PROPERTY, "true");
            }
        }

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** The name in logs and in {@value Transport#PROPERTY}. */
        public String label() {
            return label;
        }

        /** Whether this machine can use it. */
        public boolean isAvailable() {
            return switch (this) {
                case IO_URING -> IoUring.isAvailable();
                case EPOLL -> Epoll.isAvailable();
                case NIO -> true;
            };
        }

        /** Why it cannot be used here; only meaningful when {@link #isAvailable()} is false. */
        Throwable unavailabilityCause() {
            return switch (this) {
                case IO_URING -> IoUring.unavailabilityCause();
                case EPOLL -> Epoll.unavailabilityCause();
                case NIO -> null;
            };
        }

        static Kind named(String label) {
            for (Kind k : values()) {
                if (k.label.equalsIgnoreCase(label.trim())) {
                    return k;
                }
            }
            throw new IllegalArgumentException("invalid " + PROPERTY + " \"" + label
                    + "\": expected io_uring, epoll or nio");
        }
    }

    private final Kind kind;
    /** Whether connections read into their event loop's shared ring of buffers (io_uring, Linux 5.19+). */
    private final boolean sharedReadBuffers;

    private Transport(Kind kind) {
        this.kind = kind;
        this.sharedReadBuffers = kind == Kind.IO_URING && IoUring.isRegisterBufferRingSupported();
    }

    /** The transport {@value #PROPERTY} names, or else the best this machine has. */
    public static Transport best() {
        String wanted = System.getProperty(PROPERTY, "");
        return wanted.isBlank() ? new Transport(bestAvailable()) : of(Kind.named(wanted));
    }

    /**
     * The given transport.
     *
     * @throws IllegalStateException when this machine cannot use it, with the reason
     */
    public static Transport of(Kind kind) {
        if (!kind.isAvailable()) {
            Throwable cause = kind.unavailabilityCause();
            throw new IllegalStateException("the " + kind.label() + " transport is not available here"
                    + (cause == null ? "" : ": " + cause.getMessage()), cause);
        }
        return new Transport(kind);
    }

    private static Kind bestAvailable() {
        for (Kind k : Kind.values()) {
            if (k.isAvailable()) {
                return k;
            }
        }
        return Kind.NIO;
    }

    public Kind kind() {
        return kind;
    }

    public boolean supportsUnixSockets() {
        return kind != Kind.NIO;
    }

    public EventLoopGroup eventLoopGroup(int threads, String name) {
        return new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory(name, true), ioHandlerFactory());
    }

    private IoHandlerFactory ioHandlerFactory() {
        return switch (kind) {
            case IO_URING -> IoUringIoHandler.newFactory(ioUringConfig());
            case EPOLL -> EpollIoHandler.newFactory();
            case NIO -> NioIoHandler.newFactory();
        };
    }

    private IoUringIoHandlerConfig ioUringConfig() {
        IoUringIoHandlerConfig config = new IoUringIoHandlerConfig().setCqSize(COMPLETION_QUEUE);
        if (sharedReadBuffers) {
            config.setBufferRingConfig(IoUringBufferRingConfig.builder().bufferGroupId(READ_BUFFER_GROUP)
                    .bufferRingSize(READ_BUFFERS).batchSize(READ_BUFFERS / 8)
                    .allocator(new IoUringAdaptiveBufferRingAllocator()).build());
        }
        return config;
    }

    /**
     * A bootstrap for outgoing connections of this transport, its channel class chosen (a Unix-domain socket
     * or TCP) and what the transport's connections need set; the caller adds the event loop and handler.
     */
    public Bootstrap bootstrap(boolean unixSocket) {
        Bootstrap b = new Bootstrap().channel(unixSocket ? unixChannel() : tcpChannel());
        if (sharedReadBuffers) {
            b.option(IoUringChannelOption.IO_URING_BUFFER_GROUP_ID, READ_BUFFER_GROUP);
        }
        return b;
    }

    /** As {@link #bootstrap}, for a listening socket and the connections it accepts. */
    public ServerBootstrap serverBootstrap(boolean unixSocket) {
        ServerBootstrap b = new ServerBootstrap().channel(unixSocket ? unixServerChannel() : tcpServerChannel());
        if (sharedReadBuffers) {
            b.childOption(IoUringChannelOption.IO_URING_BUFFER_GROUP_ID, READ_BUFFER_GROUP);
        }
        return b;
    }

    private Class<? extends ServerChannel> tcpServerChannel() {
        return switch (kind) {
            case IO_URING -> IoUringServerSocketChannel.class;
            case EPOLL -> EpollServerSocketChannel.class;
            case NIO -> NioServerSocketChannel.class;
        };
    }

    private Class<? extends ServerChannel> unixServerChannel() {
        return switch (kind) {
            case IO_URING -> IoUringServerDomainSocketChannel.class;
            case EPOLL -> EpollServerDomainSocketChannel.class;
            case NIO -> throw new UnsupportedOperationException("Unix-domain sockets need the epoll or io_uring "
                    + "transport");
        };
    }

    private Class<? extends Channel> tcpChannel() {
        return switch (kind) {
            case IO_URING -> IoUringSocketChannel.class;
            case EPOLL -> EpollSocketChannel.class;
            case NIO -> NioSocketChannel.class;
        };
    }

    private Class<? extends Channel> unixChannel() {
        return switch (kind) {
            case IO_URING -> IoUringDomainSocketChannel.class;
            case EPOLL -> EpollDomainSocketChannel.class;
            case NIO -> throw new UnsupportedOperationException("Unix-domain sockets need the epoll or io_uring "
                    + "transport");
        };
    }

    @Override
    public String toString() {
        return kind.label();
    }
}
