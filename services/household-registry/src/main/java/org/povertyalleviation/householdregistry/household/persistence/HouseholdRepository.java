package org.povertyalleviation.householdregistry.household.persistence;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import io.r2dbc.spi.Parameters;
import io.r2dbc.spi.R2dbcType;
import io.r2dbc.spi.Readable;
import org.povertyalleviation.householdregistry.household.domain.Guarantees;
import org.povertyalleviation.householdregistry.household.domain.Household;
import org.povertyalleviation.householdregistry.household.domain.HouseholdStatus;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Households and members; every call runs inside a county transaction (row-level security). */
@Repository
public class HouseholdRepository {

    /** A household row as stored. */
    public record HouseholdRow(String countyCode, UUID id, String fileNumber, String villageCode, int registrationYear,
                               HouseholdStatus status, String statusReason, Instant statusChangedAt, String helperCadre,
                               boolean foodSecure, boolean clothingSecure, boolean compulsoryEducation,
                               boolean basicMedicalCare, boolean safeHousing, List<String> causes, String primaryCause,
                               int version, Instant createdAt, Instant updatedAt) {

        public Guarantees guarantees() {
            return new Guarantees(foodSecure, clothingSecure, compulsoryEducation, basicMedicalCare, safeHousing);
        }
    }

    /** A member row as stored: personal data only sealed, hashed and masked. */
    public record MemberRow(UUID id, UUID householdId, String name, String relation, byte[] residentIdCipher,
                            byte[] residentIdHash, String residentIdMasked, String piiKey, int birthYear, String sex,
                            byte[] phoneCipher, byte[] phoneHash, String phoneMasked, String labourCapacity, String health,
                            String education, List<String> ecommerceSkills) {
    }

    /** A line of a household list: the file, its head (masked) and its size. */
    public record HouseholdListRow(UUID id, String fileNumber, String villageCode, HouseholdStatus status, int registrationYear,
                                   String primaryCause, String headName, String headResidentId, int members) {
    }

    /** A county's households of one status: how many, their members, and how many had an exit verified for a year. */
    public record StatusCount(HouseholdStatus status, long households, long members, long liftedInYear) {
    }

    /** The columns {@link #household(Readable)} reads. */
    public static final String HOUSEHOLD_COLUMNS = """
            county_code, id, file_number, village_code, registration_year, status, status_reason, status_changed_at,
            helper_cadre, food_secure, clothing_secure, compulsory_education, basic_medical_care, safe_housing, causes,
            primary_cause, version, created_at, updated_at""";
    private static final String MEMBER_COLUMNS = """
            id, household_id, name, relation, resident_id_cipher, resident_id_hash, resident_id_masked, pii_key, birth_year,
            sex, phone_cipher, phone_hash, phone_masked, labour_capacity, health, education, ecommerce_skills""";

    private final DatabaseClient database;

    public HouseholdRepository(DatabaseClient database) {
        this.database = database;
    }

    public Mono<Boolean> villageExists(String county, String village) {
        return database.sql("select exists (select 1 from village where county_code = :county and code = :village) as known")
                .bind("county", county).bind("village", village).map(row -> row.get("known", Boolean.class)).one();
    }

    public Mono<Void> insert(String county, Household household) {
        return database.sql("""
                        insert into household (county_code, id, file_number, village_code, registration_year, status, helper_cadre,
                                               food_secure, clothing_secure, compulsory_education, basic_medical_care, safe_housing,
                                               causes, primary_cause)
                        values (:county, :id, :fileNumber, :village, :year, 'REGISTERED', :helper, :food, :clothing, :education,
                                :medical, :housing, :causes, :primaryCause)""")
                .bind("county", county).bind("id", household.id()).bind("fileNumber", household.fileNumber())
                .bind("village", household.village().value()).bind("year", household.registrationYear())
                .bind("helper", Parameters.in(R2dbcType.VARCHAR, household.helperCadre()))
                .bind("food", household.guarantees().food()).bind("clothing", household.guarantees().clothing())
                .bind("education", household.guarantees().compulsoryEducation())
                .bind("medical", household.guarantees().basicMedicalCare()).bind("housing", household.guarantees().safeHousing())
                .bind("causes", household.causes().stream().map(Enum::name).sorted().toArray(String[]::new))
                .bind("primaryCause", household.primaryCause().name())
                .fetch().rowsUpdated().then();
    }

