package app.miniwallet.api.payment;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The payment provider's webhook signature, Stripe's scheme: the header {@value #HEADER} is {@code t=<unix
 * seconds>,v1=<hex HMAC-SHA256>}, the HMAC taken with the shared secret over {@code t + "." + raw body}. Several
 * {@code v1} entries may come (the provider signs with the old and the new secret while it is rotated); one that
 * matches is enough. Compared in constant time; a timestamp further than the tolerance from now is refused, so a
 * captured webhook cannot be replayed later. No I/O and no Spring, so every rule is tested on its own.
 */
public final class PaymentSignature {

    public static final String HEADER = "Payment-Signature";

    private static final String ALGORITHM = "HmacSHA256";
    private static final int MAX_HEADER_LENGTH = 1024;

    private final byte[] secret;
    private final Duration tolerance;

    public PaymentSignature(String secret, Duration tolerance) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.tolerance = tolerance;
    }

    /** The header value a provider sends for this body at this time: what the dev stack's fake provider does. */
    public String sign(byte[] body, Instant at) {
        var timestamp = Long.toString(at.getEpochSecond());
        return "t=" + timestamp + ",v1=" + HexFormat.of().formatHex(hmac(timestamp, body));
    }

    /** Why the signature is refused; empty when the body is the provider's, signed within the tolerance. */
    public Optional<String> problemWith(String header, byte[] body, Instant now) {
        if (header == null || header.isBlank()) {
            return Optional.of("The " + HEADER + " header is missing.");
        }
        if (header.length() > MAX_HEADER_LENGTH) {
            return Optional.of("The " + HEADER + " header is too long.");
        }
        String timestamp = null;
        var signatures = new ArrayList<byte[]>();
        for (var part : header.split(",", -1)) {
            var equals = part.indexOf('=');
            if (equals <= 0) {
                return Optional.of(malformed());
            }
            var name = part.substring(0, equals).strip();
            var value = part.substring(equals + 1).strip();
            if (name.equals("t")) {
                if (timestamp != null || !value.matches("\\d{1,12}")) {
                    return Optional.of(malformed());
                }
                timestamp = value;
            } else if (name.equals("v1")) {
                if (!value.matches("[0-9a-fA-F]{64}")) {
                    return Optional.of(malformed());
                }
                signatures.add(HexFormat.of().parseHex(value));
            }
            // other schemes (v0, ...) are ignored, as Stripe's libraries do
        }
        if (timestamp == null || signatures.isEmpty()) {
            return Optional.of(malformed());
        }
        var signedAt = Instant.ofEpochSecond(Long.parseLong(timestamp));
        if (Duration.between(signedAt, now).abs().compareTo(tolerance) > 0) {
            return Optional.of("The signature's timestamp is more than " + tolerance.toMinutes()
                    + " minutes away from now: a webhook is accepted only while fresh.");
        }
        var expected = hmac(timestamp, body);
        var matches = false;
        for (var signature : signatures) {
            // every entry is compared, in constant time, so the answer's timing tells nothing about the secret
            matches |= MessageDigest.isEqual(expected, signature);
        }
        return matches ? Optional.empty() : Optional.of("The signature does not match the body.");
    }

    private static String malformed() {
        return "The " + HEADER + " header must be t=<unix seconds>,v1=<64 hex digits> (v1 may repeat).";
    }

    private byte[] hmac(String timestamp, byte[] body) {
        try {
            var mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret, ALGORITHM));
            mac.update(timestamp.getBytes(StandardCharsets.US_ASCII));
            mac.update((byte) '.');
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("every JVM has " + ALGORITHM, e);
        }
    }
}
