package app.miniwallet.notifier.feed.stomp;

import app.miniwallet.notifier.NotifierSettings;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;
import org.springframework.messaging.simp.config.ChannelRegistration;
import org.springframework.messaging.simp.config.MessageBrokerRegistry;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.web.socket.config.annotation.StompEndpointRegistry;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;

/**
 * STOMP over plain WebSocket at {@code /ws}. The simple broker only answers CONNECT and keeps the
 * heart-beats; feed messages go to each subscription directly (see {@link FeedSessions}).
 */
@Configuration(proxyBeanMethods = false)
class StompFeedConfiguration implements WebSocketMessageBrokerConfigurer {

    private final NotifierSettings settings;
    private final FeedAccess access;
    private final TaskScheduler heartbeats;

    StompFeedConfiguration(
            NotifierSettings settings,
            FeedAccess access,
            @Lazy @Qualifier("messageBrokerTaskScheduler") TaskScheduler heartbeats) {
        this.settings = settings;
        this.access = access;
        this.heartbeats = heartbeats;
    }

    @Override
    public void registerStompEndpoints(StompEndpointRegistry registry) {
        registry.addEndpoint("/ws").setAllowedOrigins(settings.allowedOrigins().toArray(String[]::new));
        registry.setErrorHandler(new FeedErrorFrames());
    }

    @Override
    public void configureMessageBroker(MessageBrokerRegistry registry) {
        var heartbeat = settings.feed().heartbeat().toMillis();
        registry.enableSimpleBroker("/queue")
                .setHeartbeatValue(new long[] {heartbeat, heartbeat})
                .setTaskScheduler(heartbeats);
        registry.setUserDestinationPrefix("/user");
        // installs the hook the per-session ordered channels of FeedSessions rely on
        registry.setPreservePublishOrder(true);
    }

    @Override
    public void configureClientInboundChannel(ChannelRegistration registration) {
        registration.interceptors(access);
    }
}
