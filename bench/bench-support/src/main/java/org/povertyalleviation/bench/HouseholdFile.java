package org.povertyalleviation.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.UUID;

/**
 * A county's household file for the import (one row per person, the head's row first, the columns of the service's
 * import in the order ImportIT's HEADER has them) and, written in the same pass, the same households and members as
 * PostgreSQL COPY text for the baseline: the rows the import would store, with the personal data's ciphertexts and
 * keyed hashes replaced by random bytes of the service's sizes (a resident ID sealed with key "k1" is
 * 1 + 2 + 12 + 18 + 16 bytes, a mobile number 1 + 2 + 12 + 11 + 16, a keyed hash 32).
 *
 * <p>Deterministic from the seed: names, birth dates, causes, skills and phones are drawn from it; resident ID
 * numbers are valid (GB 11643 check character, as ResidentId.checkCharacter computes it) and unique in the file.
 */
public final class HouseholdFile {

    public static final String HEADER = "file_number,village_code,registration_year,relation,name,resident_id,phone,labour_capacity,"
            + "health,education,ecommerce_skills,causes,primary_cause,helper_cadre,food,clothing,compulsory_education,"
            + "basic_medical_care,safe_housing";
    public static final String HOUSEHOLD_COLUMNS = "county_code, id, file_number, village_code, registration_year, status, helper_cadre, "
            + "food_secure, clothing_secure, compulsory_education, basic_medical_care, safe_housing, causes, primary_cause";
    public static final String MEMBER_COLUMNS = "county_code, id, household_id, name, relation, resident_id_cipher, resident_id_hash, "
            + "resident_id_masked, pii_key, birth_year, sex, phone_cipher, phone_hash, phone_masked, labour_capacity, health, "
            + "education, ecommerce_skills";

    public static final int RESIDENT_ID_CIPHER_BYTES = 1 + 2 + 12 + 18 + 16;
    public static final int MOBILE_CIPHER_BYTES = 1 + 2 + 12 + 11 + 16;
    public static final int HASH_BYTES = 32;

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String CHECK_CHARACTERS = "10X98765432";
    private static final String[] CAUSES = {"ILLNESS", "DISABILITY", "LACK_OF_EDUCATION", "LACK_OF_SKILLS", "LACK_OF_LABOUR",
            "LACK_OF_FUNDS", "LACK_OF_LAND", "LACK_OF_WATER", "NATURAL_DISASTER", "POOR_TRANSPORT", "OTHER"};
    private static final String[] SKILLS = {"SHOP_OPERATION", "LIVE_STREAMING", "PRODUCT_PHOTOGRAPHY", "CUSTOMER_SERVICE",
            "PACKING_AND_SHIPPING"};
    private static final String SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文";
    private static final String GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华红玉梅建国志云海波宁燕鹏飞辉斌亮晶慧";

    /** What was written. */
    public record Written(Path csv, Path householdCopy, Path memberCopy, int households, int rows, long csvBytes) {
    }

    private HouseholdFile() {
    }

