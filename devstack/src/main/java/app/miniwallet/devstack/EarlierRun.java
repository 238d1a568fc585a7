package app.miniwallet.devstack;

import app.miniwallet.testsupport.kafka.KafkaBroker;
import app.miniwallet.testsupport.process.ServiceProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Processes a dev stack left behind when its launcher was killed without a chance to stop them (kill -9, a crash):
 * the services and PostgreSQL run as processes of their own and outlive it. Finding them turns a puzzling "port in
 * use" or "could not lock" into a message that says which pids to stop.
 */
final class EarlierRun {

    /** A process of an earlier run that is still alive. */
    record Survivor(String name, long pid) {}

    /** A process the stack runs, by the name of its pid file and a part of its command line. */
    private record Known(String name, String commandFragment) {}

    private final Path pidDirectory;
    private final Path postgresDirectory;
    private final List<Known> processes = new ArrayList<>();

    EarlierRun(DevStackSettings settings) {
        this.pidDirectory = settings.home().resolve("pids");
        this.postgresDirectory = settings.postgresDirectory();
        WalletService.all(settings)
                .forEach(service -> processes.add(new Known(service.name(), "/" + service.module() + "-")));
        if (settings.cluster()) {
            for (int node = 1; node <= settings.kafkaPorts().size(); node++) {
                processes.add(new Known(kafkaName(node), KafkaBroker.class.getName()));
            }
        }
    }

    /** The name a Kafka node of the cluster goes by in messages and pid files. */
    static String kafkaName(int node) {
        return "kafka-" + node;
    }

    List<Survivor> survivors() {
        var survivors = new ArrayList<Survivor>();
        for (var process : processes) {
            readPid(pidDirectory.resolve(process.name() + ".pid"))
                    .filter(pid -> runs(pid, process.commandFragment()))
                    .ifPresent(pid -> survivors.add(new Survivor(process.name(), pid)));
        }
        // PostgreSQL writes its own pid file; its first line is the postmaster's pid
        readPid(postgresDirectory.resolve("postmaster.pid"))
                .filter(pid -> runs(pid, "postgres"))
                .ifPresent(pid -> survivors.add(new Survivor("PostgreSQL", pid)));
        return survivors;
    }

    void remember(ServiceProcess service) {
        remember(service.name(), service.pid());
    }

    void remember(String name, long pid) {
        try {
            Files.createDirectories(pidDirectory);
            Files.writeString(pidFile(name), Long.toString(pid), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the pid file of " + name, e);
        }
    }

    void forget(String name) {
        try {
            Files.deleteIfExists(pidFile(name));
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete the pid file of " + name, e);
        }
    }

    static String describe(List<Survivor> survivors) {
        var names = survivors.stream()
                .map(survivor -> survivor.name() + " (pid " + survivor.pid() + ")")
                .toList();
        var pids = survivors.stream()
                .map(survivor -> Long.toString(survivor.pid()))
                .toList();
        return "an earlier dev stack is still running: " + String.join(", ", names) + "; stop it with: kill "
                + String.join(" ", pids);
    }

    private Path pidFile(String name) {
        return pidDirectory.resolve(name + ".pid");
    }

    private static Optional<Long> readPid(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
            return lines.findFirst()
                    .map(String::strip)
                    .filter(line -> line.matches("\\d+"))
                    .map(Long::parseLong);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file, e);
        }
    }

    /** Alive and still the program we started: after a reboot the same pid may belong to something else. */
    private static boolean runs(long pid, String commandFragment) {
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .flatMap(process -> process.info().commandLine())
                .filter(commandLine -> commandLine.contains(commandFragment))
                .isPresent();
    }
}
