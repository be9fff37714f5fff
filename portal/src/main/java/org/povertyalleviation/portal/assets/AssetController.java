package org.povertyalleviation.portal.assets;

import java.time.Duration;
import java.util.List;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Serves {@link Assets} in the best encoding the browser accepts; a hashed name never changes, so it is cached a year. */
@RestController
class AssetController {

    private final Assets assets;

    AssetController(Assets assets) {
        this.assets = assets;
    }

    @GetMapping("/assets/{name}")
    ResponseEntity<byte[]> asset(@PathVariable String name, ServerHttpRequest request) {
        Assets.Asset asset = assets.byName(name);
        if (asset == null) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).build();
        }
        ResponseEntity.BodyBuilder response = ResponseEntity.ok()
                .contentType(asset.type())
                .cacheControl(CacheControl.maxAge(Duration.ofDays(365)).cachePublic().immutable())
                .eTag(asset.etag())
                .varyBy(HttpHeaders.ACCEPT_ENCODING);
        if (request.getHeaders().getIfNoneMatch().contains(asset.etag())) {
            return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(asset.etag()).build();
        }
        List<String> accepted = request.getHeaders().getValuesAsList(HttpHeaders.ACCEPT_ENCODING);
        if (asset.brotli() != null && accepts(accepted, "br")) {
            return response.header(HttpHeaders.CONTENT_ENCODING, "br").body(asset.brotli());
        }
        if (accepts(accepted, "gzip")) {
            return response.header(HttpHeaders.CONTENT_ENCODING, "gzip").body(asset.gzip());
        }
        return response.body(asset.identity());
    }

    private static boolean accepts(List<String> accepted, String encoding) {
        return accepted.stream().map(value -> value.split(";")[0].trim()).anyMatch(encoding::equalsIgnoreCase);
    }
}
