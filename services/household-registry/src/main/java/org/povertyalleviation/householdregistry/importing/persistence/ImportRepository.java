package org.povertyalleviation.householdregistry.importing.persistence;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.r2dbc.spi.Parameters;
import io.r2dbc.spi.R2dbcType;
import io.r2dbc.spi.Readable;
import org.povertyalleviation.householdregistry.household.domain.Household;
import org.povertyalleviation.householdregistry.household.persistence.HouseholdRepository.MemberRow;
import org.povertyalleviation.householdregistry.importing.domain.Rejection;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Import jobs, their rejected rows, and the batch writes of imported households; all inside county transactions. */
@Repository
public class ImportRepository {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(ImportRepository.class);

    /** @param rejectionsListed rejected rows kept with their reason (the first ones); rowsRejected counts them all */
    public record JobRow(UUID id, String fileName, String format, String status, int rowsRead, int householdsCreated,
                         int householdsUpdated, int householdsUnchanged, int rowsRejected, int rejectionsListed, String failure,
                         String startedBy, Instant startedAt, Instant finishedAt) {
    }

    /** A batch met a job that is no longer RUNNING (the watchdog failed it): the batch is rolled back and its worker stops. */
    public static class JobEndedException extends RuntimeException {
        public JobEndedException(UUID job) {
            super("import " + job + " was ended while it ran");
        }
    }

    /** A household of a batch with its sealed members. */
    public record BatchHousehold(Household household, List<MemberRow> members) {
    }

    /**
     * The households of a batch that are new, those that changed (file or members), and of those the ones whose
     * file row was updated (their version already moved on).
     */
    public record BatchResult(Set<UUID> created, Set<UUID> changed, Set<UUID> fileUpdated) {
    }

    /** A household row after the batch, with its number of members, for its event. */
    public record Written(org.povertyalleviation.householdregistry.household.persistence.HouseholdRepository.HouseholdRow household,
                          int members) {
    }

    private static final String JOB_COLUMNS = """
            id, file_name, format, status, rows_read, households_created, households_updated, households_unchanged,
            rows_rejected, rejections_listed, failure, started_by, started_at, finished_at""";

    private final DatabaseClient database;

    public ImportRepository(DatabaseClient database) {
        this.database = database;
    }

    public Mono<JobRow> createJob(String county, UUID id, String fileName, String format, String startedBy, String worker) {
        return database.sql("insert into import_job (county_code, id, file_name, format, status, started_by, worker)"
                        + " values (:county, :id, :fileName, :format, 'RUNNING', :startedBy, :worker) returning " + JOB_COLUMNS)
                .bind("county", county).bind("id", id).bind("fileName", fileName).bind("format", format).bind("startedBy", startedBy)
                .bind("worker", worker)
                .map(ImportRepository::job).one();
    }

    /**
     * The county's RUNNING jobs, after taking the county's import lock for the rest of the transaction: two uploads
     * arriving together count each other, so the per-county limit holds across replicas.
     */
    public Flux<UUID> lockAndListRunning(String county) {
        return database.sql("select pg_advisory_xact_lock(hashtext('household-import:' || :county))")
                .bind("county", county).fetch().rowsUpdated()
                .thenMany(database.sql("select id from import_job where county_code = :county and status = 'RUNNING' order by started_at")
                        .bind("county", county).map(row -> row.get("id", UUID.class)).all());
    }

    /** The replica running the job is alive; false when the job is no longer RUNNING (its worker should stop). */
    public Mono<Boolean> heartbeat(String county, UUID job) {
        return database.sql("update import_job set heartbeat_at = now() where county_code = :county and id = :id and status = 'RUNNING'")
                .bind("county", county).bind("id", job).fetch().rowsUpdated().map(updated -> updated > 0);
    }

    public Mono<JobRow> job(String county, UUID id) {
        return database.sql("select " + JOB_COLUMNS + " from import_job where county_code = :county and id = :id")
                .bind("county", county).bind("id", id).map(ImportRepository::job).one();
    }

    public Flux<JobRow> recentJobs(String county, int limit) {
        return database.sql("select " + JOB_COLUMNS + " from import_job where county_code = :county order by started_at desc limit :limit")
                .bind("county", county).bind("limit", limit).map(ImportRepository::job).all();
    }

