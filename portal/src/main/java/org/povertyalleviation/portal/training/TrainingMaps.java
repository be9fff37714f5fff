package org.povertyalleviation.portal.training;

import static org.povertyalleviation.portal.maps.GridMaps.option;
import static org.povertyalleviation.portal.maps.GridMaps.points;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.povertyalleviation.portal.county.Villages;
import org.povertyalleviation.portal.maps.GridMaps.Point;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The training coverage map: the county's villages where the county registry places them, by whether anyone there
 * holds a certificate of the year (green), not (orange), poor and not (dark red, named). Villages without a place are
 * in the tables only. Colours are the ones portal.css gives the legend's swatches.
 */
@Component
class TrainingMaps {

    static final String TRAINED = "#2e7d32";
    static final String UNTRAINED = "#ef6c00";
    static final String POOR_UNTRAINED = "#b71c1c";

    private final MessageSource messages;

    TrainingMaps(MessageSource messages) {
        this.messages = messages;
    }

    /** @return the option, or null when no village of the coverage has a place (the page then shows no map) */
    String coverage(Training.Coverage coverage, Map<String, Villages.Village> villages, Locale locale) {
        List<Point> trained = new ArrayList<>();
        List<Point> untrained = new ArrayList<>();
        List<Point> poorUntrained = new ArrayList<>();
        for (Training.VillageFigures figures : coverage.all()) {
            Villages.Village village = villages.get(figures.village());
            if (village == null || !village.placed()) {
                continue;
            }
            Point point = new Point(figures.nameZh(), village.longitude(), village.latitude());
            (figures.certifiedPeople() > 0 ? trained : figures.poor() ? poorUntrained : untrained).add(point);
        }
        List<Point> all = new ArrayList<>(trained);
        all.addAll(untrained);
        all.addAll(poorUntrained);
        if (all.isEmpty()) {
            return null;
        }
        return option(all, List.of(
                points(messages.getMessage("training.map.trained", null, locale), trained, "circle", 9, TRAINED, false),
                points(messages.getMessage("training.map.untrained", null, locale), untrained, "diamond", 10, UNTRAINED, false),
                points(messages.getMessage("training.map.poorUntrained", null, locale), poorUntrained, "diamond", 13, POOR_UNTRAINED, true)));
    }
}
