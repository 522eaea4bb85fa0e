import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.raftpool.proxy.Transport;
import java.net.InetSocketAddress;

/**
 * The floor of a proxy built like raftpool, for bench/pgbench.sh's "relay" target: every client connection
 * gets its own connection to PostgreSQL, and bytes are copied both ways as they arrive, on one Netty event
 * loop of raftpool's transport (io_uring, else epoll; {@code -Draftpool.transport} as for raftpool) with
 * raftpool's socket options. It reads no message, authenticates no one and pools nothing;
 * what raftpool costs above it is the price of being a PostgreSQL proxy rather than of Netty and the JVM.
 *
 * <p>Run as a single-file program with raftpool's jars: {@code java -cp 'lib/*' NettyRelay.java LISTEN_PORT
 * BACKEND_PORT} (both on 127.0.0.1).
 */
public final class NettyRelay {

    /** Copies what one side reads to the other, flushing once per read burst; closes both together. */
    private static final class Relay extends ChannelInboundHandlerAdapter {
        private final Channel peer;

        Relay(Channel peer) {
            this.peer = peer;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            peer.write(msg, peer.voidPromise());
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            peer.flush();
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            peer.config().setAutoRead(ctx.channel().isWritable());   // backpressure: a slow side pauses the other
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            peer.close();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 2) {
            System.err.println("usage: java -cp 'lib/*' NettyRelay.java LISTEN_PORT BACKEND_PORT");
            System.exit(2);
        }
        InetSocketAddress listen = new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0]));
        InetSocketAddress backend = new InetSocketAddress("127.0.0.1", Integer.parseInt(args[1]));
        Transport transport = Transport.best();
        EventLoopGroup loop = transport.eventLoopGroup(1, "relay");
        Channel server = transport.serverBootstrap(false).group(loop)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.AUTO_READ, false)   // until the backend connection is up
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel client) {
                        transport.bootstrap(false).group(client.eventLoop())
                                .option(ChannelOption.TCP_NODELAY, true)
                                .handler(new Relay(client))
                                .connect(backend).addListener((ChannelFutureListener) f -> {
                                    if (!f.isSuccess() || !client.isActive()) {
                                        client.close();
                                        f.channel().close();
                                        return;
                                    }
                                    client.pipeline().addLast(new Relay(f.channel()));
                                    client.config().setAutoRead(true);
                                });
                    }
                })
                .bind(listen).sync().channel();
        System.out.println("relaying " + listen + " to " + backend + " (" + transport + " transport)");
        server.closeFuture().sync();   // the transport's event loop threads are daemons: main must not return
    }
}
