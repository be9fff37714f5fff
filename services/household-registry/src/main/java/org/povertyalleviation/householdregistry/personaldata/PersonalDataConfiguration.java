package org.povertyalleviation.householdregistry.personaldata;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class PersonalDataConfiguration {

    @Bean
    PersonalDataCipher personalDataCipher(PersonalDataProperties properties) {
        return new PersonalDataCipher(properties);
    }
}
