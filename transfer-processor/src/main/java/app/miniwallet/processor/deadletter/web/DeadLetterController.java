package app.miniwallet.processor.deadletter.web;

import app.miniwallet.processor.deadletter.DeadLetterPosition;
import app.miniwallet.processor.deadletter.DeadLetterRecord;
import app.miniwallet.processor.deadletter.DeadLetters;
import app.miniwallet.processor.deadletter.Redrive;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/** The operator's view of {@code wallet.transfer-requests.DLT}, behind the operator's credential. */
@RestController
@RequestMapping("/admin/dead-letters")
class DeadLetterController {

    static final int DEFAULT_PER_PAGE = 50;
    static final int MAX_PER_PAGE = 500;

    /** Long enough to see what a poison record is, short enough that a huge one does not flood the answer. */
    static final int MAX_VALUE_CHARS = 2000;

    private final DeadLetters deadLetters;

    DeadLetterController(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record PageBody(List<DeadLetterBody> deadLetters, @Nullable String nextCursor) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record DeadLetterBody(
            int partition,
            long offset,
            Instant deadLetteredAt,
            @Nullable String key,
            @Nullable String value,
            boolean valueTruncated,
            @Nullable String reason,
            @Nullable OriginBody original,
            @Nullable String transferId,
            @Nullable String transferStatus,
            @Nullable String redrivenFrom,
            @Nullable RedriveBody redrive) {

        static DeadLetterBody of(DeadLetters.Listed listed) {
            var deadLetter = listed.deadLetter();
            var value = deadLetter.valueText();
            var truncated = value != null && value.length() > MAX_VALUE_CHARS;
            return new DeadLetterBody(
                    deadLetter.position().partition(),
                    deadLetter.position().offset(),
                    deadLetter.deadLetteredAt(),
                    deadLetter.keyText(),
                    truncated ? value.substring(0, MAX_VALUE_CHARS) : value,
                    truncated,
                    deadLetter.reason(),
                    OriginBody.of(deadLetter.original()),
                    deadLetter.transferId() == null
                            ? null
                            : deadLetter.transferId().toString(),
                    listed.transferStatus() == null
                            ? null
                            : listed.transferStatus().name(),
                    deadLetter.redrivenFrom(),
                    RedriveBody.of(listed.redrive()));
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record OriginBody(String topic, int partition, long offset, @Nullable Instant timestamp) {

        static @Nullable OriginBody of(DeadLetterRecord.@Nullable Origin origin) {
            return origin == null
                    ? null
                    : new OriginBody(origin.topic(), origin.partition(), origin.offset(), origin.timestamp());
        }
    }

    /** Where the copy went: its partition and offset in wallet.transfer-requests. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record RedriveBody(Instant redrivenAt, int requestPartition, long requestOffset) {

        static @Nullable RedriveBody of(@Nullable Redrive redrive) {
            return redrive == null
                    ? null
                    : new RedriveBody(
                            redrive.redrivenAt(),
                            redrive.copy().partition(),
                            redrive.copy().offset());
        }
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record RedrivenBody(int partition, long offset, RedriveBody redrive) {}

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record BulkRedriveBody(int redriven, int alreadyRedriven, Map<Integer, Long> upTo) {}

    @GetMapping
    PageBody list(
            @RequestParam(name = "cursor", required = false) @Nullable String cursor,
            @RequestParam(name = "per_page", defaultValue = "" + DEFAULT_PER_PAGE) int perPage,
            @RequestParam(name = "redriven", required = false) @Nullable Boolean redriven) {
        if (perPage < 1 || perPage > MAX_PER_PAGE) {
            throw problem(HttpStatus.BAD_REQUEST, "per_page must be from 1 to " + MAX_PER_PAGE + ", was " + perPage);
        }
        var from = cursor == null ? DeadLetterPosition.START : positionOf(cursor);
        var page = deadLetters.list(from, perPage, redriven);
        return new PageBody(
                page.deadLetters().stream().map(DeadLetterBody::of).toList(),
                page.next() == null ? null : page.next().toString());
    }

    @PostMapping("/{partition}/{offset}/redrive")
    RedrivenBody redrive(@PathVariable("partition") int partition, @PathVariable("offset") long offset) {
        if (partition < 0 || offset < 0) {
            throw problem(HttpStatus.NOT_FOUND, "There is no dead letter at " + partition + "@" + offset + ".");
        }
        var position = new DeadLetterPosition(partition, offset);
        var result = deadLetters.redrive(position);
        if (result instanceof DeadLetters.Redriven redriven) {
            return new RedrivenBody(partition, offset, RedriveBody.of(redriven.redrive()));
        }
        if (result instanceof DeadLetters.AlreadyRedriven already) {
            throw alreadyRedriven(already.redrive());
        }
        throw problem(HttpStatus.NOT_FOUND, "There is no dead letter at " + position + ".");
    }

    @PostMapping("/redrive")
    BulkRedriveBody redriveAll() {
        var bulk = deadLetters.redriveAll();
        return new BulkRedriveBody(bulk.redriven(), bulk.alreadyRedriven(), bulk.upTo());
    }

    private static DeadLetterPosition positionOf(String cursor) {
        try {
            return DeadLetterPosition.parse(cursor);
        } catch (IllegalArgumentException e) {
            throw problem(HttpStatus.BAD_REQUEST, "cursor must be a next_cursor of an earlier page, was " + cursor);
        }
    }

    private static ErrorResponseException alreadyRedriven(Redrive redrive) {
        var problem = ProblemDetail.forStatusAndDetail(
                HttpStatus.CONFLICT,
                "Dead letter " + redrive.deadLetter() + " was redriven at " + redrive.redrivenAt() + ", to "
                        + redrive.copy() + "; it is not sent twice.");
        problem.setProperty("redrive", RedriveBody.of(redrive));
        return new ErrorResponseException(HttpStatus.CONFLICT, problem, null);
    }

    private static ErrorResponseException problem(HttpStatus status, String detail) {
        return new ErrorResponseException(status, ProblemDetail.forStatusAndDetail(status, detail), null);
    }
}