    public static Written write(String county, List<String> villages, int households, long seed, Path directory) {
        Path csv = directory.resolve("households-" + county + ".csv");
        Path householdCopy = directory.resolve("household.copy");
        Path memberCopy = directory.resolve("member.copy");
        SplittableRandom random = new SplittableRandom(seed);
        SplittableRandom bytes = new SplittableRandom(seed ^ 0x5DEECE66DL);
        Set<String> residentIds = new HashSet<>(households * 4);
        HexFormat hex = HexFormat.of();
        int rows = 0;
        try (BufferedWriter out = Files.newBufferedWriter(csv, StandardCharsets.UTF_8);
             BufferedWriter householdOut = Files.newBufferedWriter(householdCopy, StandardCharsets.UTF_8);
             BufferedWriter memberOut = Files.newBufferedWriter(memberCopy, StandardCharsets.UTF_8)) {
            out.write(HEADER);
            out.write('\n');
            for (int h = 0; h < households; h++) {
                String fileNumber = String.format("%s-%07d", county.substring(2), h + 1);
                String village = villages.get(random.nextInt(villages.size()));
                int year = 2014 + random.nextInt(7);
                String helper = helper(random);
                boolean[] guarantees = new boolean[5];
                for (int g = 0; g < 5; g++) {
                    guarantees[g] = random.nextInt(10) < 8;
                }
                TreeSet<String> causes = new TreeSet<>();
                int causeCount = 1 + random.nextInt(3);
                while (causes.size() < causeCount) {
                    causes.add(CAUSES[random.nextInt(CAUSES.length)]);
                }
                List<String> causeList = new ArrayList<>(causes);
                String primary = causeList.get(random.nextInt(causeList.size()));
                UUID householdId = new UUID(bytes.nextLong(), bytes.nextLong());

                householdOut.write(county + '\t' + householdId + '\t' + fileNumber + '\t' + village + '\t' + year + "\tREGISTERED\t"
                        + helper + '\t' + bool(guarantees[0]) + '\t' + bool(guarantees[1]) + '\t' + bool(guarantees[2]) + '\t'
                        + bool(guarantees[3]) + '\t' + bool(guarantees[4]) + "\t{" + String.join(",", causes) + "}\t" + primary + '\n');

                // 1 to 5 persons (3 on average): the head, perhaps a spouse, then children or a parent.
                int size = 1 + random.nextInt(5);
                String surname = String.valueOf(SURNAMES.charAt(random.nextInt(SURNAMES.length())));
                LocalDate headBirth = LocalDate.of(1945 + random.nextInt(46), 1 + random.nextInt(12), 1 + random.nextInt(28));
                boolean headMale = random.nextInt(10) < 8;
                for (int p = 0; p < size; p++) {
                    String relation;
                    LocalDate birth;
                    boolean male;
                    String name;
                    if (p == 0) {
                        relation = "HEAD";
                        birth = headBirth;
                        male = headMale;
                        name = surname + given(random);
                    } else if (p == 1 && random.nextInt(10) < 8) {
                        relation = "SPOUSE";
                        birth = headBirth.plusDays(random.nextInt(3650) - 1825);
                        male = !headMale;
                        name = SURNAMES.charAt(random.nextInt(SURNAMES.length())) + given(random);
                    } else if (random.nextInt(10) < 8 || headBirth.getYear() < 1950) {
                        relation = "CHILD";
                        int from = Math.max(headBirth.getYear() + 18, 1965);
                        birth = LocalDate.of(Math.min(from + random.nextInt(30), 2020), 1 + random.nextInt(12), 1 + random.nextInt(28));
                        male = random.nextBoolean();
                        name = surname + given(random);
                    } else {
                        relation = "PARENT";
                        birth = LocalDate.of(headBirth.getYear() - 20 - random.nextInt(15), 1 + random.nextInt(12), 1 + random.nextInt(28));
                        male = random.nextBoolean();
                        name = (male ? surname : String.valueOf(SURNAMES.charAt(random.nextInt(SURNAMES.length())))) + given(random);
                    }
                    String residentId = residentId(county, birth, male, random, residentIds);
                    int age = 2026 - birth.getYear();
                    String phone = random.nextInt(10) < (p == 0 ? 8 : 3) && age >= 16
                            ? "1" + (3 + random.nextInt(7)) + String.format("%09d", random.nextInt(1_000_000_000)) : null;
                    String labour = age < 16 || age > 75 ? "NONE" : age > 60 || random.nextInt(10) == 0 ? "PARTIAL" : "FULL";
                    int healthDraw = random.nextInt(20);
                    String health = healthDraw < 15 ? "HEALTHY" : healthDraw < 18 ? "CHRONIC_ILLNESS" : healthDraw < 19 ? "SERIOUS_ILLNESS" : "DISABLED";
                    String education = age < 6 ? "PRESCHOOL" : age < 12 ? "PRIMARY" : age > 60 ? (random.nextBoolean() ? "NONE" : "PRIMARY")
                            : new String[] {"PRIMARY", "JUNIOR_SECONDARY", "SENIOR_SECONDARY", "VOCATIONAL", "TERTIARY"}[random.nextInt(5)];
                    TreeSet<String> skills = new TreeSet<>();
                    if (age >= 16 && age <= 60 && random.nextInt(4) == 0) {
                        int count = 1 + random.nextInt(2);
                        while (skills.size() < count) {
                            skills.add(SKILLS[random.nextInt(SKILLS.length)]);
                        }
                    }

                    // The CSV row: household columns on the head's row only, as counties' files have them.
                    out.write(fileNumber);
                    out.write(',');
                    if (p == 0) {
                        out.write(village + ',' + year + ',');
                    } else {
                        out.write(",,");
                    }
                    out.write(relation + ',' + name + ',' + residentId + ',' + (phone == null ? "" : phone) + ',' + labour + ','
                            + health + ',' + education + ',' + String.join(";", skills) + ',');
                    if (p == 0) {
                        out.write(String.join(";", causes) + ',' + primary + ',' + csvCell(helper) + ',' + yes(guarantees[0]) + ','
                                + yes(guarantees[1]) + ',' + yes(guarantees[2]) + ',' + yes(guarantees[3]) + ',' + yes(guarantees[4]));
                    } else {
                        out.write(",,,,,,,");
                    }
                    out.write('\n');

                    // The member row as the service would store it.
                    memberOut.write(county + '\t' + new UUID(bytes.nextLong(), bytes.nextLong()) + '\t' + householdId + '\t' + name + '\t'
                            + relation + "\t\\\\x" + hex.formatHex(randomBytes(bytes, RESIDENT_ID_CIPHER_BYTES))
                            + "\t\\\\x" + hex.formatHex(randomBytes(bytes, HASH_BYTES))
                            + '\t' + residentId.substring(0, 6) + "********" + residentId.substring(14) + "\tk1\t" + birth.getYear() + '\t'
                            + (male ? 'M' : 'F') + '\t'
                            + (phone == null ? "\\N\t\\N\t\\N" : "\\\\x" + hex.formatHex(randomBytes(bytes, MOBILE_CIPHER_BYTES))
                            + "\t\\\\x" + hex.formatHex(randomBytes(bytes, HASH_BYTES)) + '\t' + phone.substring(0, 3) + "****"
                            + phone.substring(7))
                            + '\t' + labour + '\t' + health + '\t' + education + "\t{" + String.join(",", skills) + "}\n");
                    rows++;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            return new Written(csv, householdCopy, memberCopy, households, rows, Files.size(csv));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A valid resident ID of the region, born on that date, of that sex, not yet used in the file. */
    private static String residentId(String region, LocalDate birth, boolean male, SplittableRandom random, Set<String> used) {
        LocalDate date = birth;
        for (int attempt = 0; ; attempt++) {
            if (attempt > 0 && attempt % 50 == 0) {
                date = date.plusDays(1);
            }
            int sequence = random.nextInt(100) * 10 + random.nextInt(5) * 2 + (male ? 1 : 0);
            String first17 = region + date.toString().replace("-", "") + String.format("%03d", sequence);
            if (used.add(first17)) {
                return first17 + checkCharacter(first17);
            }
        }
    }

    /** ISO 7064 MOD 11-2, as the service's ResidentId.checkCharacter. */
    public static char checkCharacter(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK_CHARACTERS.charAt(sum % 11);
    }

    private static String given(SplittableRandom random) {
        StringBuilder name = new StringBuilder().append(GIVEN.charAt(random.nextInt(GIVEN.length())));
        if (random.nextInt(3) > 0) {
            name.append(GIVEN.charAt(random.nextInt(GIVEN.length())));
        }
        return name.toString();
    }

    /** The cadre who helps the household; one in ten with a post after a comma, which the CSV must quote. */
    private static String helper(SplittableRandom random) {
        String cadre = SURNAMES.charAt(random.nextInt(SURNAMES.length())) + "干部";
        return random.nextInt(10) == 0 ? cadre + ", 村支书" : cadre;
    }

    private static String csvCell(String value) {
        return value.contains(",") ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
    }

    private static String yes(boolean value) {
        return value ? "是" : "否";
    }

    private static String bool(boolean value) {
        return value ? "t" : "f";
    }

    private static byte[] randomBytes(SplittableRandom random, int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) random.nextInt(256);
        }
        return bytes;
    }
}
