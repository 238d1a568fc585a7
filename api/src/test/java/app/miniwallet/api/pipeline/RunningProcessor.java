package app.miniwallet.api.pipeline;

import app.miniwallet.infra.net.FreePort;
import app.miniwallet.infra.process.ServiceProcess;
import app.miniwallet.infra.test.WalletTestStack;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;

/** The transfer-processor as its own process (its runnable jar), as in production, once per test JVM. */
final class RunningProcessor {

    private static ServiceProcess process;

    private RunningProcessor() {}

    static synchronized ServiceProcess shared() {
        if (process == null || !process.isAlive()) {
            process = start();
            Runtime.getRuntime().addShutdownHook(new Thread(process::stop, "stop-transfer-processor"));
        }
        return process;
    }

    /** kill -9, then a new process with the same instance id, as a supervisor would restart it. */
    static synchronized ServiceProcess killAndRestart() {
        shared().kill();
        process = start();
        return process;
    }

    private static ServiceProcess start() {
        var port = FreePort.find();
        var environment = new HashMap<>(WalletTestStack.shared().environment());
        environment.put("SERVER_PORT", Integer.toString(port));
        environment.put("WALLET_PROCESSOR_INSTANCE_ID", "transfer-processor-api-tests");
        var processor = ServiceProcess.start(
                "transfer-processor",
                ServiceProcess.executableJar("transfer-processor"),
                environment,
                Path.of("target", "transfer-processor.log"));
        processor.awaitHealthy(URI.create("http://localhost:" + port + "/actuator/health"), Duration.ofSeconds(90));
        return processor;
    }
}
