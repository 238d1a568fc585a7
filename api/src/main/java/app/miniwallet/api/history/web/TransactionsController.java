package app.miniwallet.api.history.web;

import app.miniwallet.api.history.TransactionHistory;
import app.miniwallet.api.history.TransactionHistory.Cursor;
import app.miniwallet.api.history.TransactionHistory.Entry;
import app.miniwallet.api.user.UserAccounts;
import app.miniwallet.api.web.InvalidRequestException;
import app.miniwallet.platform.auth.AccessTokenClaims;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class TransactionsController {

    private static final int DEFAULT_PAGE_SIZE = 20;

    private final TransactionHistory history;
    private final UserAccounts accounts;

    TransactionsController(TransactionHistory history, UserAccounts accounts) {
        this.history = history;
        this.accounts = accounts;
    }

    @GetMapping("/api/transactions")
    Transactions transactions(
            @AuthenticationPrincipal Jwt token,
            @RequestParam(name = "per_page", required = false) String perPage,
            @RequestParam(name = "cursor", required = false) String cursor) {
        var account = AccessTokenClaims.accountOf(token);
        var page = history.page(account, pageSize(perPage), after(cursor));
        return new Transactions(
                accounts.balanceOf(account).orElseThrow().toString(),
                page.entries().stream().map(TransactionView::of).toList(),
                page.next().map(Cursor::encode).orElse(null));
    }

    private static int pageSize(String perPage) {
        if (perPage == null) {
            return DEFAULT_PAGE_SIZE;
        }
        if (!perPage.matches("[0-9]{1,9}") || Integer.parseInt(perPage) < 1) {
            throw new InvalidRequestException("per_page", "must be a whole number from 1 to 100");
        }
        return Math.min(Integer.parseInt(perPage), TransactionHistory.MAX_PAGE_SIZE);
    }

    private static Optional<Cursor> after(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(Cursor.decode(cursor)
                .orElseThrow(() -> new InvalidRequestException("cursor", "is not a cursor from a previous page")));
    }

    record Transactions(String balance, List<TransactionView> transactions, String nextCursor) {}

    record Counterparty(long id, String name) {}

    record TransactionView(
            String id,
            String direction,
            String status,
            String reason,
            String amount,
            String fee,
            Counterparty counterparty,
            Instant createdAt,
            Instant completedAt) {

        static TransactionView of(Entry entry) {
            return new TransactionView(
                    entry.id().toString(),
                    entry.direction().name(),
                    entry.status(),
                    entry.reason(),
                    entry.amount().toString(),
                    entry.fee().toString(),
                    new Counterparty(entry.counterpartyId().value(), entry.counterpartyName()),
                    entry.createdAt(),
                    entry.completedAt());
        }
    }
}
