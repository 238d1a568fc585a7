package app.miniwallet.systemtests.pipeline;

import app.miniwallet.testsupport.net.FreePort;
import app.miniwallet.testsupport.process.ServiceProcess;
import app.miniwallet.testsupport.stack.ServiceLauncher;
import app.miniwallet.testsupport.stack.WalletTestStack;
import java.time.Duration;

/** The transfer-processor as its own process (its runnable jar), as in production, once per test JVM. */
final class RunningProcessor {

    private static final ServiceLauncher LAUNCHER = ServiceLauncher.of(
                    "transfer-processor", WalletTestStack.shared().connections())
            .with("WALLET_PROCESSOR_INSTANCE_ID", "transfer-processor-api-tests");

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
        return LAUNCHER.onPort(FreePort.find()).startHealthy(Duration.ofSeconds(90));
    }
}
