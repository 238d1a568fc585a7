package app.miniwallet.loadtests.bench;

import java.util.SplittableRandom;

/**
 * The seeded users: the first is the hot sender, the second the hot receiver, the rest are "others", so that the hot
 * scenarios put exactly their share on the hot account.
 *
 * @param ids every seeded user id; at least three
 * @param tokens access tokens, index for index
 */
record BenchUsers(long[] ids, String[] tokens) {

    BenchUsers {
        if (ids.length < 3 || ids.length != tokens.length) {
            throw new IllegalArgumentException("need at least three users, each with a token");
        }
    }

    long hotSender() {
        return ids[0];
    }

    long hotReceiver() {
        return ids[1];
    }

    int size() {
        return ids.length;
    }

    long randomUser(SplittableRandom random) {
        return ids[random.nextInt(ids.length)];
    }

    long randomOther(SplittableRandom random) {
        return ids[2 + random.nextInt(ids.length - 2)];
    }

    WalletRequest.Transfer randomPair(SplittableRandom random) {
        var sender = random.nextInt(ids.length);
        var receiver = random.nextInt(ids.length - 1);
        return Scenario.transfer(ids[sender], ids[receiver >= sender ? receiver + 1 : receiver], random);
    }

    WalletRequest.Transfer randomPairOfOthers(SplittableRandom random) {
        var others = ids.length - 2;
        if (others < 2) {
            return randomPair(random);
        }
        var sender = random.nextInt(others);
        var receiver = random.nextInt(others - 1);
        return Scenario.transfer(ids[2 + sender], ids[2 + (receiver >= sender ? receiver + 1 : receiver)], random);
    }

    String tokenOf(long user) {
        // seeded ids are consecutive in practice; fall back to a scan if they are not
        var guess = (int) (user - ids[0]);
        if (guess >= 0 && guess < ids.length && ids[guess] == user) {
            return tokens[guess];
        }
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] == user) {
                return tokens[i];
            }
        }
        throw new IllegalArgumentException("no seeded user " + user);
    }
}
