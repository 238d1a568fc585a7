package app.miniwallet.loadtests.bench;

import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;

/** A traffic shape: who pays whom. Transfer amounts are 1.00 to 10.00, top-ups 10.00 to 100.00. */
enum Scenario {
    UNIFORM("uniform", "uniform random pairs") {
        @Override
        WalletRequest next(BenchUsers users, SplittableRandom random) {
            return users.randomPair(random);
        }
    },
    HOT_RECEIVER("hot-receiver", "80% of transfers to one account") {
        @Override
        WalletRequest next(BenchUsers users, SplittableRandom random) {
            if (random.nextInt(100) < HOT_PERCENT) {
                return transfer(users.randomOther(random), users.hotReceiver(), random);
            }
            return users.randomPairOfOthers(random);
        }
    },
    HOT_SENDER("hot-sender", "80% of transfers from one account") {
        @Override
        WalletRequest next(BenchUsers users, SplittableRandom random) {
            if (random.nextInt(100) < HOT_PERCENT) {
                return transfer(users.hotSender(), users.randomOther(random), random);
            }
            return users.randomPairOfOthers(random);
        }
    },
    MIX("mix", "uniform transfers, 20% of requests top-ups") {
        @Override
        WalletRequest next(BenchUsers users, SplittableRandom random) {
            if (random.nextInt(100) < TOP_UP_PERCENT) {
                return new WalletRequest.TopUp(users.randomUser(random), random.nextLong(1_000, 10_001));
            }
            return users.randomPair(random);
        }
    };

    static final int HOT_PERCENT = 80;
    static final int TOP_UP_PERCENT = 20;

    private final String label;
    private final String description;

    Scenario(String label, String description) {
        this.label = label;
        this.description = description;
    }

    abstract WalletRequest next(BenchUsers users, SplittableRandom random);

    String label() {
        return label;
    }

    String description() {
        return description;
    }

    static WalletRequest.Transfer transfer(long sender, long receiver, SplittableRandom random) {
        return new WalletRequest.Transfer(sender, receiver, random.nextLong(100, 1_001));
    }

    static Scenario ofLabel(String label) {
        return Arrays.stream(values())
                .filter(scenario -> scenario.label.equals(label.strip().toLowerCase(Locale.ROOT)))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no scenario " + label + "; there are "
                        + Arrays.stream(values()).map(Scenario::label).toList()));
    }
}
