package io.raftpool.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.unix.DomainSocketAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** Each transport this machine has carries bytes both ways over TCP and Unix sockets; the property chooses. */
class TransportTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Transport.Kind.class)
    void carriesBytesBothWaysOverTcp(Transport.Kind kind) throws Exception {
        assumeTrue(kind.isAvailable(), kind.label() + " is not available on this machine");
        Transport transport = Transport.of(kind);
        assertEquals("hello over " + kind.label(), echo(transport, false,
                new InetSocketAddress("127.0.0.1", 0), "hello over " + kind.label()));
    }

    @ParameterizedTest
    @EnumSource(value = Transport.Kind.class, names = {"IO_URING", "EPOLL"})
    void carriesBytesBothWaysOverUnixSockets(Transport.Kind kind) throws Exception {
        assumeTrue(kind.isAvailable(), kind.label() + " is not available on this machine");
        Transport transport = Transport.of(kind);
        assertTrue(transport.supportsUnixSockets());
        Path socket = dir.resolve(".s.PGSQL." + kind.ordinal());
        assertEquals("unix " + kind.label(), echo(transport, true,
                new DomainSocketAddress(socket.toString()), "unix " + kind.label()));
    }

    @Test
    void nioHasNoUnixSockets() {
        Transport nio = Transport.of(Transport.Kind.NIO);
        assertFalse(nio.supportsUnixSockets());
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> nio.serverBootstrap(true));
        assertTrue(e.getMessage().contains("Unix-domain sockets need the epoll or io_uring transport"), e.getMessage());
    }

    @Test
    void thePropertyChoosesTheTransportAndAnUnknownNameIsRefusedByName() {
        String before = System.getProperty(Transport.PROPERTY);
        try {
            System.setProperty(Transport.PROPERTY, " NIO ");
            assertEquals(Transport.Kind.NIO, Transport.best().kind());

            System.setProperty(Transport.PROPERTY, "kqueue");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, Transport::best);
            assertEquals("invalid raftpool.transport \"kqueue\": expected io_uring, epoll or nio", e.getMessage());

            System.clearProperty(Transport.PROPERTY);
            Transport.Kind best = Transport.best().kind();
            assertTrue(best.isAvailable());
            for (Transport.Kind better : Transport.Kind.values()) {
                if (better == best) {
                    break;
                }
                assertFalse(better.isAvailable(), better.label() + " is available, so it should have been chosen");
            }
        } finally {
            if (before == null) {
                System.clearProperty(Transport.PROPERTY);
            } else {
                System.setProperty(Transport.PROPERTY, before);
            }
        }
    }

    /** Sends {@code text} to an echo server of the given channel classes and returns what comes back. */
    private static String echo(Transport transport, boolean unixSocket, SocketAddress at, String text)
            throws Exception {
        EventLoopGroup group = transport.eventLoopGroup(1, "test-transport");
        try {
            Channel server = transport.serverBootstrap(unixSocket).group(group)
                    .childHandler(new ChannelInboundHandlerAdapter() {
                        @Override
                        public void channelRead(ChannelHandlerContext ctx, Object msg) {
                            ctx.writeAndFlush(msg);
                        }
                    }).bind(at).sync().channel();
            CompletableFuture<String> received = new CompletableFuture<>();
            StringBuilder got = new StringBuilder();
            Channel client = transport.bootstrap(unixSocket).group(group)
                    .handler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            ch.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                                @Override
                                public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                    ByteBuf buf = (ByteBuf) msg;
                                    got.append(buf.toString(StandardCharsets.UTF_8));
                                    buf.release();
                                    if (got.length() >= text.length()) {
                                        received.complete(got.toString());
                                    }
                                }
                            });
                        }
                    }).connect(server.localAddress()).sync().channel();
            client.writeAndFlush(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8)).sync();
            String answer = received.get(10, TimeUnit.SECONDS);
            client.close().sync();
            server.close().sync();
            return answer;
        } finally {
            group.shutdownGracefully(0, 100, TimeUnit.MILLISECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
    }
}
