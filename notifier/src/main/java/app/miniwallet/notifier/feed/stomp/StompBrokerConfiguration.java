package app.miniwallet.notifier.feed.stomp;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.support.AbstractSubscribableChannel;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.config.annotation.DelegatingWebSocketMessageBrokerConfiguration;
import org.springframework.web.socket.messaging.SubProtocolWebSocketHandler;

/**
 * What {@code @EnableWebSocketMessageBroker} sets up, with one change: every session is a
 * {@link FlushBeforeCloseSession}, so that an ERROR frame reaches the client before the connection
 * closes. The endpoint, broker and interceptor come from {@link StompFeedConfiguration}.
 */
@Configuration(proxyBeanMethods = false)
class StompBrokerConfiguration extends DelegatingWebSocketMessageBrokerConfiguration {

    @Override
    @Bean
    public WebSocketHandler subProtocolWebSocketHandler(
            AbstractSubscribableChannel clientInboundChannel, AbstractSubscribableChannel clientOutboundChannel) {
        var handler = new SubProtocolWebSocketHandler(clientInboundChannel, clientOutboundChannel) {
            @Override
            protected WebSocketSession decorateSession(WebSocketSession session) {
                return new FlushBeforeCloseSession(session, getSendTimeLimit(), getSendBufferSizeLimit());
            }
        };
        handler.setPhase(getPhase());
        return handler;
    }
}
