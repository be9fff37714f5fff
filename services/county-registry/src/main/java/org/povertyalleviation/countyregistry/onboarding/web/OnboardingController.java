package org.povertyalleviation.countyregistry.onboarding.web;

import org.povertyalleviation.countyregistry.onboarding.Onboarding;

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

    record FirstAdministrator(@NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9._-]{2,63}", message = "3-64 lowercase letters, digits, . _ -") String username,
                              @NotBlank @Email String email) {
    }

    record OnboardCountyRequest(@NotBlank String nameZh, @NotBlank String nameEn,
                                @NotNull @Valid FirstAdministrator firstAdministrator, @NotBlank String villagesCsv) {
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
