package app.miniwallet.devstack;

import app.miniwallet.testsupport.net.FreePort;
import app.miniwallet.testsupport.postgres.PostgresServer;
import app.miniwallet.testsupport.process.ServiceProcess;
import app.miniwallet.testsupport.stack.ServiceConnections;
import app.miniwallet.testsupport.stack.ServiceLauncher;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import sun.misc.Signal;

/**
 * The one-command dev stack: PostgreSQL, a KRaft Kafka broker and a mail catcher inside this JVM, then api,
 * transfer-processor, notifier and analytics, each as its own process from its executable jar, as in production. Ctrl-C or
 * SIGTERM stops the services first, then the mail catcher, Kafka and PostgreSQL; a service that dies on its own takes
 * the whole stack down with it, so a half-working stack never goes unnoticed.
 *
 * <p>With {@code --cluster}, the production shape on one machine: three Kafka nodes, each a process of its own, two
 * transfer-processors, two notifiers and two analytics instances beside the api; and every process that dies, a Kafka
 * node or a service, is started again after a moment, as a supervisor ({@code restart: unless-stopped}) would, saying
 * so on the console.
 */
public final class DevStack {

    static final String DEMO_PASSWORD = "mini@Wallet025";
    static final List<String> DEMO_USERS = List.of("user.alpha@demo.app", "user.beta@demo.app", "user.gamma@demo.app");

    private static final Duration SERVICE_STARTUP = Duration.ofMinutes(3);
    static final String CLUSTER_OPTION = "--cluster";
    private static final String LOGBACK_CONFIGURATION = "app/miniwallet/devstack/logback-devstack.xml";

    private final DevStackSettings settings;
    private final Map<WalletService, Path> jars;
    private final EarlierRun earlierRun;
    private final Progress progress;
    private final Object lock = new Object();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final List<ServiceProcess> services = new ArrayList<>(); // guarded by lock
    private Infrastructure infrastructure; // guarded by lock
    private String jwtSecret; // guarded by lock
    private String operatorPassword; // guarded by lock
    private String paymentWebhookSecret; // guarded by lock; only with WALLET_TOP_UPS=provider
    private String eventEncryptionKey; // guarded by lock
    private boolean stopping; // guarded by lock

    private DevStack(
            DevStackSettings settings, Map<WalletService, Path> jars, EarlierRun earlierRun, Progress progress) {
        this.settings = settings;
        this.jars = jars;
        this.earlierRun = earlierRun;
        this.progress = progress;
    }

    public static void main(String[] args) {
        System.exit(run(List.of(args), System.getenv(), System.out, System.err));
    }

    static int run(Map<String, String> environment, PrintStream out, PrintStream err) {
        return run(List.of(), environment, out, err);
    }

    /** Runs the stack until it is stopped; returns the process exit code. */
    static int run(List<String> arguments, Map<String, String> environment, PrintStream out, PrintStream err) {
        var unknown = arguments.stream()
                .filter(argument -> !argument.equals(CLUSTER_OPTION))
                .toList();
        if (!unknown.isEmpty()) {
            err.println("devstack: unknown option " + unknown.get(0) + "; the only option is " + CLUSTER_OPTION);
            return 2;
        }
        DevStackSettings settings;
        try {
            settings = DevStackSettings.fromEnvironment(
                    environment,
                    ServiceProcess.repositoryRoot().resolve(".devstack"),
                    arguments.contains(CLUSTER_OPTION));
        } catch (DevStackSettings.InvalidSettingException | IllegalStateException e) {
            err.println("devstack: " + e.getMessage());
            return 1;
        }
        var earlierRun = new EarlierRun(settings);
        var survivors = earlierRun.survivors();
        if (!survivors.isEmpty()) {
            err.println("devstack: " + EarlierRun.describe(survivors));
            return 1;
        }
        var portProblems = settings.portProblems(FreePort::isFree);
        if (!portProblems.isEmpty()) {
            portProblems.forEach(problem -> err.println("devstack: " + problem));
            return 1;
        }
        Map<WalletService, Path> jars;
        try {
            jars = executableJars(settings);
        } catch (IllegalStateException e) {
            err.println("devstack: " + e.getMessage());
            return 1;
        }
        routeLogsTo(settings.logDirectory());
        var devStack = new DevStack(settings, jars, earlierRun, new Progress(out));
        devStack.stopOnSignals();
        Runtime.getRuntime().addShutdownHook(new Thread(devStack::stop, "devstack-shutdown"));
        return devStack.runUntilStopped(err);
    }

