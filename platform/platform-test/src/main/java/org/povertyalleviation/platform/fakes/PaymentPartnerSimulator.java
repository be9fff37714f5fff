package org.povertyalleviation.platform.fakes;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A payment partner, the one party of crowdfunding that is genuinely outside the platform (it holds the backers' money
 * and card data): it takes the platform's refund requests at {@code /refunds}, checks their HMAC-SHA256 signature, and
 * answers as told ({@link Mode}). Idempotent by the refund's id, as a real partner is: a refund sent again is given
 * back once. Used by the crowdfunding service's tests, its benchmark and the devstack.
 */
public final class PaymentPartnerSimulator implements AutoCloseable {

    public static final String SIGNATURE_HEADER = "X-Payment-Signature";

    /** How it answers a refund request. */
    public enum Mode {
        /** 200 {@code {"status":"CONFIRMED"}}: the money is back. */
        CONFIRM,
        /** 202 {@code {"status":"ACCEPTED"}}: a callback confirms later (the test sends it). */
        ACCEPT,
        /** 503, as a partner that is down. */
        DOWN
    }

    private static final Pattern REFUND = Pattern.compile("\"refund\"\\s*:\\s*\"([0-9a-f-]{36})\"");
    private static final Pattern AMOUNT = Pattern.compile("\"amountFen\"\\s*:\\s*(\\d+)");

    private final HttpServer server;
    private final String secret;
    private volatile Mode mode = Mode.CONFIRM;
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger badSignatures = new AtomicInteger();
    private final AtomicLong refundedFen = new AtomicLong();
    private final Map<String, Long> refunded = new ConcurrentHashMap<>();
    private final Set<String> accepted = ConcurrentHashMap.newKeySet();

    public PaymentPartnerSimulator(String secret) {
        this.secret = secret;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
        } catch (IOException e) {
            throw new IllegalStateException("The payment partner simulator could not listen", e);
        }
        server.createContext("/refunds", this::refund);
        server.setExecutor(Executors.newFixedThreadPool(8, runnable -> {
            Thread thread = new Thread(runnable, "payment-partner");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
    }

    public URI refundUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/refunds");
    }

    public void mode(Mode mode) {
        this.mode = mode;
    }

    /** The next {@code count} requests answer 503 whatever the mode (a partner's blip). */
    public void failNext(int count) {
        failuresLeft.set(count);
    }

    /** Refunds given back (each once, however often it was sent), by id, with their amounts. */
    public Map<String, Long> refunded() {
        return Map.copyOf(refunded);
    }

    /** Refunds answered ACCEPTED and not yet confirmed by a callback. */
    public Set<String> accepted() {
        return Set.copyOf(accepted);
    }

    public long refundedFen() {
        return refundedFen.get();
    }

    public int requests() {
        return requests.get();
    }

    public int badSignatures() {
        return badSignatures.get();
    }

    /** The signature header's value for a body, as the partner signs its callbacks. */
    public String sign(byte[] body) {
        return sign(secret, body);
    }

    public static String sign(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private void refund(HttpExchange exchange) throws IOException {
        try (exchange) {
            requests.incrementAndGet();
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            String signature = exchange.getRequestHeaders().getFirst(SIGNATURE_HEADER);
            if (signature == null || !MessageDigest.isEqual(sign(body).getBytes(StandardCharsets.US_ASCII), signature.getBytes(StandardCharsets.US_ASCII))) {
                badSignatures.incrementAndGet();
                answer(exchange, 401, "{\"status\":\"SIGNATURE_INVALID\"}");
                return;
            }
            String text = new String(body, StandardCharsets.UTF_8);
            Matcher refund = REFUND.matcher(text);
            Matcher amount = AMOUNT.matcher(text);
            if (!refund.find() || !amount.find()) {
                answer(exchange, 400, "{\"status\":\"MALFORMED\"}");
                return;
            }
            if (failuresLeft.getAndUpdate(left -> Math.max(0, left - 1)) > 0 || mode == Mode.DOWN) {
                answer(exchange, 503, "{\"status\":\"UNAVAILABLE\"}");
                return;
            }
            String id = refund.group(1);
            long fen = Long.parseLong(amount.group(1));
            if (mode == Mode.ACCEPT && !refunded.containsKey(id)) {
                accepted.add(id);
                answer(exchange, 202, "{\"status\":\"ACCEPTED\"}");
                return;
            }
            confirm(id, fen);
            answer(exchange, 200, "{\"status\":\"CONFIRMED\"}");
        }
    }

    /** Gives the refund's money back once, as its confirmation callback says. */
    public void confirm(String refund, long fen) {
        accepted.remove(refund);
        if (refunded.putIfAbsent(refund, fen) == null) {
            refundedFen.addAndGet(fen);
        }
    }

    private static void answer(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
