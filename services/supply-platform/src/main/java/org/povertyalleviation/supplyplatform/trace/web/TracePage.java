package org.povertyalleviation.supplyplatform.trace.web;

import java.text.MessageFormat;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

import org.povertyalleviation.supplyplatform.trace.PublicTrace;
import org.springframework.web.util.HtmlUtils;

/**
 * The public page a scanned code opens, as one small HTML document: no script, no web fonts, no images but an inline
 * SVG line of the public steps, styles inline. A phone on a rural 2G/3G link gets it in one round trip (a few KB,
 * against the 30 KB budget). Chinese first; English when the browser asks for it first or the link says lang=en.
 */
final class TracePage {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd");
    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(CHINA);
    private static final String STYLE = "body{font:16px/1.5 system-ui,sans-serif;margin:0;color:#222;background:#f6f4ef}"
            + "header{background:#b3261e;color:#fff;padding:12px 16px}header p{margin:0;font-size:14px}h1{margin:4px 0;font-size:22px}"
            + "main{padding:8px 16px;max-width:40em}dl{display:grid;grid-template-columns:auto 1fr;gap:4px 12px}dt{color:#666}dd{margin:0}"
            + "h2{font-size:17px;margin:16px 0 4px}ol,ul{padding-left:20px;margin:4px 0}.ok{color:#1b5e20}.bad{color:#b3261e}"
            + ".warn{background:#fff3cd;border-left:4px solid #b3261e;padding:8px}.scan{background:#e8f5e9;padding:8px}svg{width:100%;max-width:360px}"
            + "footer{padding:16px;font-size:13px;color:#666}a{color:#0b57d0}";

    private final ResourceBundle messages;
    private final Locale locale;