    private int runUntilStopped(PrintStream err) {
        try {
            start();
        } catch (RuntimeException e) {
            if (isStopping()) {
                return awaitStopped();
            }
            err.println("devstack: " + e.getMessage());
            progress.say("stopping what had started");
            stop();
            return 1;
        }
        progress.print(summary());
        if (settings.cluster()) {
            superviseEveryProcess();
            return awaitStopped();
        }
        var exited = awaitFirstServiceExit();
        if (isStopping()) {
            return awaitStopped();
        }
        err.printf(
                "devstack: %s exited on its own with code %d, so the stack stops. The end of %s:%n%s%n",
                exited.name(), exited.exitValue(), relative(exited.logFile()), exited.logTail(20));
        stop();
        return 1;
    }

    private void start() {
        var secret = StoredSecret.JWT_SECRET.loadOrCreate(settings.jwtSecretFile());
        var password = StoredSecret.OPERATOR_PASSWORD.loadOrCreate(settings.operatorPasswordFile());
        var encryptionKey = StoredSecret.EVENT_ENCRYPTION_KEY.loadOrCreate(settings.eventEncryptionKeyFile());
        var webhookSecret = settings.topUps() == DevStackSettings.TopUps.PROVIDER
                ? StoredSecret.PAYMENT_WEBHOOK_SECRET.loadOrCreate(settings.paymentWebhookSecretFile())
                : null;
        synchronized (lock) {
            jwtSecret = secret;
            operatorPassword = password;
            eventEncryptionKey = encryptionKey;
            paymentWebhookSecret = webhookSecret;
        }
        var infrastructure = startInfrastructure();
        var all = WalletService.all(settings);
        // the api goes first: it migrates the schema and seeds the demo users the others rely on
        var api = all.get(0);
        awaitHealthy(api, launch(api, infrastructure, secret));
        var others = all.subList(1, all.size());
        var processes = others.stream()
                .map(service -> launch(service, infrastructure, secret))
                .toList();
        for (var index = 0; index < others.size(); index++) {
            awaitHealthy(others.get(index), processes.get(index));
        }
    }

    private Infrastructure startInfrastructure() {
        synchronized (lock) {
            failIfStopping();
            infrastructure = Infrastructure.start(settings, progress, paymentWebhookSecret);
            infrastructure.kafkaCluster().ifPresent(cluster -> cluster.brokers()
                    .forEach(broker -> earlierRun.remember(
                            EarlierRun.kafkaName(broker.node().id()), broker.pid())));
            return infrastructure;
        }
    }

    private ServiceProcess launch(WalletService service, Infrastructure infrastructure, String jwtSecret) {
        synchronized (lock) {
            failIfStopping();
            progress.say("starting " + service.name() + " on port " + service.port() + " (log: "
                    + relative(logFile(service)) + ")");
            var process = launcher(service, infrastructure, jwtSecret).start();
            services.add(process);
            earlierRun.remember(process);
            return process;
        }
    }

    private void awaitHealthy(WalletService service, ServiceProcess process) {
        var started = System.nanoTime();
        process.awaitHealthy(service.healthUrl(), SERVICE_STARTUP);
        progress.say("%s ready (%.1f s)".formatted(service.name(), (System.nanoTime() - started) / 1e9));
    }

