package org.povertyalleviation.portal.language;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Currency;
import java.util.Locale;


/**
 * Numbers, yuan amounts and dates as the reader's language writes them; every page has one as {@code fmt}
 * ({@code ${fmt.yuan(x)}}). Amounts travel in fen (integers) everywhere in the platform; only here do they become yuan.
 */
public final class Formats {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");
    private static final Currency YUAN = Currency.getInstance("CNY");

    private final Locale locale;

    public Formats(Locale locale) {
        this.locale = locale;
    }

    private Locale locale() {
        return locale;
    }

    public String yuan(Number fen) {
        return yuan(fen, locale());
    }

    public static String yuan(Number fen, Locale locale) {
        if (fen == null) {
            return "";
        }
        NumberFormat format = NumberFormat.getCurrencyInstance(locale.getLanguage().equals("zh") ? Locale.CHINA : locale);
        format.setCurrency(YUAN);
        format.setMinimumFractionDigits(2);
        format.setMaximumFractionDigits(2);
        return format.format(BigDecimal.valueOf(fen.longValue()).movePointLeft(2));
    }

    /** Whole yuan, for chart axes and totals where fen would be noise. */
    public static BigDecimal yuanValue(Number fen) {
        return fen == null ? BigDecimal.ZERO : BigDecimal.valueOf(fen.longValue()).movePointLeft(2).setScale(2, RoundingMode.DOWN);
    }

    public String number(Number value) {
        return value == null ? "" : NumberFormat.getIntegerInstance(locale()).format(value);
    }

    /** A quantity in a product's unit: the services keep thousandths (1,250.5 kg), which a whole number would lose. */
    public String quantity(Number value) {
        if (value == null) {
            return "";
        }
        NumberFormat format = NumberFormat.getNumberInstance(locale());
        format.setMaximumFractionDigits(3);
        return format.format(value);
    }

    public String percent(Number part, Number whole) {
        if (part == null || whole == null || whole.longValue() == 0) {
            return "–";
        }
        NumberFormat format = NumberFormat.getPercentInstance(locale());
        format.setMaximumFractionDigits(1);
        return format.format(part.doubleValue() / whole.doubleValue());
    }

    public String date(LocalDate date) {
        return date == null ? "" : DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale()).format(date);
    }

    public String dateTime(Instant instant) {
        return instant == null ? "" : DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT).withLocale(locale())
                .format(instant.atZone(CHINA));
    }

    /** The time of day in China, to the second: a rotating code's end, a check-in. */
    public String time(Instant instant) {
        return instant == null ? "" : DateTimeFormatter.ofLocalizedTime(FormatStyle.MEDIUM).withLocale(locale()).format(instant.atZone(CHINA));
    }

    /** "2026年10月" or "Oct 2026". */
    public String month(String yearMonth) {
        if (yearMonth == null) {
            return "";
        }
        YearMonth month = YearMonth.parse(yearMonth);
        DateTimeFormatter format = locale().getLanguage().equals("zh") ? DateTimeFormatter.ofPattern("yyyy年M月", Locale.CHINA)
                : DateTimeFormatter.ofPattern("MMM yyyy", locale());
        return format.format(month);
    }
}