    /**
     * Adds a batch's counts to the job (in the batch's transaction, so the counts are what committed); a job no longer
     * RUNNING (failed by the watchdog meanwhile) is a JobEndedException, which rolls the batch back.
     */
    public Mono<Void> count(String county, UUID job, int rowsRead, int created, int updated, int unchanged, int rejected, int listed) {
        return database.sql("""
                        update import_job set rows_read = rows_read + :read, households_created = households_created + :created,
                               households_updated = households_updated + :updated,
                               households_unchanged = households_unchanged + :unchanged, rows_rejected = rows_rejected + :rejected,
                               rejections_listed = rejections_listed + :listed, last_progress_at = now(), heartbeat_at = now()
                         where county_code = :county and id = :id and status = 'RUNNING'""")
                .bind("county", county).bind("id", job).bind("read", rowsRead).bind("created", created).bind("updated", updated)
                .bind("unchanged", unchanged).bind("rejected", rejected).bind("listed", listed)
                .fetch().rowsUpdated()
                .flatMap(rows -> rows == 0 ? Mono.<Void>error(new JobEndedException(job)) : Mono.<Void>empty());
    }

    /**
     * Ends a RUNNING job; true when it did. A job already ended (the watchdog failed it) keeps its status and reason:
     * a worker finishing late never turns FAILED into COMPLETED.
     */
    public Mono<Boolean> finish(String county, UUID job, String status, String failure) {
        return database.sql("""
                        update import_job set status = :status, failure = :failure, finished_at = now()
                         where county_code = :county and id = :id and status = 'RUNNING'""")
                .bind("county", county).bind("id", job).bind("status", status).bind("failure", Parameters.in(R2dbcType.VARCHAR, failure))
                .fetch().rowsUpdated().map(updated -> updated > 0);
    }

    public Mono<Void> reject(String county, UUID job, List<Rejection> rejections) {
        if (rejections.isEmpty()) {
            return Mono.empty();
        }
        return database.sql("""
                        insert into import_rejection (county_code, job_id, line, file_number, field, reason)
                        select :county, :job, r.line, r.file_number, r.field, r.reason
                          from unnest(:lines::int[], :fileNumbers::text[], :fields::text[], :reasons::text[]) as r(line, file_number, field, reason)""")
                .bind("county", county).bind("job", job)
                .bind("lines", rejections.stream().map(Rejection::line).toArray(Integer[]::new))
                .bind("fileNumbers", rejections.stream().map(Rejection::fileNumber).toArray(String[]::new))
                .bind("fields", rejections.stream().map(Rejection::field).toArray(String[]::new))
                .bind("reasons", rejections.stream().map(Rejection::reason).toArray(String[]::new))
                .fetch().rowsUpdated().then();
    }

    /**
     * Fails the county's RUNNING jobs whose replica stopped saying they are alive ({@code lostAfter}) or that have not
     * committed a batch for {@code stalledAfter}; each with its reason. A worker still running meets the FAILED job at
     * its next batch and stops without writing it.
     */
    /**
     * Refreshes the planner's statistics of the tables an import fills, after its first batch. A county's first import
     * starts on tables the planner believes empty (never analyzed); until autovacuum's next visit (about a minute) the
     * member upsert's join and the foreign-key checks run on plans made for that, at a tenth of their speed
     * (docs/performance.md, "What dominates the import"). Needs the MAINTAIN privilege (PostgreSQL 17; V6): without it
     * PostgreSQL skips the tables with a warning and the import only runs slower.
     */
    public void refreshStatistics() {
        try {
            database.sql("analyze household, member").fetch().rowsUpdated().block(java.time.Duration.ofMinutes(1));
        } catch (RuntimeException e) {
            log.warn("Could not refresh the statistics of household and member: {}", e.toString());
        }
    }

    public Mono<Long> failStalled(String county, java.time.Duration stalledAfter, java.time.Duration lostAfter) {
        return database.sql("""
                        update import_job set status = 'FAILED', finished_at = now(),
                               failure = case when heartbeat_at < now() - make_interval(secs => :lost)
                                   then 'the replica running the import stopped (no sign of life for ' || :lostText
                                        || ') after its last committed batch; importing the file again completes it'
                                   else 'the import made no progress for ' || :stalledText
                                        || ' and was stopped after its last committed batch; importing the file again completes it' end
                         where county_code = :county and status = 'RUNNING'
                           and (heartbeat_at < now() - make_interval(secs => :lost)
                                or last_progress_at < now() - make_interval(secs => :stalled))""")
                .bind("county", county).bind("lost", (double) lostAfter.toSeconds()).bind("stalled", (double) stalledAfter.toSeconds())
                .bind("lostText", words(lostAfter)).bind("stalledText", words(stalledAfter))
                .fetch().rowsUpdated();
    }

    private static String words(java.time.Duration duration) {
        return duration.toSeconds() % 60 == 0 ? duration.toMinutes() + " minutes" : duration.toSeconds() + " seconds";
    }

