package org.povertyalleviation.bench.household;

import org.povertyalleviation.bench.CountyCodes;
import org.povertyalleviation.bench.CountyEvents;
import org.povertyalleviation.bench.Sampler;
import org.povertyalleviation.bench.ServiceInstance;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.povertyalleviation.platform.infra.PostgresServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Benchmark 2: the village list page ({@code GET /counties/{county}/households?village={village}&limit=50}) on a
 * registry of millions of households in hundreds of counties, against the same SQL sent over JDBC.
 *
 * <p>The database is filled by plain SQL as its owner, one transaction per county with {@code app.county} set
 * (row-level security binds the owner too): the villages, the households spread evenly over them, one head member
 * each (the list joins the head and counts the members). Then VACUUM ANALYZE, so that neither autovacuum nor stale
 * statistics run during the measurement. The counties join the service's copy through county.joined.v1 events.
 *
 * <p>Both targets get the same (county, village) pairs in the same order from the same number of closed-loop
 * clients. The baseline runs the SQL of HouseholdRepository.list in a transaction with
 * {@code set_config('app.county', county, true)} as the app role, as TenantTransactions does, with its statements
 * prepared once per connection (the service's R2DBC driver caches its prepared statements too).
 */
final class VillageListBenchmark {

    private static final Logger log = LoggerFactory.getLogger(VillageListBenchmark.class);

    static final double TARGET_P99_MILLIS = 20;
    static final int LIMIT = 50;

    /** HouseholdRepository.list's SQL, with JDBC's markers in place of the named parameters (village, status, cause, after). */
    static final String LIST_SQL = """
            select h.id, h.file_number, h.village_code, h.status, h.registration_year, h.primary_cause,
                   head.name as head_name, head.resident_id_masked as head_resident_id,
                   (select count(*) from member m where m.county_code = h.county_code and m.household_id = h.id) as members
              from household h
              left join member head
                     on head.county_code = h.county_code and head.household_id = h.id and head.relation = 'HEAD'
             where h.county_code = ?
               and (?::text is null or h.village_code = ?)
               and (?::text is null or h.status = ?)
               and (?::text is null or ? = any (h.causes))
               and h.file_number > ?
             order by h.file_number
             limit ?""";

    private static final String VILLAGES_SQL = """
            insert into village (county_code, code, township_code, name_zh, poor)
            select ?, ? || (101 + v / 20)::text || (201 + v % 20)::text, ? || (101 + v / 20)::text, '村' || (v + 1), v % 3 <> 0
              from generate_series(0, ? - 1) v""";
    private static final String HOUSEHOLDS_SQL = """
            insert into household (county_code, id, file_number, village_code, registration_year, status, helper_cadre,
                                   food_secure, clothing_secure, compulsory_education, basic_medical_care, safe_housing,
                                   causes, primary_cause)
            select ?, gen_random_uuid(), ? || '-' || lpad(h::text, 7, '0'),
                   ? || (101 + (h % ?) / 20)::text || (201 + (h % ?) % 20)::text,
                   2014 + h % 7, case when h % 4 = 0 then 'LIFTED' else 'REGISTERED' end, '干部' || (h % 97),
                   true, true, h % 3 <> 0, true, h % 5 <> 0,
                   case h % 3 when 0 then array['ILLNESS'] when 1 then array['LACK_OF_FUNDS', 'LACK_OF_SKILLS']
                                     else array['DISABILITY', 'ILLNESS'] end,
                   case h % 3 when 0 then 'ILLNESS' when 1 then 'LACK_OF_FUNDS' else 'DISABILITY' end
              from generate_series(0, ? - 1) h""";
    /** One head per household, with personal data of the service's sizes (49-byte ciphertext, 32-byte hash). */
    private static final String HEADS_SQL = """
            insert into member (county_code, id, household_id, name, relation, resident_id_cipher, resident_id_hash,
                                resident_id_masked, pii_key, birth_year, sex, labour_capacity, health, education, ecommerce_skills)
            select h.county_code, gen_random_uuid(), h.id, '户主' || right(h.file_number, 3), 'HEAD',
                   substring(sha512(convert_to(h.id::text, 'UTF8')) from 1 for 49), sha256(convert_to(h.id::text, 'UTF8')),
                   h.county_code || '********' || right(h.file_number, 4), 'k1',
                   1945 + (hashtext(h.file_number) & 63), case when hashtext(h.file_number) & 1 = 0 then 'M' else 'F' end,
                   'FULL', 'HEALTHY', 'PRIMARY', '{}'
              from household h
             where h.county_code = ?""";

    private final HouseholdBenchmark bench;
    private final BenchSettings settings;

    VillageListBenchmark(HouseholdBenchmark bench) {
        this.bench = bench;
        this.settings = bench.settings;
    }

    record Pair(String county, String village) {
    }

    record Result(int counties, int households, int villages, int clients, double loadSeconds, double serviceWarmupSeconds,
                  int serviceWarmupRequests, double sqlWarmupSeconds, Latencies service, Latencies sql, Sampler serviceSamples,
                  Sampler sqlSamples, String appRole, String database) {

        String report() {
            boolean valid = service.errors() == 0 && sql.errors() == 0;
            StringBuilder out = new StringBuilder();
            out.append(String.format(Locale.ROOT, "### Village list: `GET /counties/{county}/households?village={village}&limit=%d`%n%n", LIMIT));
            out.append(String.format(Locale.ROOT, "%,d households in %,d counties (%,d villages each, about %.1f households per village), "
                            + "one head member each; loaded by SQL in %.0f s. %d closed-loop client(s); the same %,d random "
                            + "(county, village) pairs to both targets. Service warmed up %.0f s (%,d requests), SQL %.0f s.%n%n",
                    households, counties, villages, households / (double) counties / villages, loadSeconds, clients, service.count(),
                    serviceWarmupSeconds, serviceWarmupRequests, sqlWarmupSeconds));
            out.append("| target | requests | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms | mean ms | req/s | errors |\n");
            out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            out.append(row("service (HTTP, token, gate, R2DBC)", service));
            out.append(row("SQL over JDBC (same query, app role, set_config)", sql));
            out.append("\n| comparison | value | target | verdict |\n|---|---:|---|---|\n");
            out.append(String.format(Locale.ROOT, "| service p99 | %.2f ms | <= %.0f ms | %s |%n", service.percentileMillis(99),
                    TARGET_P99_MILLIS, HouseholdBenchmark.verdict(service.percentileMillis(99) <= TARGET_P99_MILLIS, valid)));
            out.append(String.format(Locale.ROOT, "| p99 service/SQL | %.2f | (information) | |%n",
                    service.percentileMillis(99) / sql.percentileMillis(99)));
            out.append(String.format(Locale.ROOT, "| p50 service/SQL | %.2f | (information) | |%n",
                    service.percentileMillis(50) / sql.percentileMillis(50)));
            out.append(String.format(Locale.ROOT, "| p50 service - SQL | %.2f ms | (information) | |%n",
                    service.percentileMillis(50) - sql.percentileMillis(50)));
            out.append(String.format(Locale.ROOT, "%nCPU per request through the service: service JVM %.2f ms, its PostgreSQL sessions "
                            + "%.2f ms. Straight to SQL: the PostgreSQL sessions %.2f ms, machine-wide %.2f ms (with this benchmark's JVM, "
                            + "the client).%n",
                    1000 * serviceSamples.serviceCpuSeconds() / service.count(),
                    1000 * serviceSamples.postgresCpuSeconds(appRole, database) / service.count(),
                    1000 * sqlSamples.postgresCpuSeconds(appRole, database) / sql.count(), 1000 * sqlSamples.machineBusySeconds() / sql.count()));
            out.append("While the service was measured: ").append(serviceSamples.summary()).append('\n');
            out.append("While SQL was measured: ").append(sqlSamples.summary()).append('\n');
            if (!valid) {
                out.append("\nINVALID: some requests failed (see the errors column).\n");
            }
            return out.toString();
        }

        private static String row(String name, Latencies latencies) {
            return String.format(Locale.ROOT, "| %s | %,d | %.2f | %.2f | %.2f | %.2f | %.2f | %.2f | %,.0f | %d |%n", name,
                    latencies.count(), latencies.percentileMillis(50), latencies.percentileMillis(90), latencies.percentileMillis(99),
                    latencies.percentileMillis(99.9), latencies.percentileMillis(100), latencies.meanMillis(),
                    latencies.requestsPerSecond(), latencies.errors());
        }
    }

    Result run() {
        List<String> counties = CountyCodes.counties(settings.counties());
        PostgresServer.Database database = bench.postgres.database("household_list");
        // Started on the empty database, which it migrates; it idles while the data goes in.
        ServiceInstance service = bench.startService("household-registry-list", database);
        double loadSeconds = load(database, counties);
        join(service, database, counties);

        SplittableRandom random = new SplittableRandom(settings.seed() + 1);
        Pair[] measured = pairs(random, counties, settings.listRequests());
        Pair[] warmup = pairs(random, counties, 50_000);
        String token = bench.token(HouseholdBenchmark.OPERATOR);

        List<Client> serviceClients = new ArrayList<>();
        List<Client> sqlClients = new ArrayList<>();
        try {
            for (int i = 0; i < settings.clients(); i++) {
                serviceClients.add(new ServiceClient(service, token));
                sqlClients.add(new SqlClient(database));
            }
            compare(service, serviceClients.get(0), sqlClients.get(0), measured);

            log.info("Service warm-up: {} s of village lists from {} client(s)", settings.listWarmup().toSeconds(), settings.clients());
            long warmupStart = System.nanoTime();
            int warmupRequests = warmUp(service, serviceClients, warmup, settings.listWarmup());
            double serviceWarmupSeconds = (System.nanoTime() - warmupStart) / 1e9;
            log.info("Service: {} measured requests", measured.length);
            Sampler serviceSamples = new Sampler(bench.postgres, database.name(), service.pid());
            Latencies serviceLatencies = measure(service, serviceClients, measured);
            serviceSamples.close();
            log.info("  service p50 {} ms, p99 {} ms, {} errors", fmt(serviceLatencies.percentileMillis(50)),
                    fmt(serviceLatencies.percentileMillis(99)), serviceLatencies.errors());

            log.info("SQL warm-up: {} s", settings.sqlWarmup().toSeconds());
            long sqlWarmupStart = System.nanoTime();
            warmUp(service, sqlClients, warmup, settings.sqlWarmup());
            double sqlWarmupSeconds = (System.nanoTime() - sqlWarmupStart) / 1e9;
            log.info("SQL: {} measured requests", measured.length);
            Sampler sqlSamples = new Sampler(bench.postgres, database.name(), service.pid());
            Latencies sqlLatencies = measure(service, sqlClients, measured);
            sqlSamples.close();
            log.info("  SQL p50 {} ms, p99 {} ms, {} errors", fmt(sqlLatencies.percentileMillis(50)),
                    fmt(sqlLatencies.percentileMillis(99)), sqlLatencies.errors());
            explain(database, measured[0]);
            return new Result(counties.size(), settings.listHouseholds(), settings.listVillages(), settings.clients(), loadSeconds,
                    serviceWarmupSeconds, warmupRequests, sqlWarmupSeconds, serviceLatencies, sqlLatencies, serviceSamples, sqlSamples,
                    database.appUsername(), database.name());
        } finally {
            sqlClients.forEach(Client::close);
        }
    }

    /** Villages, households and their heads by plain SQL, one transaction per county, on two connections. */
    private double load(PostgresServer.Database database, List<String> counties) {
        log.info("Loading {} households in {} counties ({} villages each) into {} by SQL", settings.listHouseholds(), counties.size(),
                settings.listVillages(), database.name());
        long start = System.nanoTime();
        int base = settings.listHouseholds() / counties.size();
        int extra = settings.listHouseholds() % counties.size();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        int threads = 2;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> loaders = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                loaders.add(pool.submit(() -> {
                    try (Connection connection = HouseholdBenchmark.owner(database);
                         PreparedStatement county = connection.prepareStatement("select set_config('app.county', ?, true)");
                         PreparedStatement villages = connection.prepareStatement(VILLAGES_SQL);
                         PreparedStatement households = connection.prepareStatement(HOUSEHOLDS_SQL);
                         PreparedStatement heads = connection.prepareStatement(HEADS_SQL)) {
                        connection.setAutoCommit(false);
                        for (int i = next.getAndIncrement(); i < counties.size(); i = next.getAndIncrement()) {
                            String code = counties.get(i);
                            int count = base + (i < extra ? 1 : 0);
                            county.setString(1, code);
                            county.executeQuery().close();
                            villages.setString(1, code);
                            villages.setString(2, code);
                            villages.setString(3, code);
                            villages.setInt(4, settings.listVillages());
                            villages.executeUpdate();
                            households.setString(1, code);
                            households.setString(2, code);
                            households.setString(3, code);
                            households.setInt(4, settings.listVillages());
                            households.setInt(5, settings.listVillages());
                            households.setInt(6, count);
                            households.executeUpdate();
                            heads.setString(1, code);
                            heads.executeUpdate();
                            connection.commit();
                            int finished = done.incrementAndGet();
                            if (finished % 50 == 0) {
                                log.info("  {} of {} counties loaded ({} s)", finished, counties.size(), (System.nanoTime() - start) / 1_000_000_000);
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> loader : loaders) {
                loader.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("Loading the village-list database failed: " + e.getMessage(), e);
        } finally {
            pool.shutdownNow();
        }
        double loaded = (System.nanoTime() - start) / 1e9;
        log.info("Loaded in {} s; VACUUM ANALYZE and a checkpoint", fmt(loaded));
        try (Connection connection = HouseholdBenchmark.owner(database); Statement statement = connection.createStatement()) {
            statement.execute("vacuum analyze village");
            statement.execute("vacuum analyze household");
            statement.execute("vacuum analyze member");
        } catch (SQLException e) {
            throw new IllegalStateException("VACUUM ANALYZE failed: " + e.getMessage(), e);
        }
        try (Connection connection = bench.postgres.connect(database.name()); Statement statement = connection.createStatement()) {
            statement.execute("checkpoint");
            try (ResultSet size = statement.executeQuery("select pg_size_pretty(pg_database_size(current_database()))")) {
                size.next();
                log.info("Database {} is {}", database.name(), size.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("CHECKPOINT failed: " + e.getMessage(), e);
        }
        return loaded;
    }

    /** Every county joins (county.joined.v1); the service's copy then lists them all. */
    private void join(ServiceInstance service, PostgresServer.Database database, List<String> counties) {
        log.info("{} counties join (county.joined.v1 on Kafka)", counties.size());
        try (CountyEvents events = new CountyEvents(bench.kafka.bootstrapServers())) {
            for (String county : counties) {
                events.countyJoined(county, "县" + county, CountyCodes.townships(settings.listVillages()), settings.listVillages());
            }
            events.flush();
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(300).toNanos();
        long joined = 0;
        while (joined < counties.size()) {
            try (Connection connection = HouseholdBenchmark.owner(database); Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("select count(*) from joined_county")) {
                rows.next();
                joined = rows.getLong(1);
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            if (joined < counties.size()) {
                if (System.nanoTime() > deadline) {
                    throw ImportBenchmark.problem(service, "Only " + joined + " of " + counties.size()
                            + " counties joined the service's copy within 300 s of their county.joined.v1 events");
                }
                HouseholdBenchmark.sleep(Duration.ofMillis(500));
            }
        }
        String token = bench.token(HouseholdBenchmark.OPERATOR);
        for (String county : List.of(counties.get(0), counties.get(counties.size() - 1))) {
            String path = "/counties/" + county + "/villages/" + CountyCodes.village(county, 0) + "/income/summary";
            HttpResponse<String> response = service.get(path, token);
            if (response.statusCode() != 200) {
                throw ImportBenchmark.problem(service, "GET " + path + " answered " + response.statusCode() + " after county " + county
                        + " joined: " + response.body());
            }
        }
        log.info("All {} counties joined", counties.size());
    }

    private Pair[] pairs(SplittableRandom random, List<String> counties, int count) {
        Pair[] pairs = new Pair[count];
        for (int i = 0; i < count; i++) {
            String county = counties.get(random.nextInt(counties.size()));
            pairs[i] = new Pair(county, CountyCodes.village(county, random.nextInt(settings.listVillages())));
        }
        return pairs;
    }

    /** Before measuring: the service lists the same households SQL finds, for the first hundred pairs. */
    private void compare(ServiceInstance service, Client serviceClient, Client sqlClient, Pair[] pairs) {
        long total = 0;
        for (int i = 0; i < Math.min(100, pairs.length); i++) {
            Pair pair = pairs[i];
            ServiceClient http = (ServiceClient) serviceClient;
            HttpResponse<String> response = http.get(pair);
            int sqlRows;
            try {
                sqlRows = sqlClient.call(pair);
            } catch (Exception e) {
                throw new IllegalStateException("The SQL baseline failed: " + e.getMessage(), e);
            }
            JsonNode body = response.statusCode() == 200 ? bench.json.readTree(response.body()) : null;
            if (body == null || !body.isArray() || body.size() != sqlRows || sqlRows == 0) {
                throw ImportBenchmark.problem(service, "GET " + http.path(pair) + " answered " + response.statusCode() + " with "
                        + (body != null && body.isArray() ? body.size() + " households" : "no list") + " where SQL finds " + sqlRows
                        + ": " + abbreviate(response.body()));
            }
            total += sqlRows;
        }
        log.info("Checked: for the first {} pairs the service lists the households SQL finds ({} on average)",
                Math.min(100, pairs.length), fmt(total / (double) Math.min(100, pairs.length)));
    }

    private int warmUp(ServiceInstance service, List<Client> clients, Pair[] pairs, Duration duration) {
        long end = System.nanoTime() + duration.toNanos();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        AtomicReference<String> firstError = new AtomicReference<>();
        runClients(clients, client -> {
            while (System.nanoTime() < end) {
                Pair pair = pairs[Math.floorMod(next.getAndIncrement(), pairs.length)];
                call(client, pair, errors, firstError);
            }
        });
        if (errors.get() > 0) {
            throw ImportBenchmark.problem(service, errors.get() + " of " + next.get() + " warm-up requests failed; the first: " + firstError.get());
        }
        return next.get();
    }

    private Latencies measure(ServiceInstance service, List<Client> clients, Pair[] pairs) {
        long[] samples = new long[pairs.length];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        AtomicReference<String> firstError = new AtomicReference<>();
        AtomicLong wall = new AtomicLong();
        long start = System.nanoTime();
        runClients(clients, client -> {
            for (int i = next.getAndIncrement(); i < pairs.length; i = next.getAndIncrement()) {
                long sent = System.nanoTime();
                call(client, pairs[i], errors, firstError);
                samples[i] = System.nanoTime() - sent;
            }
        });
        wall.set(System.nanoTime() - start);
        if (errors.get() > 0) {
            log.warn("{} of {} measured requests failed; the first: {}", errors.get(), pairs.length, firstError.get());
            log.warn("Service log, warnings and errors:\n{}", String.join("\n", service.problems(20)));
        }
        return new Latencies(samples, pairs.length, wall.get(), errors.get());
    }

    private static void call(Client client, Pair pair, AtomicInteger errors, AtomicReference<String> firstError) {
        try {
            client.call(pair);
        } catch (Exception e) {
            errors.incrementAndGet();
            firstError.compareAndSet(null, pair + ": " + e.getMessage());
        }
    }

    private interface ClientLoop {
        void run(Client client) throws Exception;
    }

    private static void runClients(List<Client> clients, ClientLoop loop) {
        ExecutorService pool = Executors.newFixedThreadPool(clients.size());
        try {
            List<Future<?>> running = new ArrayList<>();
            for (Client client : clients) {
                running.add(pool.submit(() -> {
                    loop.run(client);
                    return null;
                }));
            }
            for (Future<?> future : running) {
                future.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException("A client failed: " + e.getMessage(), e);
        } finally {
            pool.shutdownNow();
        }
    }

    /** For the notes: the plans PostgreSQL chooses for the list, with the values known (custom) and not (generic). */
    private void explain(PostgresServer.Database database, Pair pair) {
        try (Connection connection = HouseholdBenchmark.app(database); Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.execute("select set_config('app.county', '" + pair.county() + "', true)");
            String prepared = LIST_SQL.replaceFirst("\\?", "\\$1").replaceFirst("\\?", "\\$2").replaceFirst("\\?", "\\$2")
                    .replaceFirst("\\?", "\\$3").replaceFirst("\\?", "\\$3").replaceFirst("\\?", "\\$4").replaceFirst("\\?", "\\$4")
                    .replaceFirst("\\?", "\\$5").replaceFirst("\\?", "\\$6");
            statement.execute("prepare bench_list (varchar, varchar, varchar, varchar, varchar, int) as " + prepared);
            String execute = "execute bench_list ('" + pair.county() + "', '" + pair.village() + "', null, null, '', " + LIMIT + ")";
            StringBuilder plans = new StringBuilder();
            for (String mode : List.of("force_custom_plan", "force_generic_plan")) {
                statement.execute("set local plan_cache_mode = " + mode);
                plans.append("\n-- ").append(mode).append('\n');
                try (ResultSet rows = statement.executeQuery("explain (analyze, buffers, costs off) " + execute)) {
                    while (rows.next()) {
                        plans.append(rows.getString(1)).append('\n');
                    }
                }
            }
            connection.rollback();
            log.info("Plans of the village list for {}:{}", pair, plans);
        } catch (SQLException e) {
            log.warn("Could not explain the village list: {}", e.getMessage());
        }
    }

    /** A closed-loop client: one request at a time; throws when the request failed. */
    private interface Client extends AutoCloseable {
        int call(Pair pair) throws Exception;

        @Override
        default void close() {
        }
    }

    /** The page through the service, as a browser behind the gateway would ask for it. */
    private static final class ServiceClient implements Client {
        private final ServiceInstance service;
        private final HttpClient http;
        private final String authorization;

        ServiceClient(ServiceInstance service, String token) {
            this.service = service;
            this.http = service.http();
            this.authorization = "Bearer " + token;
        }

        String path(Pair pair) {
            return "/counties/" + pair.county() + "/households?village=" + pair.village() + "&limit=" + LIMIT;
        }

        HttpResponse<String> get(Pair pair) {
            return service.get(path(pair), authorization.substring("Bearer ".length()));
        }

        @Override
        public int call(Pair pair) throws Exception {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(service.baseUrl() + path(pair)))
                    .timeout(Duration.ofSeconds(30)).header("Authorization", authorization).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + path(pair) + " answered " + response.statusCode() + ": "
                        + abbreviate(new String(response.body(), java.nio.charset.StandardCharsets.UTF_8)));
            }
            return response.body().length;
        }
    }

    /** The same query straight to PostgreSQL: a transaction with the county set, the list's SQL, every column read. */
    private static final class SqlClient implements Client {
        private final Connection connection;
        private final PreparedStatement county;
        private final PreparedStatement list;

        SqlClient(PostgresServer.Database database) {
            try {
                connection = HouseholdBenchmark.app(database);
                connection.setAutoCommit(false);
                county = connection.prepareStatement("select set_config('app.county', ?, true)");
                list = connection.prepareStatement(LIST_SQL);
            } catch (SQLException e) {
                throw new IllegalStateException("Could not connect the SQL baseline: " + e.getMessage(), e);
            }
        }

        @Override
        public int call(Pair pair) throws SQLException {
            try {
                county.setString(1, pair.county());
                county.executeQuery().close();
                list.setString(1, pair.county());
                list.setString(2, pair.village());
                list.setString(3, pair.village());
                list.setNull(4, Types.VARCHAR);
                list.setNull(5, Types.VARCHAR);
                list.setNull(6, Types.VARCHAR);
                list.setNull(7, Types.VARCHAR);
                list.setString(8, "");
                list.setInt(9, LIMIT);
                int rows = 0;
                try (ResultSet result = list.executeQuery()) {
                    while (result.next()) {
                        result.getObject(1);
                        result.getString(2);
                        result.getString(3);
                        result.getString(4);
                        result.getShort(5);
                        result.getString(6);
                        result.getString(7);
                        result.getString(8);
                        result.getLong(9);
                        rows++;
                    }
                }
                connection.commit();
                return rows;
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            }
        }

        @Override
        public void close() {
            try {
                connection.close();
            } catch (SQLException e) {
                // closing anyway
            }
        }
    }

    private static String abbreviate(String text) {
        return text == null ? "" : text.length() > 500 ? text.substring(0, 500) + "..." : text;
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
