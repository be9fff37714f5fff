package org.povertyalleviation.devstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

import tools.jackson.databind.json.JsonMapper;

/**
 * Seeds the devstack the way an operator onboards a county: one PUT per county to the county registry, with its
 * townships and villages from the demo data set. Onboarding is idempotent, so this is safe on every start.
 */
final class DemoOnboarding {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private DemoOnboarding() {
    }

    static void onboardAll(DemoData.Dataset data, String countyRegistryUrl, String operatorToken) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        Map<String, String> townshipNames = data.townships().stream()
                .collect(Collectors.toMap(DemoData.Township::code, DemoData.Township::nameZh));
        for (DemoData.County county : data.counties()) {
            // With each village's place (DemoPlaces): the portal's maps and the logistics network's coverage use it.
            String csv = "township_code,township_name,village_code,village_name,poor,latitude,longitude\n" + data.villages().stream()
                    .filter(village -> village.countyCode().equals(county.code()))
                    .map(village -> String.join(",", village.townshipCode(), townshipNames.get(village.townshipCode()),
                            village.code(), village.nameZh(), Boolean.toString(village.poor()),
                            Double.toString(DemoPlaces.village(village.code()).latitude()),
                            Double.toString(DemoPlaces.village(village.code()).longitude())))
                    .collect(Collectors.joining("\n"));
            String body = JSON.writeValueAsString(Map.of("nameZh", county.nameZh(), "nameEn", county.nameEn(),
                    "firstAdministrator", Map.of("username", "admin-" + county.code(), "email", "admin-" + county.code() + "@demo.invalid"),
                    "villagesCsv", csv));
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(countyRegistryUrl + "/counties/" + county.code()))
                        .timeout(Duration.ofSeconds(60))
                        .header("Authorization", "Bearer " + operatorToken)
                        .header("Content-Type", "application/json")
                        .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200 && response.statusCode() != 201) {
                    throw new IllegalStateException("Onboarding " + county.code() + " failed: " + response.statusCode() + " " + response.body());
                }
            } catch (IOException e) {
                throw new IllegalStateException("Onboarding " + county.code() + " failed: " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
