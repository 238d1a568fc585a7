package app.miniwallet.infra.devstack;

import app.miniwallet.infra.process.ServiceProcess;
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

    private final Path pidDirectory;
    private final Path postgresDirectory;
    private final List<String> modules;

    EarlierRun(DevStackSettings settings) {
        this.pidDirectory = settings.home().resolve("pids");
        this.postgresDirectory = settings.postgresDirectory();
        this.modules =
                WalletService.all(settings).stream().map(WalletService::module).toList();
    }

    List<Survivor> survivors() {
        var survivors = new ArrayList<Survivor>();
        for (var module : modules) {
            readPid(pidDirectory.resolve(module + ".pid"))
                    .filter(pid -> runs(pid, "/" + module + "-"))
                    .ifPresent(pid -> survivors.add(new Survivor(module, pid)));
        }
        // PostgreSQL writes its own pid file; its first line is the postmaster's pid
        readPid(postgresDirectory.resolve("postmaster.pid"))
                .filter(pid -> runs(pid, "postgres"))
                .ifPresent(pid -> survivors.add(new Survivor("PostgreSQL", pid)));
        return survivors;
    }

    void remember(ServiceProcess service) {
        try {
            Files.createDirectories(pidDirectory);
            Files.writeString(pidFile(service), Long.toString(service.pid()), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the pid file of " + service.name(), e);
        }
    }

    void forget(ServiceProcess service) {
        try {
            Files.deleteIfExists(pidFile(service));
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete the pid file of " + service.name(), e);
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

    private Path pidFile(ServiceProcess service) {
        return pidDirectory.resolve(service.name() + ".pid");
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
