package org.povertyalleviation.portal.pages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.csrf;
import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.mockAuthentication;
import static org.springframework.security.test.web.reactive.server.SecurityMockServerConfigurers.springSecurity;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.povertyalleviation.portal.county.County;
import org.povertyalleviation.portal.county.Viewer;
import org.povertyalleviation.portal.county.Viewers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.web.DefaultReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.user.DefaultOAuth2User;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Mono;

/**
 * The portal's pages against a stubbed gateway: the whole portal runs (security, templates, bundles, the refusal page)
 * except Keycloak, whose signed-in user and token are given, and the session store (in memory here). One stub gateway
 * serves every page test in the run, so that they share one application context; each test sets its answers.
 */
@SpringBootTest(properties = "spring.autoconfigure.exclude=org.springframework.boot.session.data.redis.autoconfigure.SessionDataRedisAutoConfiguration")
public abstract class PagesTest {

    /** Stopped with the test JVM: the cached application context calls it until then. */
    protected static final StubGateway GATEWAY = StubGateway.start();
    protected static final String USER_TOKEN = "user-token-of-the-signed-in-user";
    protected static final String COUNTY = "621222";
    protected static final County WEN = new County(COUNTY, "文县", "Wen County", "621200", "620000", "ACTIVE");

    @DynamicPropertySource
    static void gateway(DynamicPropertyRegistry properties) {
        properties.add("portal.gateway-url", GATEWAY::url);
    }

    @MockitoBean
    protected Viewers viewers;

    @MockitoBean
    protected DefaultReactiveOAuth2AuthorizedClientManager authorizedClients;

    @Autowired
    protected ApplicationContext context;

    @BeforeEach
    void signInWithKeycloaksToken() {
        GATEWAY.reset();
        ClientRegistration keycloak = ClientRegistration.withRegistrationId("keycloak").clientId("portal")
                .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE).redirectUri("http://portal/login/oauth2/code/keycloak")
                .authorizationUri("http://keycloak/auth").tokenUri("http://keycloak/token").build();
        when(authorizedClients.authorize(any())).thenReturn(Mono.just(new OAuth2AuthorizedClient(keycloak, "admin-621222",
                new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, USER_TOKEN, Instant.now(), Instant.now().plusSeconds(300)))));
    }

    /** A client signed in with one realm role in Wen County (the gateway call carries the token the manager gives). */
    protected WebTestClient signedIn(String role) {
        Viewer viewer = new Viewer("user-621222", "用户", Set.of(role), List.of(WEN));
        when(viewers.current(any())).thenReturn(Mono.just(viewer));
        DefaultOAuth2User user = new DefaultOAuth2User(List.of(), Map.of("preferred_username", "user-621222"), "preferred_username");
        // A page waits for the stub gateway several times: on a loaded build machine 5 s (the client's default) is not always enough.
        return WebTestClient.bindToApplicationContext(context).apply(springSecurity()).configureClient().responseTimeout(Duration.ofSeconds(30)).build()
                .mutateWith(mockAuthentication(new OAuth2AuthenticationToken(user, List.of(), "keycloak")));
    }

    /** The same, posting forms with a valid CSRF token. */
    protected WebTestClient posting(String role) {
        return signedIn(role).mutateWith(csrf());
    }

    protected static String page(WebTestClient client, String path) {
        return client.get().uri(path).exchange().expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
    }

    /** The element with this id, up to the first closing tag of its kind (the pages nest no table in a table, no list in a list). */
    protected static String element(String page, String id) {
        Matcher matcher = Pattern.compile("(?s)<(\\w+)[^>]*\\sid=\"" + Pattern.quote(id) + "\".*?</\\1>").matcher(page);
        assertThat(matcher.find()).as("#" + id + " in the page").isTrue();
        return matcher.group();
    }

    /** The rows of a table with this class, each from its tag to its end. */
    protected static List<String> rows(String table, String rowClass) {
        return Pattern.compile("(?s)<tr class=\"" + rowClass + "\">.*?</tr>").matcher(table).results().map(result -> result.group()).toList();
    }

    /** An attribute of an element, as the page writes it (HTML-escaped). */
    protected static String attribute(String element, String name) {
        Matcher matcher = Pattern.compile("\\s" + name + "=\"([^\"]*)\"").matcher(element);
        assertThat(matcher.find()).as(name + " of the element").isTrue();
        return matcher.group(1);
    }

    /** The series of a map's ECharts option drawn in this colour. */
    protected static String series(String option, String colour) {
        return Arrays.stream(option.split("\\{\"type\":\"line\""))
                .filter(series -> series.contains("\"itemStyle\":{\"color\":\"" + colour + "\"}")).reduce("", String::concat);
    }
}
