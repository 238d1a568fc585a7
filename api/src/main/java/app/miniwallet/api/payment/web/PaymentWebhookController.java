package app.miniwallet.api.payment.web;

import app.miniwallet.api.payment.PaymentSignature;
import app.miniwallet.api.transfer.TopUpSettings;
import app.miniwallet.api.transfer.TopUps;
import app.miniwallet.api.transfer.TopUps.Settlement;
import app.miniwallet.api.web.Problems;
import app.miniwallet.contracts.money.InvalidAmountException;
import app.miniwallet.contracts.money.Money;
import app.miniwallet.contracts.transfer.TransferId;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The payment provider's word on a top-up: {@code POST /api/payments/webhook}, with no access token, authenticated by
 * its {@value PaymentSignature#HEADER} alone, checked over the raw body before anything in it is read. The body:
 * {@code {"type": "payment.succeeded" | "payment.declined", "top_up_id": "<uuid>", "amount": "12.50"}}. A webhook
 * that is unsigned, wrongly signed, stale, malformed or names no top-up is a 400 and changes nothing; a replay is
 * answered 200 again and changes nothing either.
 */
@RestController
class PaymentWebhookController {

    static final String SUCCEEDED = "payment.succeeded";
    static final String DECLINED = "payment.declined";

    private static final Logger log = LoggerFactory.getLogger(PaymentWebhookController.class);

    private final TopUps topUps;
    private final JsonMapper json;
    private final Clock clock;
    private final Optional<PaymentSignature> signature;

    PaymentWebhookController(TopUps topUps, TopUpSettings settings, JsonMapper json) {
        this.topUps = topUps;
        this.json = json;
        this.clock = Clock.systemUTC();
        // in instant mode there may be no secret: then every webhook is refused
        this.signature = Optional.ofNullable(settings.provider())
                .filter(provider -> provider.webhookSecret() != null
                        && !provider.webhookSecret().isEmpty())
                .map(provider -> new PaymentSignature(
                        provider.webhookSecret(),
                        provider.signatureTolerance() == null ? Duration.ofMinutes(5) : provider.signatureTolerance()));
    }

    @PostMapping("/api/payments/webhook")
    ResponseEntity<WebhookAnswer> receive(
            @RequestHeader(name = PaymentSignature.HEADER, required = false) String header,
            @RequestBody(required = false) byte[] body) {
        var raw = body == null ? new byte[0] : body;
        var problem = signature
                .map(verifier -> verifier.problemWith(header, raw, clock.instant()))
                .orElse(Optional.of("No payment webhook is accepted: no webhook secret is configured."));
        if (problem.isPresent()) {
            log.warn("Payment webhook refused: {}", problem.get());
            throw badRequest(problem.get());
        }
        var webhook = parse(raw);
        var settlement = topUps.settle(webhook.topUpId(), webhook.paid(), webhook.amount());
        if (settlement instanceof Settlement.Unknown) {
            throw badRequest("top_up_id names no top-up.");
        }
        if (settlement instanceof Settlement.Contradicts contradicts) {
            // the provider and the wallet disagree about money (say, paid after a decline): a person must look
            log.error("Payment webhook contradicts top-up {}: {}", webhook.topUpId(), contradicts.detail());
            throw Problems.exception(HttpStatus.CONFLICT, contradicts.detail());
        }
        var topUp = settlement instanceof Settlement.Settled settled
                ? settled.topUp()
                : ((Settlement.AlreadySettled) settlement).topUp();
        return ResponseEntity.ok(
                new WebhookAnswer(topUp.id().toString(), settlement instanceof Settlement.AlreadySettled));
    }

    private Webhook parse(byte[] body) {
        JsonNode tree;
        try {
            tree = json.readTree(body);
        } catch (JacksonException e) {
            throw badRequest("The body is not JSON.");
        }
        if (tree == null || !tree.isObject()) {
            throw badRequest("The body must be a JSON object.");
        }
        var type = text(tree, "type");
        if (!SUCCEEDED.equals(type) && !DECLINED.equals(type)) {
            throw badRequest("type must be " + SUCCEEDED + " or " + DECLINED + ".");
        }
        TransferId id;
        try {
            id = TransferId.parse(text(tree, "top_up_id"));
        } catch (RuntimeException e) {
            throw badRequest("top_up_id must be a top-up's id.");
        }
        Money amount;
        try {
            amount = Money.parse(text(tree, "amount"));
        } catch (InvalidAmountException e) {
            throw badRequest("amount must be the amount paid, such as \"12.50\".");
        }
        return new Webhook(SUCCEEDED.equals(type), id, amount);
    }

    private static String text(JsonNode tree, String field) {
        var node = tree.get(field);
        return node != null && node.isString() ? node.asString() : null;
    }

    private static ErrorResponseException badRequest(String detail) {
        return Problems.exception(HttpStatus.BAD_REQUEST, detail);
    }

    private record Webhook(boolean paid, TransferId topUpId, Money amount) {}

    /** @param replayed true when the same word came before and nothing changed now */
    record WebhookAnswer(String topUpId, boolean replayed) {}
}
