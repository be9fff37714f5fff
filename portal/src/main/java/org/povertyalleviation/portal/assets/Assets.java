package org.povertyalleviation.portal.assets;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

import com.aayushatharva.brotli4j.Brotli4jLoader;
import com.aayushatharva.brotli4j.encoder.Encoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/**
 * The pages' scripts and styles: a fixed list, each compressed once at start-up (Brotli at its highest quality, and
 * gzip for browsers without Brotli) and served under a name that carries its content hash, so that browsers keep it
 * for a year and a new version is a new name. On a 3G link the chart library alone is most of a page's budget:
 * Brotli-11 makes it 132 KB instead of 155 KB with gzip (docs/portal.md, bench/portal).
 */
@Component
public class Assets {

    private static final Logger log = LoggerFactory.getLogger(Assets.class);

    /** A served file: its hashed name, type, and the bytes per encoding (br may be absent). */
    public record Asset(String name, MediaType type, byte[] identity, byte[] gzip, byte[] brotli, String etag) {
    }

    private final Map<String, Asset> byKey = new LinkedHashMap<>();
    private final Map<String, Asset> byName = new LinkedHashMap<>();

    Assets() {
        boolean brotli = brotliAvailable();
        Properties versions = versions();
        add("htmx", "META-INF/resources/webjars/htmx.org/" + versions.getProperty("htmx") + "/dist/htmx.min.js", "js", brotli);
        add("pico", "META-INF/resources/webjars/picocss__pico/" + versions.getProperty("pico") + "/css/pico.red.min.css", "css", brotli);
        // The "simple" build (line, bar, pie): the full one is twice the size and the portal draws bars only.
        add("echarts", "META-INF/resources/_static/echarts/" + versions.getProperty("echarts") + "/dist/echarts.simple.min.js", "js", brotli);
        add("portal-css", "portal-assets/portal.css", "css", brotli);
        add("portal-js", "portal-assets/portal.js", "js", brotli);
        add("dashboard-js", "portal-assets/dashboard.js", "js", brotli);
    }

    /** The URL a template links, e.g. {@code ${assets.url('htmx')}} → /assets/htmx.3f2a9c1b.js. */
    public String url(String key) {
        Asset asset = byKey.get(key);
        if (asset == null) {
            throw new IllegalArgumentException("No asset " + key);
        }
        return "/assets/" + asset.name();
    }

    Asset byName(String name) {
        return byName.get(name);
    }

    private void add(String key, String path, String extension, boolean brotli) {
        byte[] identity = read(path);
        String hash = HexFormat.of().formatHex(sha256(identity)).substring(0, 12);
        MediaType type = "css".equals(extension) ? new MediaType("text", "css", java.nio.charset.StandardCharsets.UTF_8)
                : new MediaType("text", "javascript", java.nio.charset.StandardCharsets.UTF_8);
        Asset asset = new Asset(key + "." + hash + "." + extension, type, identity, gzip(identity), brotli ? brotli(identity) : null,
                "\"" + hash + "\"");
        byKey.put(key, asset);
        byName.put(asset.name(), asset);
    }

    private static Properties versions() {
        Properties versions = new Properties();
        try (InputStream in = new ClassPathResource("portal-asset-versions.properties").getInputStream()) {
            versions.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return versions;
    }

    private static boolean brotliAvailable() {
        try {
            Brotli4jLoader.ensureAvailability();
            return true;
        } catch (Throwable e) {
            log.warn("Brotli is not available on this platform; assets are served with gzip only: {}", e.toString());
            return false;
        }
    }

    private static byte[] read(String path) {
        try (InputStream in = new ClassPathResource(path).getInputStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("Asset " + path + " is missing from the classpath", e);
        }
    }

    private static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 3);
        try (GZIPOutputStream gzip = new GZIPOutputStream(out) {
            {
                def.setLevel(Deflater.BEST_COMPRESSION);
            }
        }) {
            gzip.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] brotli(byte[] data) {
        try {
            return Encoder.compress(data, new Encoder.Parameters().setQuality(11));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
