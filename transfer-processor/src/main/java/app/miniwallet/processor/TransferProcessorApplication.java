package app.miniwallet.processor;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class TransferProcessorApplication {

    public static void main(String[] args) {
        SpringApplication.run(TransferProcessorApplication.class, args);
    }
}