    public Flux<Rejection> rejections(String county, UUID job, int afterLine, int limit) {
        return database.sql("""
                        select line, file_number, field, reason from import_rejection
                         where county_code = :county and job_id = :job and line > :after order by line limit :limit""")
                .bind("county", county).bind("job", job).bind("after", afterLine).bind("limit", limit)
                .map(row -> new Rejection(row.get("line", Integer.class), row.get("file_number", String.class),
                        row.get("field", String.class), row.get("reason", String.class)))
                .all();
    }

    /**
     * Writes a batch of households as the file has them, in set-based statements: new households are inserted;
     * existing ones (same file number) are updated only where something differs; each listed household's members
     * become exactly the file's (matched by resident ID hash; personal data re-sealed only when it changed). Status,
     * income and the ids of existing households are never touched.
     */
    public Mono<BatchResult> write(String county, List<BatchHousehold> batch) {
        HexFormat hex = HexFormat.of();
        int size = batch.size();
        UUID[] ids = new UUID[size];
        String[] fileNumbers = new String[size];
        String[] villages = new String[size];
        Integer[] years = new Integer[size];
        String[] helpers = new String[size];
        Boolean[] food = new Boolean[size];
        Boolean[] clothing = new Boolean[size];
        Boolean[] education = new Boolean[size];
        Boolean[] medical = new Boolean[size];
        Boolean[] housing = new Boolean[size];
        String[] causes = new String[size];
        String[] primaries = new String[size];
        String[] memberHashes = new String[size];
        List<MemberRow> members = new ArrayList<>();
        List<String> memberFiles = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            Household household = batch.get(i).household();
            ids[i] = household.id();
            fileNumbers[i] = household.fileNumber();
            villages[i] = household.village().value();
            years[i] = household.registrationYear();
            helpers[i] = household.helperCadre();
            food[i] = household.guarantees().food();
            clothing[i] = household.guarantees().clothing();
            education[i] = household.guarantees().compulsoryEducation();
            medical[i] = household.guarantees().basicMedicalCare();
            housing[i] = household.guarantees().safeHousing();
            causes[i] = String.join(",", household.causes().stream().map(Enum::name).sorted().toList());
            primaries[i] = household.primaryCause().name();
            List<String> hashes = new ArrayList<>();
            for (MemberRow member : batch.get(i).members()) {
                members.add(member);
                memberFiles.add(household.fileNumber());
                hashes.add(hex.formatHex(member.residentIdHash()));
            }
            memberHashes[i] = String.join(",", hashes);
        }
        Set<UUID> created = new java.util.HashSet<>();
        Set<UUID> changed = new java.util.HashSet<>();
        Set<UUID> fileUpdated = new java.util.HashSet<>();
        Mono<Void> households = database.sql("""
                        insert into household (county_code, id, file_number, village_code, registration_year, status, helper_cadre,
                                               food_secure, clothing_secure, compulsory_education, basic_medical_care, safe_housing,
                                               causes, primary_cause)
                        select :county, u.id, u.file_number, u.village, u.year, 'REGISTERED', u.helper, u.food, u.clothing,
                               u.education, u.medical, u.housing, string_to_array(u.causes, ','), u.primary_cause
                          from unnest(:ids::uuid[], :fileNumbers::text[], :villages::text[], :years::int[], :helpers::text[],
                                      :food::boolean[], :clothing::boolean[], :education::boolean[], :medical::boolean[],
                                      :housing::boolean[], :causes::text[], :primaries::text[])
                               as u(id, file_number, village, year, helper, food, clothing, education, medical, housing, causes, primary_cause)
                        on conflict (county_code, file_number) do update
                           set village_code = excluded.village_code, registration_year = excluded.registration_year,
                               helper_cadre = excluded.helper_cadre, food_secure = excluded.food_secure,
                               clothing_secure = excluded.clothing_secure, compulsory_education = excluded.compulsory_education,
                               basic_medical_care = excluded.basic_medical_care, safe_housing = excluded.safe_housing,
                               causes = excluded.causes, primary_cause = excluded.primary_cause,
                               version = household.version + 1, updated_at = now()
                         where (household.village_code, household.registration_year, household.helper_cadre, household.food_secure,
                                household.clothing_secure, household.compulsory_education, household.basic_medical_care,
                                household.safe_housing, household.causes, household.primary_cause)
                               is distinct from
                               (excluded.village_code, excluded.registration_year, excluded.helper_cadre, excluded.food_secure,
                                excluded.clothing_secure, excluded.compulsory_education, excluded.basic_medical_care,
                                excluded.safe_housing, excluded.causes, excluded.primary_cause)
                        returning id, (xmax = 0) as created""")
                .bind("county", county).bind("ids", ids).bind("fileNumbers", fileNumbers).bind("villages", villages)
                .bind("years", years).bind("helpers", helpers).bind("food", food).bind("clothing", clothing)
                .bind("education", education).bind("medical", medical).bind("housing", housing).bind("causes", causes)
                .bind("primaries", primaries)
                .map(row -> {
                    UUID id = row.get("id", UUID.class);
                    if (Boolean.TRUE.equals(row.get("created", Boolean.class))) {
                        created.add(id);
                    } else {
                        changed.add(id);
                        fileUpdated.add(id);
                    }
                    return id;
                })
                .all().then();
        // Members the file no longer lists for a household it lists. Only households that were there before the batch
        // can have any: a first import's batches (all new) send no delete, which took a tenth of its sessions' time.
        Mono<Void> departed = Mono.defer(() -> {
            List<String> existingFiles = new ArrayList<>();
            List<String> existingHashes = new ArrayList<>();
            for (int i = 0; i < ids.length; i++) {
                if (!created.contains(ids[i])) {
                    existingFiles.add(fileNumbers[i]);
                    existingHashes.add(memberHashes[i]);
                }
            }
            if (existingFiles.isEmpty()) {
                return Mono.empty();
            }
            return database.sql("""
                            delete from member m
                             using household h, unnest(:fileNumbers::text[], :hashes::text[]) as u(file_number, hashes)
                             where h.county_code = :county and h.file_number = u.file_number
                               and m.county_code = :county and m.household_id = h.id
                               and encode(m.resident_id_hash, 'hex') <> all (string_to_array(u.hashes, ','))
                            returning m.household_id""")
                    .bind("county", county).bind("fileNumbers", existingFiles.toArray(String[]::new))
                    .bind("hashes", existingHashes.toArray(String[]::new))
                    .map(row -> changed.add(row.get("household_id", UUID.class))).all().then();
        });
        // A member's skill the file leaves out is off the file, also one a certificate gave (certificate_skills).
        Mono<Void> upsertMembers = database.sql("""
                        insert into member (county_code, id, household_id, name, relation, resident_id_cipher, resident_id_hash,
                                            resident_id_masked, pii_key, birth_year, sex, phone_cipher, phone_hash, phone_masked,
                                            labour_capacity, health, education, ecommerce_skills)
                        select :county, u.id, h.id, u.name, u.relation, decode(u.rid_cipher, 'base64'), decode(u.rid_hash, 'hex'),
                               u.rid_masked, u.pii_key, u.birth_year, u.sex, decode(u.phone_cipher, 'base64'), decode(u.phone_hash, 'hex'),
                               u.phone_masked, u.labour, u.health, u.education, string_to_array(u.skills, ',')
                          from unnest(:ids::uuid[], :fileNumbers::text[], :names::text[], :relations::text[], :ridCiphers::text[],
                                      :ridHashes::text[], :ridMasked::text[], :piiKeys::text[], :birthYears::smallint[], :sexes::text[],
                                      :phoneCiphers::text[], :phoneHashes::text[], :phoneMasked::text[], :labour::text[],
                                      :health::text[], :education::text[], :skills::text[])
                               as u(id, file_number, name, relation, rid_cipher, rid_hash, rid_masked, pii_key, birth_year, sex,
                                    phone_cipher, phone_hash, phone_masked, labour, health, education, skills)
                          join household h on h.county_code = :county and h.file_number = u.file_number
                        on conflict (county_code, resident_id_hash) do update
                           set household_id = excluded.household_id, name = excluded.name, relation = excluded.relation,
                               phone_cipher = case when member.phone_hash is not distinct from excluded.phone_hash
                                                   then member.phone_cipher else excluded.phone_cipher end,
                               phone_hash = excluded.phone_hash, phone_masked = excluded.phone_masked,
                               labour_capacity = excluded.labour_capacity, health = excluded.health,
                               education = excluded.education, ecommerce_skills = excluded.ecommerce_skills,
                               certificate_skills = array(select s from unnest(member.certificate_skills) s
                                                           where s = any (excluded.ecommerce_skills))
                         where (member.household_id, member.name, member.relation, member.phone_hash, member.labour_capacity,
                                member.health, member.education, member.ecommerce_skills)
                               is distinct from
                               (excluded.household_id, excluded.name, excluded.relation, excluded.phone_hash, excluded.labour_capacity,
                                excluded.health, excluded.education, excluded.ecommerce_skills)
                        returning household_id""")
                .bind("county", county)
                .bind("ids", members.stream().map(MemberRow::id).toArray(UUID[]::new))
                .bind("fileNumbers", memberFiles.toArray(String[]::new))
                .bind("names", members.stream().map(MemberRow::name).toArray(String[]::new))
                .bind("relations", members.stream().map(MemberRow::relation).toArray(String[]::new))
                .bind("ridCiphers", members.stream().map(m -> java.util.Base64.getEncoder().encodeToString(m.residentIdCipher())).toArray(String[]::new))
                .bind("ridHashes", members.stream().map(m -> hex.formatHex(m.residentIdHash())).toArray(String[]::new))
                .bind("ridMasked", members.stream().map(MemberRow::residentIdMasked).toArray(String[]::new))
                .bind("piiKeys", members.stream().map(MemberRow::piiKey).toArray(String[]::new))
                .bind("birthYears", members.stream().map(member -> (short) member.birthYear()).toArray(Short[]::new))
                .bind("sexes", members.stream().map(MemberRow::sex).toArray(String[]::new))
                .bind("phoneCiphers", members.stream().map(m -> m.phoneCipher() == null ? null : java.util.Base64.getEncoder().encodeToString(m.phoneCipher())).toArray(String[]::new))
                .bind("phoneHashes", members.stream().map(m -> m.phoneHash() == null ? null : hex.formatHex(m.phoneHash())).toArray(String[]::new))
                .bind("phoneMasked", members.stream().map(MemberRow::phoneMasked).toArray(String[]::new))
                .bind("labour", members.stream().map(MemberRow::labourCapacity).toArray(String[]::new))
                .bind("health", members.stream().map(MemberRow::health).toArray(String[]::new))
                .bind("education", members.stream().map(MemberRow::education).toArray(String[]::new))
                .bind("skills", members.stream().map(m -> String.join(",", m.ecommerceSkills())).toArray(String[]::new))
                .map(row -> changed.add(row.get("household_id", UUID.class))).all().then();
        return households.then(departed).then(upsertMembers).then(Mono.fromSupplier(() -> {
            changed.removeAll(created);
            return new BatchResult(Set.copyOf(created), Set.copyOf(changed), Set.copyOf(fileUpdated));
        }));
    }

    /**
     * The rows of the batch's new and changed households for their events. A household that changed only in its
     * members moves on a version here; the others are only read (new ones were just inserted, and one whose file
     * row was updated already moved on), so no row is written twice.
     */
    public Flux<Written> written(String county, BatchResult result) {
        Set<UUID> read = new java.util.HashSet<>(result.created());
        read.addAll(result.fileUpdated());
        Set<UUID> membersOnly = new java.util.HashSet<>(result.changed());
        membersOnly.removeAll(result.fileUpdated());
        Flux<Written> bumped = membersOnly.isEmpty() ? Flux.empty() : database.sql("""
                        update household set version = version + 1, updated_at = now()
                         where county_code = :county and id = any (:ids)
                        returning\s""" + WRITTEN_COLUMNS)
                .bind("county", county).bind("ids", membersOnly.toArray(UUID[]::new))
                .map(ImportRepository::written).all();
        Flux<Written> unchanged = read.isEmpty() ? Flux.empty() : database.sql("select " + WRITTEN_COLUMNS
                        + " from household where county_code = :county and id = any (:ids)")
                .bind("county", county).bind("ids", read.toArray(UUID[]::new))
                .map(ImportRepository::written).all();
        return bumped.concatWith(unchanged);
    }

    private static final String WRITTEN_COLUMNS = org.povertyalleviation.householdregistry.household.persistence.HouseholdRepository.HOUSEHOLD_COLUMNS
            + ", (select count(*) from member m where m.county_code = household.county_code and m.household_id = household.id) as members";

    private static Written written(Readable row) {
        return new Written(org.povertyalleviation.householdregistry.household.persistence.HouseholdRepository.household(row),
                row.get("members", Long.class).intValue());
    }

    private static JobRow job(Readable row) {
        return new JobRow(row.get("id", UUID.class), row.get("file_name", String.class), row.get("format", String.class),
                row.get("status", String.class), row.get("rows_read", Integer.class), row.get("households_created", Integer.class),
                row.get("households_updated", Integer.class), row.get("households_unchanged", Integer.class),
                row.get("rows_rejected", Integer.class), row.get("rejections_listed", Integer.class), row.get("failure", String.class),
                row.get("started_by", String.class),
                row.get("started_at", OffsetDateTime.class).toInstant(),
                row.get("finished_at", OffsetDateTime.class) == null ? null : row.get("finished_at", OffsetDateTime.class).toInstant());
    }
}
