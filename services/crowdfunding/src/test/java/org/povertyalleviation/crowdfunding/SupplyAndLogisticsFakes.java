package org.povertyalleviation.crowdfunding;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Small fakes of two services' HTTP APIs, so the crowdfunding tests need neither running: the supply platform's public
 * trace (GET /trace/{code}: a known lot's JSON with its county, else a 404 problem) and the logistics service's
 * bookings (POST /counties/{county}/bookings: 201 with an id while the window has room, then 409 slot-full with
 * alternatives). Every booking request is kept with its Authorization header.
 */
public final class SupplyAndLogisticsFakes {

    /** A booking request as the logistics fake received it, and the booking it made (null when refused). */
    public record BookingCall(String county, String authorization, JsonNode body, UUID booking) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpServer server;
    private final Map<String, Map<String, Object>> lots = new ConcurrentHashMap<>();
    private final List<BookingCall> bookingCalls = new CopyOnWriteArrayList<>();
    private final AtomicInteger room = new AtomicInteger(1_000);
    private final java.util.Set<UUID> pickedUp = ConcurrentHashMap.newKeySet();
    private final List<CancellationCall> cancellationCalls = new CopyOnWriteArrayList<>();

    public SupplyAndLogisticsFakes() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "supply-logistics-fake");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext("/supply/trace/", this::trace);
        server.createContext("/logistics/counties/", this::book);
        server.start();
    }

    public URI supplyUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/supply");
    }

    public URI logisticsUri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/logistics");
    }

    /** A published lot of the county, as the public trace shows it. */
    public void publishedLot(String code, String product, String county) {
        lots.put(code, Map.of("code", code, "product", product, "category", "SPICE", "countyName", "文县", "county", county,
                "villages", List.of(), "households", 3, "lotNumber", code, "certifications", List.of(), "steps", List.of()));
    }

    /** How many more bookings the window takes before it is full. */
    public void room(int bookings) {
        room.set(bookings);
    }

    public List<BookingCall> bookingCalls() {
        return List.copyOf(bookingCalls);
    }

    private void trace(HttpExchange exchange) throws IOException {
        String code = exchange.getRequestURI().getPath().substring("/supply/trace/".length());
        Map<String, Object> lot = lots.get(code);
        if (lot == null || !"GET".equals(exchange.getRequestMethod())) {
            answer(exchange, 404, "application/problem+json", Map.of("type", "https://problems.example/not-found", "title", "Unknown code",
                    "status", 404, "detail", "No product is known by this code"));
            return;
        }
        answer(exchange, 200, "application/json", lot);
    }

    /** The bookings cancelled (as asked, with the caller's token), and those refused as picked up already. */
    public record CancellationCall(UUID booking, String authorization, boolean cancelled) {
    }

    /** The logistics service refuses to cancel this booking (its shipment was picked up). */
    public void pickedUp(UUID booking) {
        pickedUp.add(booking);
    }

    public List<CancellationCall> cancellationCalls() {
        return List.copyOf(cancellationCalls);
    }

    private void book(HttpExchange exchange) throws IOException {
        String[] path = exchange.getRequestURI().getPath().split("/");
        if (path.length == 7 && "cancellation".equals(path[6])) {
            UUID booking = UUID.fromString(path[5]);
            boolean refused = pickedUp.contains(booking);
            cancellationCalls.add(new CancellationCall(booking, exchange.getRequestHeaders().getFirst("Authorization"), !refused));
            if (refused) {
                answer(exchange, 409, "application/problem+json", Map.of("type", "https://problems.example/conflict", "title", "Conflict",
                        "status", 409, "detail", "The shipment was picked up", "reason", "not-cancellable"));
            } else {
                answer(exchange, 200, "application/json", Map.of("id", booking.toString(), "state", "CANCELLED"));
            }
            return;
        }
        JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        if (room.getAndUpdate(left -> Math.max(0, left - 1)) == 0) {
            bookingCalls.add(new BookingCall(path[3], authorization, body, null));
            answer(exchange, 409, "application/problem+json", Map.of("type", "https://problems.example/conflict", "title", "Conflict", "status", 409,
                    "detail", "The window has no room left", "reason", "slot-full", "field", "slot",
                    "alternatives", List.of(Map.of("slot", UUID.randomUUID().toString(), "day", "2027-01-20", "windowStart", "09:00",
                            "windowEnd", "11:00", "freeKg", "120.5", "freeParcels", 40))));
            return;
        }
        UUID booking = UUID.randomUUID();
        bookingCalls.add(new BookingCall(path[3], authorization, body, booking));
        answer(exchange, 201, "application/json", Map.of("id", booking.toString(), "county", path[3], "state", "BOOKED",
                "bookedAt", Instant.now().toString()));
    }

    private static void answer(HttpExchange exchange, int status, String type, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
