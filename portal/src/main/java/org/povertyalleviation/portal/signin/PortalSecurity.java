package org.povertyalleviation.portal.signin;

import java.util.List;
import java.util.Map;

import org.povertyalleviation.portal.PortalProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.oauth2.client.AuthorizationCodeReactiveOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.DelegatingReactiveOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.RefreshTokenReactiveOAuth2AuthorizedClientProvider;
import org.springframework.security.oauth2.client.oidc.web.server.logout.OidcClientInitiatedServerLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.server.ServerOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.client.web.server.WebSessionServerOAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.web.server.DelegatingServerAuthenticationEntryPoint;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authentication.RedirectServerAuthenticationEntryPoint;
import org.springframework.security.web.server.csrf.XorServerCsrfTokenRequestAttributeHandler;
import org.springframework.security.web.server.header.XFrameOptionsServerHttpHeadersWriter;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import reactor.core.publisher.Mono;

/**
 * Users sign in with Keycloak (authorization code with PKCE: the portal is a public client), the session cookie is
 * HttpOnly and SameSite=Lax (application.yml), every form carries a CSRF token, and signing out ends the Keycloak
 * session too.
 */
@Configuration(proxyBeanMethods = false)
class PortalSecurity {

    static final String REGISTRATION = "keycloak";
    static final String LOGIN_PATH = "/oauth2/authorization/" + REGISTRATION;

    /**
     * Built here rather than from spring.security.oauth2.client.provider.*.issuer-uri, which would fetch Keycloak's
     * discovery document while the portal starts: the portal must start (and report ready) before Keycloak does.
     * Keycloak's endpoint paths are fixed below the realm's issuer. The browser is sent to the issuer's address; the
     * portal's own calls may take the in-cluster one.
     */
    @Bean
    ReactiveClientRegistrationRepository clientRegistrations(PortalProperties properties) {
        String issuer = properties.issuerUri();
        String oidc = issuer + "/protocol/openid-connect";
        String backchannel = properties.backchannel() + "/protocol/openid-connect";
        ClientRegistration keycloak = ClientRegistration.withRegistrationId(REGISTRATION)
                .clientId(properties.clientId())
                .clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
                .redirectUri(publicBase(properties) + "/login/oauth2/code/{registrationId}")
                .scope("openid", "profile")
                .authorizationUri(oidc + "/auth")
                .tokenUri(backchannel + "/token")
                .jwkSetUri(backchannel + "/certs")
                .userInfoUri(backchannel + "/userinfo")
                .userNameAttributeName("preferred_username")
                .issuerUri(issuer)
                .providerConfigurationMetadata(Map.of("end_session_endpoint", oidc + "/logout"))
                .clientName("Keycloak")
                .build();
        return new InMemoryReactiveClientRegistrationRepository(keycloak);
    }

    /** The session keeps each user's tokens; the manager refreshes an expired access token before a gateway call. */
    @Bean
    ServerOAuth2AuthorizedClientRepository authorizedClients() {
        return new WebSessionServerOAuth2AuthorizedClientRepository();
    }

    @Bean
    DefaultReactiveOAuth2AuthorizedClientManager authorizedClientManager(ReactiveClientRegistrationRepository registrations,
                                                                          ServerOAuth2AuthorizedClientRepository clients) {
        DefaultReactiveOAuth2AuthorizedClientManager manager = new DefaultReactiveOAuth2AuthorizedClientManager(registrations, clients);
        manager.setAuthorizedClientProvider(new DelegatingReactiveOAuth2AuthorizedClientProvider(
                new AuthorizationCodeReactiveOAuth2AuthorizedClientProvider(), new RefreshTokenReactiveOAuth2AuthorizedClientProvider()));
        return manager;
    }

    @Bean
    SecurityWebFilterChain portalFilterChain(ServerHttpSecurity http, ReactiveClientRegistrationRepository registrations,
                                             PortalProperties properties) {
        OidcClientInitiatedServerLogoutSuccessHandler logoutSuccess = new OidcClientInitiatedServerLogoutSuccessHandler(registrations);
        logoutSuccess.setPostLogoutRedirectUri(publicBase(properties) + "/");
        return http
                .authorizeExchange(exchanges -> exchanges
                        .pathMatchers("/assets/**", "/favicon.ico", "/actuator/health/**", "/actuator/prometheus", "/signed-out").permitAll()
                        .anyExchange().authenticated())
                .oauth2Login(login -> { })
                .exceptionHandling(handling -> handling.authenticationEntryPoint(entryPoint()))
                .logout(logout -> logout.logoutSuccessHandler(logoutSuccess))
                .csrf(csrf -> csrf.csrfTokenRequestHandler(csrfFromFormsAndUploads()))
                .headers(headers -> headers
                        .frameOptions(frame -> frame.mode(XFrameOptionsServerHttpHeadersWriter.Mode.DENY))
                        // No inline script or style: htmx's own indicator styles are turned off (layout.html).
                        .contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'self'; script-src 'self'; style-src 'self'; "
                                + "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'; "
                                + "form-action 'self' " + properties.issuerOrigin())))
                .build();
    }

    /** The household file's upload is a multipart form: its CSRF token is read from the form's parts too. */
    private static XorServerCsrfTokenRequestAttributeHandler csrfFromFormsAndUploads() {
        XorServerCsrfTokenRequestAttributeHandler handler = new XorServerCsrfTokenRequestAttributeHandler();
        handler.setTokenFromMultipartDataEnabled(true);
        return handler;
    }

    /**
     * A page request goes to Keycloak's login. An htmx request whose session has expired cannot follow that redirect
     * (it would fetch Keycloak's page into a fragment), so it is told to reload the whole page instead.
     */
    private static DelegatingServerAuthenticationEntryPoint entryPoint() {
        ServerWebExchangeMatcher htmx = exchange -> exchange.getRequest().getHeaders().containsHeader("HX-Request")
                ? ServerWebExchangeMatcher.MatchResult.match() : ServerWebExchangeMatcher.MatchResult.notMatch();
        DelegatingServerAuthenticationEntryPoint entryPoint = new DelegatingServerAuthenticationEntryPoint(List.of(
                new DelegatingServerAuthenticationEntryPoint.DelegateEntry(htmx, (exchange, e) -> Mono.fromRunnable(() -> {
                    exchange.getResponse().setStatusCode(HttpStatus.UNAUTHORIZED);
                    exchange.getResponse().getHeaders().set("HX-Refresh", "true");
                }))));
        entryPoint.setDefaultEntryPoint(new RedirectServerAuthenticationEntryPoint(LOGIN_PATH));
        return entryPoint;
    }

    /** "{baseUrl}" lets Spring derive the address from the request (X-Forwarded-* behind the ingress). */
    private static String publicBase(PortalProperties properties) {
        return properties.publicUrl().isBlank() ? "{baseUrl}" : properties.publicUrl().replaceAll("/+$", "");
    }
}