    /** @return the updated row, or empty when nothing changed (an update that changes nothing is not one) */
    public Mono<HouseholdRow> update(String county, Household household) {
        return database.sql("""
                        update household set village_code = :village, registration_year = :year, helper_cadre = :helper,
                               food_secure = :food, clothing_secure = :clothing, compulsory_education = :education,
                               basic_medical_care = :medical, safe_housing = :housing, causes = :causes,
                               primary_cause = :primaryCause, version = version + 1, updated_at = now()
                         where county_code = :county and id = :id
                           and (village_code, registration_year, helper_cadre, food_secure, clothing_secure, compulsory_education,
                                basic_medical_care, safe_housing, causes, primary_cause)
                               is distinct from
                               (:village, :year::smallint, :helper, :food, :clothing, :education, :medical, :housing, :causes, :primaryCause)
                        returning\s""" + HOUSEHOLD_COLUMNS)
                .bind("county", county).bind("id", household.id())
                .bind("village", household.village().value()).bind("year", household.registrationYear())
                .bind("helper", Parameters.in(R2dbcType.VARCHAR, household.helperCadre()))
                .bind("food", household.guarantees().food()).bind("clothing", household.guarantees().clothing())
                .bind("education", household.guarantees().compulsoryEducation())
                .bind("medical", household.guarantees().basicMedicalCare()).bind("housing", household.guarantees().safeHousing())
                .bind("causes", household.causes().stream().map(Enum::name).sorted().toArray(String[]::new))
                .bind("primaryCause", household.primaryCause().name())
                .map(HouseholdRepository::household).one();
    }

    /** Sets the status if it is still {@code expected} (another change in between makes this empty). */
    public Mono<HouseholdRow> changeStatus(String county, UUID id, HouseholdStatus expected, HouseholdStatus target, String reason) {
        return database.sql("""
                        update household set status = :target, status_reason = :reason, status_changed_at = now(),
                               version = version + 1, updated_at = now()
                         where county_code = :county and id = :id and status = :expected
                        returning\s""" + HOUSEHOLD_COLUMNS)
                .bind("county", county).bind("id", id).bind("expected", expected.name()).bind("target", target.name())
                .bind("reason", Parameters.in(R2dbcType.VARCHAR, reason))
                .map(HouseholdRepository::household).one();
    }

    /**
     * Keeps the year an exit was verified for: the status moves on (MONITORED, RETURNED, LIFTED again for a later
     * year) and its reason with it, but the household still left poverty in that year.
     */
    public Mono<Void> recordExit(String county, UUID id, int year) {
        return database.sql("""
                        insert into household_exit (county_code, household_id, year) values (:county, :id, :year)
                        on conflict do nothing""")
                .bind("county", county).bind("id", id).bind("year", year)
                .fetch().rowsUpdated().then();
    }

    /**
     * The county's households per status (only the statuses it has) with their members and how many had an exit
     * verified for {@code year}, counted in the database: a county can have tens of thousands of households.
     */
    public Flux<StatusCount> countByStatus(String county, int year) {
        return database.sql("""
                        select h.status, count(*) as households, coalesce(sum(m.members), 0) as members,
                               count(x.household_id) as lifted
                          from household h
                          left join (select household_id, count(*) as members from member
                                      where county_code = :county group by household_id) m on m.household_id = h.id
                          left join household_exit x on x.county_code = h.county_code and x.household_id = h.id and x.year = :year
                         where h.county_code = :county
                         group by h.status""")
                .bind("county", county).bind("year", year)
                .map(row -> new StatusCount(HouseholdStatus.valueOf(row.get("status", String.class)),
                        row.get("households", Long.class), row.get("members", Number.class).longValue(),
                        row.get("lifted", Long.class)))
                .all();
    }

    /** The household, locked until the transaction ends (status changes and member edits serialise on it). */
    public Mono<HouseholdRow> findForUpdate(String county, UUID id) {
        return database.sql("select " + HOUSEHOLD_COLUMNS + " from household where county_code = :county and id = :id for update")
                .bind("county", county).bind("id", id).map(HouseholdRepository::household).one();
    }

    public Mono<HouseholdRow> find(String county, UUID id) {
        return database.sql("select " + HOUSEHOLD_COLUMNS + " from household where county_code = :county and id = :id")
                .bind("county", county).bind("id", id).map(HouseholdRepository::household).one();
    }

