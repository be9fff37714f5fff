package org.povertyalleviation.portal.assets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.zip.GZIPInputStream;

import com.aayushatharva.brotli4j.decoder.Decoder;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The pages' assets: hashed names, a year in the cache, and the smallest encoding the browser accepts. */
class AssetsTest {

    private final Assets assets = new Assets();
    private final WebTestClient client = WebTestClient.bindToController(new AssetController(assets)).configureClient()
            .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(4 * 1024 * 1024)).build();

    @Test
    void names_carry_the_content_hash() {
        assertThat(assets.url("htmx")).matches("/assets/htmx\\.[0-9a-f]{12}\\.js");
        assertThat(assets.url("pico")).matches("/assets/pico\\.[0-9a-f]{12}\\.css");
        assertThat(assets.url("echarts")).matches("/assets/echarts\\.[0-9a-f]{12}\\.js");
    }

    @Test
    void brotli_when_accepted_else_gzip_else_plain_all_decoding_to_the_same_file() throws IOException {
        String url = assets.url("echarts");
        byte[] plain = client.get().uri(url).exchange().expectStatus().isOk()
                .expectHeader().doesNotExist(HttpHeaders.CONTENT_ENCODING)
                .expectBody().returnResult().getResponseBody();
        byte[] brotli = client.get().uri(url).header(HttpHeaders.ACCEPT_ENCODING, "gzip, deflate, br, zstd").exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals(HttpHeaders.CONTENT_ENCODING, "br")
                .expectHeader().valueEquals(HttpHeaders.VARY, HttpHeaders.ACCEPT_ENCODING)
                .expectHeader().value(HttpHeaders.CACHE_CONTROL, value -> assertThat(value).contains("max-age=31536000", "immutable"))
                .expectBody().returnResult().getResponseBody();
        byte[] gzip = client.get().uri(url).header(HttpHeaders.ACCEPT_ENCODING, "gzip, deflate").exchange()
                .expectHeader().valueEquals(HttpHeaders.CONTENT_ENCODING, "gzip")
                .expectBody().returnResult().getResponseBody();

        assertThat(Decoder.decompress(brotli).getDecompressedData()).isEqualTo(plain);
        assertThat(new GZIPInputStream(new ByteArrayInputStream(gzip)).readAllBytes()).isEqualTo(plain);
        assertThat(brotli.length).isLessThan(gzip.length);
        // The chart library is the largest thing a page loads; the page budget (150 KB) depends on this.
        assertThat(brotli.length).isLessThan(140 * 1024);
    }

    @Test
    void a_cached_copy_is_confirmed_and_an_unknown_name_is_not_found() {
        String url = assets.url("htmx");
        String etag = client.get().uri(url).exchange().expectBody().returnResult().getResponseHeaders().getETag();

        client.get().uri(url).header(HttpHeaders.IF_NONE_MATCH, etag).exchange().expectStatus().isNotModified();
        client.get().uri("/assets/htmx.000000000000.js").exchange().expectStatus().isNotFound();
    }
}
