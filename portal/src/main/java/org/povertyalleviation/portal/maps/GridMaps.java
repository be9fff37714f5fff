package org.povertyalleviation.portal.maps;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.json.JsonMapper;

/**
 * The pieces of the portal's maps as ECharts options, as JSON for a {@code data-option} attribute (the content security
 * policy allows no inline script; dashboard.js draws every such element). The portal loads ECharts' "simple" build
 * (lines, bars, pies: no scatter, legend or tooltip), so a map is a grid of longitude against latitude whose points are
 * line series drawn without their line, and the legend is the page's own HTML beside it. There is no base map: the
 * tables beside each map are the reference.
 */
public final class GridMaps {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private GridMaps() {
    }

    /** A point of a map: its name (a label where shown) and longitude, latitude. */
    public record Point(String name, double longitude, double latitude) {
        public Map<String, Object> item() {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("name", name);
            item.put("value", List.of(longitude, latitude));
            return item;
        }
    }

    /** A line series drawn as a road or route ("-" breaks it between two roads). */
    public static Map<String, Object> line(String name, List<Object> data, String colour, int width) {
        Map<String, Object> series = new LinkedHashMap<>();
        series.put("type", "line");
        series.put("name", name);
        series.put("data", data);
        series.put("showSymbol", false);
        series.put("connectNulls", false);
        series.put("lineStyle", Map.of("color", colour, "width", width));
        series.put("itemStyle", Map.of("color", colour));
        series.put("emphasis", Map.of("disabled", true));
        return series;
    }

    /** A line series drawn as points only (the simple build has no scatter series). */
    public static Map<String, Object> points(String name, List<Point> points, String symbol, int size, String colour, boolean labelled) {
        Map<String, Object> series = new LinkedHashMap<>();
        series.put("type", "line");
        series.put("name", name);
        series.put("data", points.stream().map(Point::item).toList());
        series.put("showSymbol", true);
        series.put("showAllSymbol", true);
        series.put("symbol", symbol);
        series.put("symbolSize", size);
        series.put("lineStyle", Map.of("width", 0, "opacity", 0));
        series.put("itemStyle", Map.of("color", colour));
        series.put("emphasis", Map.of("disabled", true));
        series.put("label", Map.of("show", labelled, "formatter", "{b}", "position", "right", "fontSize", 11));
        return series;
    }

    /** The option: longitude across, latitude up, bounds a little beyond the outermost points, no axes drawn. */
    public static String option(List<Point> points, List<Map<String, Object>> series) {
        double west = points.stream().mapToDouble(Point::longitude).min().orElse(0);
        double east = points.stream().mapToDouble(Point::longitude).max().orElse(1);
        double south = points.stream().mapToDouble(Point::latitude).min().orElse(0);
        double north = points.stream().mapToDouble(Point::latitude).max().orElse(1);
        double padX = Math.max((east - west) * 0.05, 0.01);
        double padY = Math.max((north - south) * 0.05, 0.01);
        Map<String, Object> option = new LinkedHashMap<>();
        option.put("animation", false);
        option.put("grid", Map.of("left", 8, "right", 8, "top", 8, "bottom", 8));
        option.put("xAxis", axis(west - padX, east + padX));
        option.put("yAxis", axis(south - padY, north + padY));
        option.put("series", series);
        return JSON.writeValueAsString(option);
    }

    private static Map<String, Object> axis(double min, double max) {
        return Map.of("type", "value", "show", false, "scale", true, "min", round(min), "max", round(max));
    }

    private static BigDecimal round(double degrees) {
        return BigDecimal.valueOf(degrees).setScale(4, RoundingMode.HALF_UP);
    }
}