    private TracePage(Locale locale) {
        this.locale = locale;
        this.messages = ResourceBundle.getBundle("trace/messages", locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    /** English if asked for by the link or, before any Chinese, by the browser; Chinese otherwise. */
    static TracePage in(String lang, List<Locale.LanguageRange> accepted) {
        if (lang != null) {
            return new TracePage(lang.toLowerCase(Locale.ROOT).startsWith("en") ? Locale.ENGLISH : Locale.ROOT);
        }
        for (Locale.LanguageRange range : accepted) {
            if (range.getRange().startsWith("zh")) {
                return new TracePage(Locale.ROOT);
            }
            if (range.getRange().startsWith("en")) {
                return new TracePage(Locale.ENGLISH);
            }
        }
        return new TracePage(Locale.ROOT);
    }

    boolean english() {
        return locale.equals(Locale.ENGLISH);
    }

    String lot(PublicTrace.PublicLot lot, String switchLink) {
        String brand = lot.brand() != null ? lot.brand() : text("brand.default", lot.countyName());
        StringBuilder html = start(text("title", lot.product()));
        html.append("<header><p>").append(e(brand)).append("</p><h1>").append(e(lot.product())).append("</h1><p>")
                .append(e(text("verified", lot.countyName()))).append("</p></header><main>");
        if (lot.scan() != null) {
            if (lot.scan().suspected()) {
                html.append("<p class=\"warn\">").append(e(text("suspected", lot.countyName()))).append("</p>");
            }
            html.append("<p class=\"scan\">").append(lot.scan().scans() <= 1 ? e(text("scans.first"))
                    : e(text("scans", lot.scan().scans(), MINUTE.format(lot.scan().firstScannedAt())))).append("</p>");
        }
        html.append("<dl>");
        fact(html, "origin", lot.countyName() + (lot.villages().isEmpty() ? "" : " · " + String.join("、", lot.villages())));
        fact(html, "supplier", lot.organisation() + "（" + text("kind." + lot.organisationKind()) + "）"
                + (lot.households() > 0 ? " · " + text("households", lot.households()) : ""));
        fact(html, "lot", lot.lotNumber());
        fact(html, "harvest", DAY.format(lot.harvestDate()));
        fact(html, "grade", lot.grade());
        html.append("</dl><h2>").append(e(text("certifications"))).append("</h2>");
        if (lot.certifications().isEmpty()) {
            html.append("<p>").append(e(text("no.certifications"))).append("</p>");
        } else {
            html.append("<ul>");
            for (PublicTrace.PublicCertificate c : lot.certifications()) {
                html.append("<li class=\"ok\">").append(e(text("cert." + c.kind()))).append(" · ").append(e(c.issuer())).append(" · ")
                        .append(e(c.number())).append(" · ").append(e(text("valid", DAY.format(c.validFrom()), DAY.format(c.validTo()))))
                        .append("</li>");
            }
            html.append("</ul>");
        }
        html.append("<h2>").append(e(text("inspection"))).append("</h2><p>");
        if (lot.inspection() == null) {
            html.append(e(text("inspection.none")));
        } else {
            html.append("<span class=\"").append(lot.inspection().result().equals("PASS") ? "ok" : "bad").append("\">")
                    .append(e(text("inspection." + lot.inspection().result()))).append("</span> · ").append(DAY.format(lot.inspection().sampledOn()))
                    .append(" · ").append(e(lot.inspection().lab()));
        }
        html.append("</p><h2>").append(e(text("steps"))).append("</h2>");
        if (lot.steps().isEmpty()) {
            html.append("<p>").append(e(text("no.steps"))).append("</p>");
        } else {
            html.append(mapLine(lot.steps())).append("<ol>");
            for (PublicTrace.PublicStep step : lot.steps()) {
                html.append("<li>").append(e(text("step." + step.step()))).append(" · ").append(MINUTE.format(step.time())).append(" · ")
                        .append(e(step.place())).append("</li>");
            }
            html.append("</ol>");
        }
        return end(html, switchLink);
    }

    String unknown(String switchLink) {
        StringBuilder html = start(text("unknown.title"));
        html.append("<header><h1>").append(e(text("unknown.title"))).append("</h1></header><main><p>").append(e(text("unknown.text")))
                .append("</p>");
        return end(html, switchLink);
    }

    /**
     * The public steps with coordinates as a line on a plain SVG (no map tiles to download): north up, the steps'
     * bounding box filling the drawing, each stop numbered as in the list below it.
     */
    static String mapLine(List<PublicTrace.PublicStep> steps) {
        List<PublicTrace.PublicStep> located = steps.stream().filter(step -> step.latitude() != null).toList();
        if (located.size() < 2) {
            return "";
        }
        double minLat = located.stream().mapToDouble(PublicTrace.PublicStep::latitude).min().orElseThrow();
        double maxLat = located.stream().mapToDouble(PublicTrace.PublicStep::latitude).max().orElseThrow();
        double minLon = located.stream().mapToDouble(PublicTrace.PublicStep::longitude).min().orElseThrow();
        double maxLon = located.stream().mapToDouble(PublicTrace.PublicStep::longitude).max().orElseThrow();
        double spanLat = Math.max(maxLat - minLat, 1e-4);
        double spanLon = Math.max(maxLon - minLon, 1e-4);
        int width = 320;
        int height = 180;
        int pad = 20;
        StringBuilder points = new StringBuilder();
        StringBuilder stops = new StringBuilder();
        int number = 0;
        for (PublicTrace.PublicStep step : steps) {
            number++;
            if (step.latitude() == null) {
                continue;
            }
            long x = Math.round(pad + (step.longitude() - minLon) / spanLon * (width - 2 * pad));
            long y = Math.round(pad + (maxLat - step.latitude()) / spanLat * (height - 2 * pad));
            points.append(x).append(',').append(y).append(' ');
            stops.append("<circle cx=\"").append(x).append("\" cy=\"").append(y).append("\" r=\"9\" fill=\"#b3261e\"/><text x=\"").append(x)
                    .append("\" y=\"").append(y + 4).append("\" fill=\"#fff\" font-size=\"11\" text-anchor=\"middle\">").append(number).append("</text>");
        }
        return "<svg viewBox=\"0 0 " + width + " " + height + "\" role=\"img\"><rect width=\"" + width + "\" height=\"" + height
                + "\" fill=\"#fff\"/><polyline points=\"" + points.toString().strip() + "\" fill=\"none\" stroke=\"#555\" stroke-width=\"2\" "
                + "stroke-dasharray=\"6 4\"/>" + stops + "</svg>";
    }

    private StringBuilder start(String title) {
        return new StringBuilder(4096).append("<!DOCTYPE html><html lang=\"").append(text("lang")).append("\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><meta name=\"robots\" content=\"noindex\"><title>")
                .append(e(title)).append("</title><style>").append(STYLE).append("</style></head><body>");
    }

    private String end(StringBuilder html, String switchLink) {
        return html.append("</main><footer><a href=\"").append(e(switchLink)).append("\">").append(e(text("switch")))
                .append("</a></footer></body></html>").toString();
    }

    private void fact(StringBuilder html, String key, String value) {
        html.append("<dt>").append(e(text(key))).append("</dt><dd>").append(e(value)).append("</dd>");
    }

    private String text(String key, Object... arguments) {
        try {
            String pattern = messages.getString(key);
            return arguments.length == 0 ? pattern : new MessageFormat(pattern.replace("'", "''"), locale).format(arguments);
        } catch (MissingResourceException e) {
            return key;
        }
    }

    private static String e(String text) {
        return HtmlUtils.htmlEscape(text == null ? "" : text, "UTF-8");
    }
}
