package app.miniwallet.api;

import app.miniwallet.testsupport.stack.WalletTestStackInitializer;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

/**
 * The api on a random port against the shared real Kafka broker and PostgreSQL; its application named, so that the
 * system tests, in packages of their own, start the same one.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
        classes = ApiApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "wallet.outbox.poll-interval=200ms",
            // the tests' clients stand in for a proxy on localhost: each names its own address (WalletFixtures.client)
            "server.forward-headers-strategy=native",
            // top-ups credited at once, as the tests fund people; the payment provider's mode has tests of its own
            "wallet.top-ups.mode=instant"
        })
@ContextConfiguration(initializers = WalletTestStackInitializer.class)
@Import(WalletFixtures.class)
public @interface ApiIntegrationTest {}
