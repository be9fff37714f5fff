package org.povertyalleviation.supplyplatform.product;

import java.time.Clock;
import java.time.LocalDate;

import org.povertyalleviation.platform.counties.CountyJobs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The daily listing sweep (ProductListings.sweep) of every county, on one replica (CountyJobs): shortly after midnight
 * China time a product whose required certificate's last day was yesterday is delisted, one whose new certificate
 * starts today is listed, and the 30- and 7-day reminders go out.
 */
@Component
class ListingWatch {

    private static final Logger log = LoggerFactory.getLogger(ListingWatch.class);

    private final CountyJobs countyJobs;
    private final ProductListings listings;
    private final Clock clock;

    ListingWatch(CountyJobs countyJobs, ProductListings listings, Clock clock) {
        this.countyJobs = countyJobs;
        this.listings = listings;
        this.clock = clock;
    }

    @Scheduled(cron = "${supply-platform.listing.check-cron}", zone = "Asia/Shanghai")
    void daily() {
        LocalDate today = LocalDate.now(clock);
        countyJobs.forEachCounty("product-listing", today.toString(), county -> listings.sweep(county, today)
                        .doOnNext(sweep -> log.info("Listing sweep of {} on {}: {} products checked, {} delisted, {} relisted, {} reminders",
                                sweep.county(), sweep.day(), sweep.checked(), sweep.delisted(), sweep.relisted(), sweep.reminders())))
                .block();
    }
}
