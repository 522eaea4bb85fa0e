package io.raftpool.proxy.backend;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.raftpool.proxy.BackendNode;
import io.raftpool.proxy.Transport;
import io.raftpool.proxy.protocol.Messages;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sends a CancelRequest for a backend connection's running query over a new short-lived connection. */
public final class CancelSender {

    private static final Logger LOG = LoggerFactory.getLogger(CancelSender.class);

    private CancelSender() {
    }

    /** Fire and forget, as libpq's PQcancel. */
    public static void send(Transport transport, EventLoop loop, BackendConnection target) {
        BackendNode node = target.node();
        transport.bootstrap(node.isUnixSocket()).group(loop)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 5000)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                    }
                })
                .connect(node.address()).addListener((ChannelFutureListener) f -> {
                    if (!f.isSuccess()) {
                        LOG.info("could not send cancel request to node {}: {}", node.id(), f.cause().getMessage());
                        return;
                    }
                    f.channel().writeAndFlush(Messages.cancelRequest(f.channel().alloc(), target.processId(),
                            target.secretKey())).addListener(ChannelFutureListener.CLOSE);
                });
    }
}
