package app.miniwallet.analytics.web;

import app.miniwallet.analytics.AnalyticsSettings;
import app.miniwallet.analytics.figures.Side;
import app.miniwallet.analytics.streams.StoredFigures;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The figures, read-only. Parameters arrive as text and are checked here, so bad input is a 400 naming it. */
@RestController
@RequestMapping("/api/analytics")
class AnalyticsController {

    private static final Duration DEFAULT_MINUTES_RANGE = Duration.ofHours(1);
    private static final Instant LAST_INSTANT = Instant.parse("9999-12-31T23:59:59Z");

    private final StoredFigures figures;
    private final AnalyticsSettings settings;
    private final Clock clock;

    AnalyticsController(StoredFigures figures, AnalyticsSettings settings) {
        this.figures = figures;
        this.settings = settings;
        this.clock = Clock.systemUTC();
    }

    @GetMapping("/totals")
    FiguresView totals() {
        return FiguresView.of(figures.totals());
    }

    /** {@code to} defaults to now and {@code from} to an hour before {@code to}. */
    @GetMapping("/minutes")
    MinutesView minutes(@RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        var end = instant("to", to).orElseGet(clock::instant);
        var start = instant("from", from).orElse(end.minus(DEFAULT_MINUTES_RANGE));
        if (start.isAfter(end)) {
            throw new InvalidParameterException("from", "must not be after to (" + end + ")");
        }
        if (Duration.between(start, end).compareTo(settings.longestMinutesRange()) > 0) {
            throw new InvalidParameterException(
                    "from", "must be at most " + settings.longestMinutesRange().toMinutes() + " minutes before to");
        }
        return new MinutesView(
                start,
                end,
                figures.minutes(start, end).stream().map(MinuteView::of).toList());
    }

    @GetMapping("/users/{id}")
    UserView user(@PathVariable("id") String id) {
        var userId = userId(id);
        return figures.user(userId)
                .map(user -> UserView.of(userId, user))
                .orElseThrow(() -> new UnknownUserException(userId));
    }

    @GetMapping("/top")
    TopView top(@RequestParam(required = false) String by) {
        if (by == null || by.isBlank()) {
            throw new InvalidParameterException("by", "is required: receiver or sender");
        }
        var side = Side.fromLabel(by.strip())
                .orElseThrow(() -> new InvalidParameterException("by", "must be receiver or sender, was '" + by + "'"));
        return TopView.of(side, settings.topWindow(), figures.top(side));
    }

    private static Optional<Instant> instant(String name, String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        Instant instant;
        try {
            instant = Instant.parse(text.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidParameterException(
                    name, "must be an ISO-8601 instant such as 2026-12-06T08:00:00Z, was '" + text + "'");
        }
        // Instant reaches a billion years either way, far past what epoch milliseconds hold
        if (instant.isBefore(Instant.EPOCH) || instant.isAfter(LAST_INSTANT)) {
            throw new InvalidParameterException(name, "must lie between 1970 and 9999, was " + instant);
        }
        return Optional.of(instant);
    }

    private static long userId(String text) {
        try {
            var userId = Long.parseLong(text.strip());
            if (userId > 0) {
                return userId;
            }
        } catch (NumberFormatException e) {
            // said below, with the value
        }
        throw new InvalidParameterException("id", "must be a positive whole number, was '" + text + "'");
    }
}
