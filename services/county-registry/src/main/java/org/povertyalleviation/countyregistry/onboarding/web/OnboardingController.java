package org.povertyalleviation.countyregistry.onboarding.web;

import org.povertyalleviation.countyregistry.onboarding.Onboarding;
import org.povertyalleviation.countyregistry.village.VillageList;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.povertyalleviation.platform.domain.CountyCode;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Onboarding, for platform operators and the county-tenant Helm chart's job: PUT is safe to repeat. */
@RestController
class OnboardingController {

    // Bean validation here, as in the template (its constraints also document the fields), and not in the county-scoped
    // controllers: onboarding is the operator's and concerns no county's records yet, so a 400 before the role check
    // tells a caller nothing about a county. The username's pattern is anchored for the document (JSON Schema patterns
    // are not anchored; @Pattern matches the whole value either way).
    @Schema(description = "The county's first administrator, created in Keycloak (or kept, when onboarding is repeated).")
    record FirstAdministrator(
            @Schema(description = "The Keycloak user name: 3 to 64 lower-case letters, digits, dots, underscores or hyphens, starting "
                    + "with a letter or digit; one that belongs to another county is a 409", example = "wenxian-admin")
            @NotBlank @Pattern(regexp = "^[a-z0-9][a-z0-9._-]{2,63}$", message = "3-64 lowercase letters, digits, . _ -") String username,
            @Schema(description = "The administrator's e-mail address", example = "wenxian-admin@example.cn")
            @NotBlank @Email String email) {
    }

    @Schema(description = "A county joining the platform: its names, its first administrator and its townships and villages. "
            + "PUT is safe to repeat; villages added to the file later are added.")
    record OnboardCountyRequest(
            @Schema(description = "The county's Chinese name, not blank", example = "文县") @NotBlank String nameZh,
            @Schema(description = "The county's English name, not blank", example = "Wen County") @NotBlank String nameEn,
            @Schema(description = "Its first administrator") @NotNull @Valid FirstAdministrator firstAdministrator,
            @Schema(description = "The townships and villages as CSV: the header " + VillageList.HEADER + "[,latitude,longitude], "
                    + "then a line per village. Township codes are the county code and 3 digits, village codes their township's code "
                    + "and 3 digits, names are required, poor is true or false, coordinates are decimal degrees. The whole file is "
                    + "checked first: a bad line is a 400 naming villagesCsv with the line number, and nothing is written.",
                    example = "township_code,township_name,village_code,village_name,poor\n"
                            + "621222101,城关镇,621222101201,北关村,true\n"
                            + "621222101,城关镇,621222101202,南关村,false\n"
                            + "621222102,碧口镇,621222102201,李子坝村,true\n",
                    pattern = "^\\s*\\uFEFF?" + VillageList.HEADER)
            @NotBlank String villagesCsv) {
    }

    record OnboardingResponse(String county, String status, boolean joinedNow, int newVillages, String administrator,
                              String temporaryPassword) {
    }

    private final Onboarding onboarding;

    OnboardingController(Onboarding onboarding) {
        this.onboarding = onboarding;
    }

    /** 201 when the county joined with this call, 200 when it had already joined. */
    @PutMapping("/counties/{county}")
    Mono<ResponseEntity<OnboardingResponse>> onboard(@PathVariable String county, @Valid @RequestBody OnboardCountyRequest request) {
        CountyCode code = CountyCode.fromRequest("county", county);
        return onboarding.onboard(code, request.nameZh(), request.nameEn(), request.firstAdministrator().username(),
                        request.firstAdministrator().email(), request.villagesCsv())
                .map(result -> ResponseEntity.status(result.joinedNow() ? HttpStatus.CREATED : HttpStatus.OK)
                        .body(new OnboardingResponse(code.value(), result.county().status().name(), result.joinedNow(),
                                result.newVillages(), result.administrator().username(), result.administrator().temporaryPassword())));
    }
}