    public Mono<HouseholdRow> findByFileNumber(String county, String fileNumber) {
        return database.sql("select " + HOUSEHOLD_COLUMNS + " from household where county_code = :county and file_number = :fileNumber")
                .bind("county", county).bind("fileNumber", fileNumber).map(HouseholdRepository::household).one();
    }

    public Mono<Void> delete(String county, UUID id) {
        return database.sql("delete from household where county_code = :county and id = :id")
                .bind("county", county).bind("id", id).fetch().rowsUpdated().then();
    }

    /** Households in file-number order after {@code after} (keyset paging), optionally of one village, status, cause. */
    /** @param villages when not null, only households of these villages (a village cadre's) */
    public Flux<HouseholdListRow> list(String county, String village, java.util.Set<String> villages, HouseholdStatus status, String cause,
                                       String after, int limit) {
        return database.sql("""
                        select h.id, h.file_number, h.village_code, h.status, h.registration_year, h.primary_cause,
                               head.name as head_name, head.resident_id_masked as head_resident_id,
                               (select count(*) from member m where m.county_code = h.county_code and m.household_id = h.id) as members
                          from household h
                          left join member head
                                 on head.county_code = h.county_code and head.household_id = h.id and head.relation = 'HEAD'
                         where h.county_code = :county
                           and (:village::text is null or h.village_code = :village)
                           and (:villages::text[] is null or h.village_code = any (:villages::text[]))
                           and (:status::text is null or h.status = :status)
                           and (:cause::text is null or :cause = any (h.causes))
                           and h.file_number > :after
                         order by h.file_number
                         limit :limit""")
                .bind("county", county)
                .bind("village", Parameters.in(R2dbcType.VARCHAR, village))
                .bind("villages", villages == null ? Parameters.in(String[].class) : Parameters.in(villages.toArray(String[]::new)))
                .bind("status", Parameters.in(R2dbcType.VARCHAR, status == null ? null : status.name()))
                .bind("cause", Parameters.in(R2dbcType.VARCHAR, cause))
                .bind("after", after == null ? "" : after)
                .bind("limit", limit)
                .map(row -> new HouseholdListRow(row.get("id", UUID.class), row.get("file_number", String.class),
                        row.get("village_code", String.class), HouseholdStatus.valueOf(row.get("status", String.class)),
                        row.get("registration_year", Short.class), row.get("primary_cause", String.class),
                        row.get("head_name", String.class), row.get("head_resident_id", String.class),
                        row.get("members", Long.class).intValue()))
                .all();
    }

    public Flux<MemberRow> members(String county, UUID householdId) {
        return database.sql("select " + MEMBER_COLUMNS + " from member where county_code = :county and household_id = :household"
                        + " order by relation <> 'HEAD', birth_year, id")
                .bind("county", county).bind("household", householdId).map(HouseholdRepository::member).all();
    }

    public Mono<Integer> memberCount(String county, UUID householdId) {
        return database.sql("select count(*) as members from member where county_code = :county and household_id = :household")
                .bind("county", county).bind("household", householdId)
                .map(row -> row.get("members", Long.class).intValue()).one();
    }

    /** The member with this resident ID hash anywhere in the county, with its household's file number. */
    public Mono<MemberOf> memberByResidentId(String county, byte[] residentIdHash) {
        return database.sql("""
                        select m.id, m.household_id, h.file_number from member m
                          join household h on h.county_code = m.county_code and h.id = m.household_id
                         where m.county_code = :county and m.resident_id_hash = :hash""")
                .bind("county", county).bind("hash", residentIdHash)
                .map(row -> new MemberOf(row.get("id", UUID.class), row.get("household_id", UUID.class), row.get("file_number", String.class)))
                .one();
    }

    public record MemberOf(UUID member, UUID household, String fileNumber) {
    }

    public Mono<Void> insertMember(String county, MemberRow member) {
        return bindMember(database.sql("""
                        insert into member (county_code, id, household_id, name, relation, resident_id_cipher, resident_id_hash,
                                            resident_id_masked, pii_key, birth_year, sex, phone_cipher, phone_hash, phone_masked,
                                            labour_capacity, health, education, ecommerce_skills)
                        values (:county, :id, :household, :name, :relation, :residentIdCipher, :residentIdHash, :residentIdMasked,
                                :piiKey, :birthYear, :sex, :phoneCipher, :phoneHash, :phoneMasked, :labour, :health, :education, :skills)"""),
                county, member).fetch().rowsUpdated().then();
    }

