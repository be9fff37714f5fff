package org.povertyalleviation.householdregistry.personaldata;

import java.util.UUID;

import org.povertyalleviation.platform.counties.JoinedCounties;
import org.povertyalleviation.householdregistry.personaldata.PersonalDataCipher.Field;
import org.povertyalleviation.platform.security.CountyAccess;
import org.povertyalleviation.platform.domain.CountyCode;
import org.povertyalleviation.platform.tenancy.TenantTransactions;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import io.r2dbc.spi.Parameters;
import io.r2dbc.spi.R2dbcType;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The second half of a key rotation: re-seals every member whose personal data is still sealed with an older key,
 * county by county, 500 members per transaction, so that the old key can then be removed from the configuration.
 * Operators only; safe to run again (it picks up where it stopped).
 */
@RestController
class KeyRotation {

    private static final int PAGE = 500;

    /** How many members were re-sealed in which county. */
    record Resealed(String county, long members) {
    }

    private final CountyAccess countyAccess;
    private final TenantTransactions tenantTransactions;
    private final DatabaseClient database;
    private final PersonalDataCipher cipher;
    private final JoinedCounties joinedCounties;

    KeyRotation(CountyAccess countyAccess, TenantTransactions tenantTransactions, DatabaseClient database, PersonalDataCipher cipher,
                JoinedCounties joinedCounties) {
        this.countyAccess = countyAccess;
        this.tenantTransactions = tenantTransactions;
        this.database = database;
        this.cipher = cipher;
        this.joinedCounties = joinedCounties;
    }

    @PostMapping("/personal-data/reseal")
    Flux<Resealed> reseal() {
        return countyAccess.requireRole("platform-operator")
                .thenMany(joinedCounties.all())
                .concatMap(county -> resealCounty(county, 0).map(count -> new Resealed(county.value(), count)));
    }

    private Mono<Long> resealCounty(CountyCode county, long done) {
        return tenantTransactions.inCounty(county, () -> database.sql("""
                                select id, resident_id_cipher, phone_cipher from member
                                 where county_code = :county and pii_key <> :active limit :limit for update""")
                        .bind("county", county.value()).bind("active", cipher.activeKey()).bind("limit", PAGE)
                        .map(row -> new Sealed(row.get("id", UUID.class), row.get("resident_id_cipher", byte[].class),
                                row.get("phone_cipher", byte[].class)))
                        .all()
                        .concatMap(sealed -> database.sql("""
                                        update member set resident_id_cipher = :residentId, phone_cipher = :phone, pii_key = :active
                                         where county_code = :county and id = :id""")
                                .bind("county", county.value()).bind("id", sealed.id()).bind("active", cipher.activeKey())
                                .bind("residentId", cipher.seal(county.value(), Field.RESIDENT_ID,
                                        cipher.open(county.value(), Field.RESIDENT_ID, sealed.residentId())))
                                .bind("phone", Parameters.in(R2dbcType.VARBINARY, sealed.phone() == null ? null
                                        : cipher.seal(county.value(), Field.PHONE, cipher.open(county.value(), Field.PHONE, sealed.phone()))))
                                .fetch().rowsUpdated())
                        .count())
                .flatMap(count -> count == 0 ? Mono.just(done) : resealCounty(county, done + count));
    }

    private record Sealed(UUID id, byte[] residentId, byte[] phone) {
    }
}
