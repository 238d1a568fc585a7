package app.miniwallet.processor;

import app.miniwallet.testsupport.stack.WalletTestStackInitializer;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

/**
 * The processor as it runs, against the shared broker and database. Every test class uses exactly
 * this configuration, so they share one application context and one listener container: two live
 * containers in the same consumer group would split the partitions between them.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            // stable, as in the dev stack: a restarted context fences its predecessor's transactions
            "wallet.processor.instance-id=transfer-processor-test",
            "wallet.processor.concurrency=3"
        })
@ContextConfiguration(initializers = WalletTestStackInitializer.class)
@Import(ProcessorTestConfiguration.class)
@interface ProcessorIntegrationTest {}
