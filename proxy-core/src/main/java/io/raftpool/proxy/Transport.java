package io.raftpool.proxy;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.Channel;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The Netty transport: epoll on Linux (which also gives Unix-domain sockets), NIO elsewhere. Event loops,
 * server channels and client channels must all come from the same transport.
 */
public final class Transport {

    private final boolean epoll;

    private Transport(boolean epoll) {
        this.epoll = epoll;
    }

    /** epoll when the native library loads, else NIO. */
    public static Transport best() {
        return new Transport(Epoll.isAvailable());
    }

    public boolean supportsUnixSockets() {
        return epoll;
    }

    public EventLoopGroup eventLoopGroup(int threads, String name) {
        DefaultThreadFactory factory = new DefaultThreadFactory(name, true);
        return epoll ? new EpollEventLoopGroup(threads, factory) : new NioEventLoopGroup(threads, factory);
    }

    public Class<? extends ServerChannel> tcpServerChannel() {
        return epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    public Class<? extends ServerChannel> unixServerChannel() {
        if (!epoll) {
            throw new UnsupportedOperationException("Unix-domain sockets need the epoll transport");
        }
        return EpollServerDomainSocketChannel.class;
    }

    public Class<? extends Channel> tcpChannel() {
        return epoll ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    public Class<? extends Channel> unixChannel() {
        if (!epoll) {
            throw new UnsupportedOperationException("Unix-domain sockets need the epoll transport");
        }
        return EpollDomainSocketChannel.class;
    }
}