    /**
     * Replaces a member's fields; its personal data is sealed afresh with the active key. A skill left out is off the
     * file, also one a certificate gave (it no longer counts as the certificates' alone); one kept keeps its origin.
     */
    public Mono<Long> updateMember(String county, MemberRow member) {
        return bindMember(database.sql("""
                        update member set name = :name, relation = :relation, resident_id_cipher = :residentIdCipher, pii_key = :piiKey,
                               resident_id_hash = :residentIdHash, resident_id_masked = :residentIdMasked,
                               birth_year = :birthYear, sex = :sex,
                               phone_cipher = :phoneCipher, phone_hash = :phoneHash, phone_masked = :phoneMasked,
                               labour_capacity = :labour, health = :health, education = :education, ecommerce_skills = :skills,
                               certificate_skills = array(select s from unnest(certificate_skills) s where s = any (:skills::text[]))
                         where county_code = :county and id = :id and household_id = :household"""), county, member)
                .fetch().rowsUpdated();
    }

    private static DatabaseClient.GenericExecuteSpec bindMember(DatabaseClient.GenericExecuteSpec spec, String county, MemberRow member) {
        return spec
                .bind("county", county)
                .bind("id", member.id()).bind("household", member.householdId())
                .bind("name", member.name()).bind("relation", member.relation())
                .bind("residentIdCipher", member.residentIdCipher()).bind("residentIdHash", member.residentIdHash())
                .bind("residentIdMasked", member.residentIdMasked()).bind("piiKey", member.piiKey())
                .bind("birthYear", (short) member.birthYear()).bind("sex", member.sex())
                .bind("phoneCipher", Parameters.in(R2dbcType.VARBINARY, member.phoneCipher()))
                .bind("phoneHash", Parameters.in(R2dbcType.VARBINARY, member.phoneHash()))
                .bind("phoneMasked", Parameters.in(R2dbcType.VARCHAR, member.phoneMasked()))
                .bind("labour", member.labourCapacity()).bind("health", member.health()).bind("education", member.education())
                .bind("skills", member.ecommerceSkills().toArray(String[]::new));
    }

    public Mono<Long> deleteMember(String county, UUID household, UUID member) {
        return database.sql("delete from member where county_code = :county and household_id = :household and id = :id")
                .bind("county", county).bind("household", household).bind("id", member).fetch().rowsUpdated();
    }

    /** Marks the household changed (its members did): version and time move on. */
    public Mono<HouseholdRow> touch(String county, UUID id) {
        return database.sql("update household set version = version + 1, updated_at = now() where county_code = :county and id = :id"
                        + " returning " + HOUSEHOLD_COLUMNS)
                .bind("county", county).bind("id", id).map(HouseholdRepository::household).one();
    }

    public static HouseholdRow household(Readable row) {
        return new HouseholdRow(row.get("county_code", String.class), row.get("id", UUID.class), row.get("file_number", String.class),
                row.get("village_code", String.class), row.get("registration_year", Short.class),
                HouseholdStatus.valueOf(row.get("status", String.class)), row.get("status_reason", String.class),
                instant(row, "status_changed_at"), row.get("helper_cadre", String.class),
                row.get("food_secure", Boolean.class), row.get("clothing_secure", Boolean.class),
                row.get("compulsory_education", Boolean.class), row.get("basic_medical_care", Boolean.class),
                row.get("safe_housing", Boolean.class), Arrays.asList(row.get("causes", String[].class)),
                row.get("primary_cause", String.class), row.get("version", Integer.class),
                instant(row, "created_at"), instant(row, "updated_at"));
    }

    private static MemberRow member(Readable row) {
        return new MemberRow(row.get("id", UUID.class), row.get("household_id", UUID.class), row.get("name", String.class),
                row.get("relation", String.class), row.get("resident_id_cipher", byte[].class), row.get("resident_id_hash", byte[].class),
                row.get("resident_id_masked", String.class), row.get("pii_key", String.class), row.get("birth_year", Short.class),
                row.get("sex", String.class), row.get("phone_cipher", byte[].class), row.get("phone_hash", byte[].class),
                row.get("phone_masked", String.class), row.get("labour_capacity", String.class), row.get("health", String.class),
                row.get("education", String.class), Arrays.asList(row.get("ecommerce_skills", String[].class)));
    }

    private static Instant instant(Readable row, String column) {
        OffsetDateTime time = row.get(column, OffsetDateTime.class);
        return time == null ? null : time.toInstant();
    }
}
