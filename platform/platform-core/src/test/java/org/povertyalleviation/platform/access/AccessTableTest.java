package org.povertyalleviation.platform.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.povertyalleviation.platform.access.AccessRule.ADMIN;
import static org.povertyalleviation.platform.access.AccessRule.AUDITOR;
import static org.povertyalleviation.platform.access.AccessRule.CADRE;
import static org.povertyalleviation.platform.access.AccessRule.CLERK;
import static org.povertyalleviation.platform.access.AccessRule.PARTNER;
import static org.povertyalleviation.platform.access.AccessRule.read;
import static org.povertyalleviation.platform.access.AccessRule.write;

import java.util.Map;

import org.junit.jupiter.api.Test;

class AccessTableTest {

    @Test
    void a_request_meets_the_most_specific_row_with_its_variables() {
        AccessTable table = AccessTable.of(
                read("GET /counties/{county}/households/{id}", "one", ADMIN, AUDITOR),
                read("POST /counties/{county}/households/lookup", "by resident ID", ADMIN, AUDITOR),
                write("POST /counties/{county}/households/{id}", "not a real endpoint, a competitor for lookup", ADMIN));

        var lookup = table.match("POST", "/counties/621222/households/lookup").orElseThrow();
        assertThat(lookup.rule().kind()).isEqualTo(AccessRule.Kind.READ);
        assertThat(lookup.variables()).isEqualTo(Map.of("county", "621222"));
        assertThat(table.match("GET", "/counties/621222/households/abc").orElseThrow().variables()).containsEntry("id", "abc");
        assertThat(table.match("DELETE", "/counties/621222/households/abc")).isEmpty();
        assertThat(table.rule("GET", "/counties/{c}/households/{x}")).isPresent();
    }

    @Test
    void a_row_that_would_open_more_than_it_says_is_refused_when_declared() {
        assertThatThrownBy(() -> write("PUT /counties/{county}/households/{id}", "x", CLERK, AUDITOR))
                .hasMessageContaining("a write may not be given to");
        assertThatThrownBy(() -> read("GET /counties/{code}/households", "x", ADMIN))
                .hasMessageContaining("a county in the path is {county}");
        assertThatThrownBy(() -> read("GET /counties/{county}/x", "x", "county-boss")).hasMessageContaining("roles must be some of");
        assertThatThrownBy(() -> read("GET /counties/{county}/x", "x", ADMIN).boundPartnerOnly()).hasMessageContaining("without the partner");
        assertThatThrownBy(() -> read("GET /counties/{county}/x", "x", ADMIN).inTheirVillages()).hasMessageContaining("without the village cadre");
        assertThatThrownBy(() -> AccessTable.of(read("GET /a", "x", ADMIN), read("GET /a", "y", CLERK))).hasMessageContaining("two rows");
    }

    @Test
    void the_table_prints_as_markdown_with_roles_in_one_order() {
        String markdown = AccessTable.of(write("POST /counties/{county}/shops/{id}/sales-reports", "reports", PARTNER, CLERK, ADMIN)
                .boundPartnerOnly(), read("GET /counties/{county}/villages/{village}/x", "x", CADRE).inTheirVillages()).markdown();

        assertThat(markdown).contains("| `POST /counties/{county}/shops/{id}/sales-reports` | write | county-admin, county-clerk, partner | "
                + "county; a partner what is bound to it | reports |");
        assertThat(markdown).contains("| county; a cadre their villages |");
    }

    @Test
    void a_public_row_is_a_read_for_anyone_without_a_county() {
        AccessRule page = AccessRule.open("GET /trace/{code}", "a lot's public page");
        assertThat(page.isPublic()).isTrue();
        assertThat(page.kind()).isEqualTo(AccessRule.Kind.READ);
        assertThat(AccessTable.of(page).markdown())
                .contains("| `GET /trace/{code}` | read | anyone, without signing in | public | a lot's public page |");
        assertThatThrownBy(() -> new AccessRule("POST", "/trace/{code}", AccessRule.Kind.WRITE, java.util.Set.of(), AccessRule.Reach.PUBLIC, "x"))
                .hasMessageContaining("a public row is a read without roles or {county}");
        assertThatThrownBy(() -> AccessRule.open("GET /counties/{county}/lots", "x"))
                .hasMessageContaining("a public row is a read without roles or {county}");
        assertThatThrownBy(() -> new AccessRule("GET", "/trace/{code}", AccessRule.Kind.READ, java.util.Set.of(ADMIN), AccessRule.Reach.PUBLIC, "x"))
                .hasMessageContaining("a public row is a read without roles or {county}");
    }
}