    /** How the service starts: the way a deployment would configure it, through its environment. */
    private ServiceLauncher launcher(WalletService service, Infrastructure infrastructure, String jwtSecret) {
        var connections = new ServiceConnections(
                infrastructure.kafkaBootstrapServers(),
                infrastructure.postgres().jdbcUrl(),
                PostgresServer.USER,
                PostgresServer.PASSWORD,
                jwtSecret,
                eventEncryptionKey(),
                // the operator's credential (user "operator") for every actuator and the processors' admin API
                operatorPassword());
        var launcher = ServiceLauncher.of(service.module(), connections)
                .named(service.name())
                .onPort(service.port())
                .fromJar(jars.get(service))
                .loggingTo(logFile(service))
                .mailingTo("localhost", settings.smtpPort())
                .with(environment(settings, service));
        infrastructure.paymentProvider().filter(provider -> service.isApi()).ifPresent(provider -> launcher
                // top-ups wait for the fake provider's signed webhook, as they wait for a real one's in production
                .with("WALLET_TOP_UPS_MODE", "provider")
                .with(
                        "WALLET_TOP_UPS_PROVIDER_CHECKOUT_URL",
                        provider.checkoutUrl().toString())
                .with("WALLET_TOP_UPS_PROVIDER_WEBHOOK_SECRET", paymentWebhookSecret()));
        return launcher;
    }

    /** What the dev stack tells {@code service} beside its connections, through its environment. */
    static Map<String, String> environment(DevStackSettings settings, WalletService service) {
        var environment = new LinkedHashMap<String, String>();
        // this machine only, unless WALLET_BIND_ADDRESS says otherwise
        environment.put("SERVER_ADDRESS", settings.bindAddress());
        environment.put("SPRING_PROFILES_ACTIVE", "dev");
        // stable per slot: a restarted processor takes its partitions back and fences its predecessor at once
        environment.put("WALLET_PROCESSOR_INSTANCE_ID", settings.cluster() ? service.name() : "transfer-processor-1");
        if (settings.cluster()) {
            // every wallet topic on all three nodes; writes need two of them (WalletTopics sets the topics' ISR)
            environment.put(
                    "WALLET_TOPICS_REPLICAS",
                    Integer.toString(settings.kafkaPorts().size()));
        }
        // the page (served by api) talks to the notifier's feed: each must know where the other is
        var page = "http://localhost:" + settings.apiPort();
        environment.put("WALLET_WEB_FEED_URL", "ws://localhost:" + settings.notifierPort() + "/ws");
        environment.put("WALLET_NOTIFIER_WEB_BASE_URL", page);
        environment.put("WALLET_NOTIFIER_ALLOWED_ORIGINS", page + ",http://127.0.0.1:" + settings.apiPort());
        if (service.isAnalytics()) {
            environment.put(
                    "SPRING_KAFKA_STREAMS_STATE_DIR",
                    settings.analyticsStateDirectory(service.name()).toString());
            if (settings.cluster()) {
                // a warm copy of every store on the other instance: a killed one's figures are served on at once
                environment.put("WALLET_ANALYTICS_STANDBY_REPLICAS", "1");
            }
        }
        return environment;
    }

    /** Stops the services (all at once, each with SIGTERM), then the mail catcher, Kafka and PostgreSQL. */
    void stop() {
        List<ServiceProcess> running;
        Infrastructure infrastructure;
        synchronized (lock) {
            if (stopping) {
                awaitStopped();
                return;
            }
            stopping = true;
            running = List.copyOf(services);
            infrastructure = this.infrastructure;
        }
        try {
            if (!running.isEmpty()) {
                progress.say(
                        "stopping " + running.stream().map(ServiceProcess::name).collect(Collectors.joining(", ")));
                CompletableFuture.allOf(running.stream()
                                .map(service -> CompletableFuture.runAsync(
                                        () -> {
                                            service.stop();
                                            earlierRun.forget(service.name());
                                        },
                                        runnable -> {
                                            var thread = new Thread(runnable, "stop-" + service.name());
                                            thread.start();
                                        }))
                                .toArray(CompletableFuture[]::new))
                        .join();
            }
            if (infrastructure != null) {
                progress.say("stopping the mail catcher, Kafka and PostgreSQL");
                infrastructure.close();
                infrastructure.kafkaCluster().ifPresent(cluster -> cluster.brokers()
                        .forEach(broker -> earlierRun.forget(
                                EarlierRun.kafkaName(broker.node().id()))));
            }
            progress.say("stopped; data kept in " + relative(settings.home()));
        } finally {
            stopped.countDown();
        }
    }

    private boolean isStopping() {
        synchronized (lock) {
            return stopping;
        }
    }

    private void failIfStopping() {
        if (stopping) {
            throw new IllegalStateException("stopping");
        }
    }

