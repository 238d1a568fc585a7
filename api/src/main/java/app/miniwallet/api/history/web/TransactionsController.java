package app.miniwallet.api.history.web;

import app.miniwallet.api.history.TransactionHistory;
import app.miniwallet.api.history.TransactionHistory.Cursor;
import app.miniwallet.api.history.TransactionHistory.Direction;
import app.miniwallet.api.history.TransactionHistory.Entry;
import app.miniwallet.api.transfer.TopUps;
import app.miniwallet.api.user.UserAccounts;
import app.miniwallet.api.web.InvalidRequestException;
import app.miniwallet.contracts.transfer.TransferStatus;
import app.miniwallet.platform.auth.AccessTokenClaims;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.net.URI;
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
    private final TopUps topUps;

    TransactionsController(TransactionHistory history, UserAccounts accounts, TopUps topUps) {
        this.history = history;
        this.accounts = accounts;
        this.topUps = topUps;
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
                page.entries().stream()
                        .map(entry -> TransactionView.of(entry, checkoutUrl(entry)))
                        .toList(),
                page.next().map(Cursor::encode).orElse(null));
    }

    /** A top-up that awaits its payment still offers the provider's checkout page, after a reload too. */
    private URI checkoutUrl(Entry entry) {
        if (entry.direction() != Direction.TOP_UP
                || !TransferStatus.AWAITING_PAYMENT.name().equals(entry.status())) {
            return null;
        }
        return topUps.checkoutUrl(entry.id(), entry.amount()).orElse(null);
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
            Instant completedAt,
            @JsonInclude(JsonInclude.Include.NON_NULL) URI checkoutUrl) {

        static TransactionView of(Entry entry, URI checkoutUrl) {
            return new TransactionView(
                    entry.id().toString(),
                    entry.direction().name(),
                    entry.status(),
                    entry.reason(),
                    entry.amount().toString(),
                    entry.fee().toString(),
                    new Counterparty(entry.counterpartyId().value(), entry.counterpartyName()),
                    entry.createdAt(),
                    entry.completedAt(),
                    checkoutUrl);
        }
    }
}
