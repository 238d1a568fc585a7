package app.miniwallet.analytics.web;

import app.miniwallet.analytics.figures.Figures;
import app.miniwallet.analytics.figures.Side;
import app.miniwallet.analytics.figures.TopEntry;
import app.miniwallet.analytics.figures.UserFigures;
import app.miniwallet.analytics.streams.StoredFigures.MinuteFigures;
import app.miniwallet.contracts.money.Money;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

// What the API answers with: counts as numbers, amounts as text with two decimals (exact, unlike a JSON number read
// into a double), property names in snake_case (spring.jackson.property-naming-strategy).

record FiguresView(long completed, long rejected, String volume, String fees, String topUps) {

    static FiguresView of(Figures figures) {
        return new FiguresView(
                figures.completed(),
                figures.rejected(),
                amount(figures.volumeMinor()),
                amount(figures.feesMinor()),
                amount(figures.topUpsMinor()));
    }

    static String amount(long minor) {
        return Money.ofMinor(minor).toString();
    }
}

record MinuteView(Instant minute, long completed, long rejected, String volume, String fees, String topUps) {

    static MinuteView of(MinuteFigures minute) {
        var figures = FiguresView.of(minute.figures());
        return new MinuteView(
                minute.start(),
                figures.completed(),
                figures.rejected(),
                figures.volume(),
                figures.fees(),
                figures.topUps());
    }
}

record MinutesView(Instant from, Instant to, List<MinuteView> minutes) {}

record UserView(
        long userId,
        String sent,
        String received,
        String toppedUp,
        String feesPaid,
        String net,
        long transfersSent,
        long transfersReceived,
        long topUps,
        long rejected) {

    static UserView of(long userId, UserFigures user) {
        return new UserView(
                userId,
                FiguresView.amount(user.sentMinor()),
                FiguresView.amount(user.receivedMinor()),
                FiguresView.amount(user.toppedUpMinor()),
                FiguresView.amount(user.feesPaidMinor()),
                FiguresView.amount(user.netMinor()),
                user.transfersSent(),
                user.transfersReceived(),
                user.topUps(),
                user.rejected());
    }
}

record TopView(String by, long windowMinutes, List<TopUserView> users) {

    static TopView of(Side side, Duration window, List<TopEntry> top) {
        return new TopView(
                side.label(),
                window.toMinutes(),
                top.stream()
                        .map(entry -> new TopUserView(entry.userId(), FiguresView.amount(entry.volumeMinor())))
                        .toList());
    }
}

record TopUserView(long userId, String volume) {}
