package org.povertyalleviation.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

class PlatformDefaultsTest {

    @Test
    void the_platforms_consumers_come_first_and_each_once() {
        assertThat(PlatformDefaults.functions(List.of("countyStatus", "countyJoined"), "shopIncome; countyStatus;;dormantShops"))
                .isEqualTo("countyStatus;countyJoined;shopIncome;dormantShops");
        assertThat(PlatformDefaults.functions(List.of("countyStatus"), null)).isEqualTo("countyStatus");
    }

    @Test
    void a_service_names_its_database_once_and_gets_every_setting_from_it() {
        StandardEnvironment environment = environment(Map.of("spring.application.name", "supply-platform"));

        assertThat(environment.getProperty("spring.r2dbc.url")).isEqualTo("r2dbc:postgresql://127.0.0.1:5432/supply_platform");
        assertThat(environment.getProperty("spring.r2dbc.username")).isEqualTo("supply_platform_app");
        assertThat(environment.getProperty("spring.flyway.url")).isEqualTo("jdbc:postgresql://127.0.0.1:5432/supply_platform");
        assertThat(environment.getProperty("spring.flyway.user")).isEqualTo("supply_platform_owner");
        assertThat(environment.getProperty("spring.flyway.placeholders.app_role")).isEqualTo("supply_platform_app");
    }

    @Test
    void the_deployments_variables_and_the_services_own_configuration_win() {
        StandardEnvironment environment = environment(Map.of("spring.application.name", "shop-management",
                "DATABASE_R2DBC_URL", "r2dbc:postgresql://db.cluster:5432/shop_management", "DATABASE_APP_USER", "shops",
                "spring.flyway.user", "migrator"));

        assertThat(environment.getProperty("spring.r2dbc.url")).isEqualTo("r2dbc:postgresql://db.cluster:5432/shop_management");
        assertThat(environment.getProperty("spring.flyway.placeholders.app_role")).isEqualTo("shops");
        assertThat(environment.getProperty("spring.flyway.user")).isEqualTo("migrator");
    }

    @Test
    void the_county_copy_binds_its_consumers_with_groups_named_after_the_application() {
        StandardEnvironment environment = environment(Map.of("spring.application.name", "training",
                "platform.county-copy.enabled", "true", "spring.cloud.function.definition", "sessionChanged"));

        assertThat(environment.getProperty("spring.cloud.function.definition"))
                .isEqualTo("countyStatus;countyJoined;villageRegistered;sessionChanged");
        assertThat(environment.getProperty("spring.cloud.stream.bindings.countyJoined-in-0.destination")).isEqualTo("county.events");
        assertThat(environment.getProperty("spring.cloud.stream.bindings.countyJoined-in-0.group")).isEqualTo("training.county-copy");
        assertThat(environment.getProperty("spring.cloud.stream.bindings.villageRegistered-in-0.group")).isEqualTo("training.village-copy");
        assertThat(environment.getProperty("spring.cloud.stream.bindings.countyStatus-in-0.group")).isEqualTo("training");
    }

    @Test
    void the_household_copy_binds_its_consumer_after_the_county_copy_with_a_group_named_after_the_application() {
        StandardEnvironment environment = environment(Map.of("spring.application.name", "supply-platform",
                "platform.county-copy.enabled", "true", "platform.household-copy.enabled", "true",
                "spring.cloud.function.definition", "certificationExpired"));

        assertThat(environment.getProperty("spring.cloud.function.definition"))
                .isEqualTo("countyStatus;countyJoined;villageRegistered;householdChanged;certificationExpired");
        assertThat(environment.getProperty("spring.cloud.stream.bindings.householdChanged-in-0.destination")).isEqualTo("household.events");
        assertThat(environment.getProperty("spring.cloud.stream.bindings.householdChanged-in-0.group")).isEqualTo("supply-platform.household-copy");
        assertThat(environment.getProperty("spring.cloud.stream.bindings.householdChanged-in-0.consumer.batch-mode")).isEqualTo("true");
        assertThat(environment.getProperty("spring.cloud.stream.bindings.householdChanged-in-0.consumer.concurrency")).isEqualTo("3");
    }

    @Test
    void without_the_county_copy_only_the_suspension_list_is_consumed() {
        StandardEnvironment environment = environment(Map.of("spring.application.name", "county-registry"));

        assertThat(environment.getProperty("spring.cloud.function.definition")).isEqualTo("countyStatus");
        assertThat(environment.getProperty("spring.cloud.stream.bindings.countyJoined-in-0.destination")).isNull();
        assertThat(environment.getProperty("spring.cloud.stream.bindings.householdChanged-in-0.destination")).isNull();
    }

    private static StandardEnvironment environment(Map<String, Object> own) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("service", own));
        new PlatformDefaults().postProcessEnvironment(environment, new SpringApplication());
        return environment;
    }
}