    private int awaitStopped() {
        try {
            stopped.await();
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    private ServiceProcess awaitFirstServiceExit() {
        List<ServiceProcess> running;
        synchronized (lock) {
            running = List.copyOf(services);
        }
        return (ServiceProcess) CompletableFuture.anyOf(
                        running.stream().map(ServiceProcess::onExit).toArray(CompletableFuture[]::new))
                .join();
    }

    /** Cluster mode: from now on, whatever dies is started again until the stack is stopped. */
    private void superviseEveryProcess() {
        List<ServiceProcess> running;
        Infrastructure started;
        synchronized (lock) {
            running = List.copyOf(services);
            started = infrastructure;
        }
        var supervisor = new Supervisor(progress, this::isStopping);
        var all = WalletService.all(settings);
        for (int index = 0; index < running.size(); index++) {
            var service = all.get(index);
            var process = new AtomicReference<>(running.get(index));
            supervisor.watch(service.name(), supervised(process.get()), () -> {
                var restarted = launch(service, infrastructureOrFail(), secret());
                synchronized (lock) {
                    services.remove(process.getAndSet(restarted));
                }
                process.get().awaitHealthy(service.healthUrl(), SERVICE_STARTUP);
                return supervised(restarted);
            });
        }
        started.kafkaCluster().ifPresent(cluster -> cluster.brokers().forEach(broker -> {
            var name = EarlierRun.kafkaName(broker.node().id());
            supervisor.watch(name, new Supervisor.Running(broker.pid(), broker.onExit()), () -> {
                // launched under the lock stop() takes first, so a node is never started after stop() looked
                synchronized (lock) {
                    failIfStopping();
                    broker.launch();
                    earlierRun.remember(name, broker.pid());
                }
                broker.awaitReady();
                return new Supervisor.Running(broker.pid(), broker.onExit());
            });
        }));
    }

    private static Supervisor.Running supervised(ServiceProcess process) {
        return new Supervisor.Running(process.pid(), process.onExit().thenApply(ServiceProcess::exitValue));
    }

    private Infrastructure infrastructureOrFail() {
        synchronized (lock) {
            failIfStopping();
            return infrastructure;
        }
    }

    private String secret() {
        synchronized (lock) {
            return jwtSecret;
        }
    }

    private String eventEncryptionKey() {
        synchronized (lock) {
            return eventEncryptionKey;
        }
    }

    private String operatorPassword() {
        synchronized (lock) {
            return operatorPassword;
        }
    }

    private String paymentWebhookSecret() {
        synchronized (lock) {
            return paymentWebhookSecret;
        }
    }

    /**
     * Takes over Ctrl-C and SIGTERM instead of letting the JVM shut down at once: its shutdown hooks run all together,
     * and PostgreSQL's own hook would stop the database while the services are still shutting down.
     */
    private void stopOnSignals() {
        for (var name : List.of("INT", "TERM", "HUP")) {
            try {
                Signal.handle(new Signal(name), signal -> onStopSignal(name));
            } catch (IllegalArgumentException e) {
                // the JVM keeps this signal (e.g. -Xrs); its shutdown hook still stops everything, in a less strict
                // order
                progress.say("cannot handle SIG" + name + ": " + e.getMessage());
            }
        }
    }

    private void onStopSignal(String name) {
        if (isStopping()) {
            progress.say("already stopping, please wait");
            return;
        }
        progress.say("SIG" + name + " received");
        new Thread(this::stop, "devstack-stop").start();
    }

    String summary() {
        var api = WalletService.all(settings).get(0);
        var text = new StringBuilder();
        text.append("""

                Mini Wallet is running.

                """);
        for (var service : WalletService.all(settings)) {
            text.append("  %-20s %-28s %s%n".formatted(service.name(), service.url(), service.role()));
        }
        text.append("  %-20s %-28s %s%n"
                .formatted(
                        "",
                        "",
                        settings.bindAddress().equals(DevStackSettings.DEFAULT_BIND_ADDRESS)
                                ? "this machine only (WALLET_BIND_ADDRESS=0.0.0.0 opens them to others)"
                                : "listening on " + settings.bindAddress() + " (WALLET_BIND_ADDRESS)"));
        var kafkaPorts = settings.kafkaPorts();
        for (int node = 0; node < kafkaPorts.size(); node++) {
            text.append("  %-20s %-28s KRaft broker+controller, controller port %d%n"
                    .formatted(
                            settings.cluster() ? EarlierRun.kafkaName(node + 1) : "Kafka",
                            "localhost:" + kafkaPorts.get(node),
                            settings.kafkaControllerPorts().get(node)));
        }
        if (settings.cluster()) {
            text.append("  %-20s %-28s replication factor 3, min.insync.replicas 2; whatever dies is restarted%n"
                    .formatted("", ""));
        }
        text.append("  %-20s %-28s database, user and password: wallet%n"
                        .formatted("PostgreSQL", "localhost:" + settings.postgresPort(), settings.postgresPort()))
                .append("  %-20s %-28s any sender, no authentication%n"
                        .formatted("SMTP", "localhost:" + settings.smtpPort()))
                .append("  %-20s %-28s log in with the recipient address, any password%n"
                        .formatted("IMAP", "localhost:" + settings.imapPort()))
                .append("  %-20s %-28s every captured email, newest first%n"
                        .formatted("Mail web view", "http://localhost:" + settings.mailWebPort() + "/"))
                .append(
                        settings.topUps() == DevStackSettings.TopUps.PROVIDER
                                ? "  %-20s %-28s fake checkout: a top-up is paid or declined there with a click%n"
                                        .formatted(
                                                "Payment provider",
                                                "http://127.0.0.1:" + settings.paymentProviderPort() + "/checkout")
                                : "")
                .append("\n  Open %s and log in as %s (or %s), password %s%n"
                        .formatted(
                                api.url(),
                                DEMO_USERS.get(0),
                                String.join(", ", DEMO_USERS.subList(1, DEMO_USERS.size())),
                                DEMO_PASSWORD))
                .append("  Dead letters: curl -u operator:$(cat %s) %sadmin/dead-letters (the processor's admin API)%n"
                        .formatted(
                                relative(settings.operatorPasswordFile()),
                                WalletService.all(settings).get(1).url()))
                .append("  Logs: %s/ (one per service%s; devstack.log for %sPostgreSQL and mail)%n"
                        .formatted(
                                relative(settings.logDirectory()),
                                settings.cluster() ? " and Kafka node" : "",
                                settings.cluster() ? "" : "Kafka, "))
                .append("  Data: %s/ (kept between runs; delete it to start fresh)%n"
                        .formatted(relative(settings.home())))
                .append(("  Metrics and health's details (the operator's, as is the admin API):%n"
                                + "    curl -u operator:$(cat %s) <service>/actuator/prometheus%n"
                                + "  Prometheus with the wallet's alerts (logs in with that password file):%n"
                                + "    prometheus --config.file=deploy/prometheus/%s --storage.tsdb.path=%s/prometheus%n")
                        .formatted(
                                relative(settings.operatorPasswordFile()),
                                settings.cluster() ? "prometheus-cluster.yml" : "prometheus.yml",
                                relative(settings.home())))
                .append("\n  Press Ctrl-C to stop everything.\n\n");
        return text.toString();
    }

    private Path logFile(WalletService service) {
        return settings.logDirectory().resolve(service.name() + ".log");
    }

    private static Map<WalletService, Path> executableJars(DevStackSettings settings) {
        var jars = new LinkedHashMap<WalletService, Path>();
        for (var service : WalletService.all(settings)) {
            jars.put(service, ServiceProcess.executableJar(service.module()));
        }
        return jars;
    }

    /**
     * Sends Kafka's, PostgreSQL's and GreenMail's logging to a file, so the terminal shows only the stack's own
     * progress. Set before the first logger exists; a configuration given with -Dlogback.configurationFile wins.
     */
    private static void routeLogsTo(Path logDirectory) {
        System.setProperty("devstack.log.dir", logDirectory.toAbsolutePath().toString());
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", LOGBACK_CONFIGURATION);
        }
    }

    private static String relative(Path path) {
        var workingDirectory = Path.of("").toAbsolutePath();
        var absolute = path.toAbsolutePath();
        return absolute.startsWith(workingDirectory)
                ? workingDirectory.relativize(absolute).toString()
                : absolute.toString();
    }
}
