package org.povertyalleviation.devstack;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Random;

/**
 * Synthetic, plausible demo data for Longnan's nine counties, generated deterministically from a seed: the
 * same seed always gives the same counties, townships, villages, households and products. Names are drawn
 * from common syllables and resident ID numbers are made up (valid check digit, so they pass validation);
 * nothing here describes a real person.
 */
public final class DemoData {

    public record County(String code, String nameZh, String nameEn, List<String> products) {
    }

    public record Township(String code, String countyCode, String nameZh) {
    }

    public record Village(String code, String townshipCode, String countyCode, String nameZh, boolean poor) {
    }

    public record Member(String name, String relation, String residentId, String phone, String labourCapacity) {
    }

    public record Household(String countyCode, String villageCode, String fileNumber, int registrationYear,
                            String primaryCause, List<String> causes, List<Member> members) {
    }

    public record Dataset(long seed, List<County> counties, List<Township> townships, List<Village> villages,
                          List<Household> households) {
    }

    /** Longnan City's district and eight counties (GB/T 2260) and what each is known for. */
    public static final List<County> LONGNAN = List.of(
            new County("621202", "武都区", "Wudu District", List.of("橄榄油", "花椒", "红芪")),
            new County("621221", "成县", "Cheng County", List.of("核桃", "蜂蜜", "土鸡蛋")),
            new County("621222", "文县", "Wen County", List.of("纹党参", "绿茶", "橄榄油")),
            new County("621223", "宕昌县", "Dangchang County", List.of("当归", "黄芪", "蕨菜")),
            new County("621224", "康县", "Kang County", List.of("黑木耳", "茶叶", "土蜂蜜")),
            new County("621225", "西和县", "Xihe County", List.of("半夏", "苹果", "花椒")),
            new County("621226", "礼县", "Li County", List.of("苹果", "大黄", "中药材")),
            new County("621227", "徽县", "Hui County", List.of("银杏", "板栗", "紫皮大蒜")),
            new County("621228", "两当县", "Liangdang County", List.of("狼牙蜜", "野生菌", "土豆")));

    private static final String[] PLACE_STEMS = {"城关", "石门", "碧口", "桥头", "中寨", "尖山", "临江", "铁楼", "玉垒",
            "范坝", "梨坪", "柳林", "马营", "洛塘", "两水", "汉王", "高桥", "望关", "龙凤", "云台", "白马", "丹堡", "长道", "永宁"};
    private static final String[] VILLAGE_STEMS = {"上坝", "下坝", "杨家", "李家", "阳坡", "阴坡", "沟口", "河坝", "新庄", "老庄",
            "柏林", "核桃", "花椒", "松树", "岩头", "石岭", "坪上", "堡子", "湾里", "庙坪", "大湾", "水磨", "红岩", "青山"};
    private static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "马", "何", "苟", "雷", "蒲"};
    private static final String[] GIVEN = {"建", "国", "明", "芳", "秀", "英", "军", "平", "兰", "霞", "强", "红", "小", "德", "春", "花", "海", "文"};
    private static final String[] CAUSES = {"ILLNESS", "DISABILITY", "LACK_OF_EDUCATION", "LACK_OF_SKILLS", "LACK_OF_LABOUR",
            "LACK_OF_FUNDS", "LACK_OF_LAND", "LACK_OF_WATER", "NATURAL_DISASTER", "POOR_TRANSPORT", "OTHER"};
    private static final String[] RELATIONS = {"SPOUSE", "CHILD", "CHILD", "PARENT", "GRANDCHILD"};
    private static final String[] LABOUR = {"FULL", "FULL", "PARTIAL", "NONE"};

    private DemoData() {
    }

    public static Dataset generate(long seed) {
        List<Township> townships = new ArrayList<>();
        List<Village> villages = new ArrayList<>();
        List<Household> households = new ArrayList<>();
        for (County county : LONGNAN) {
            // One generator per county: adding a county later leaves the others' data unchanged.
            Random random = new Random(seed * 31 + Long.parseLong(county.code()));
            int townshipCount = 4 + random.nextInt(3);
            int fileSequence = 0;
            Set<String> used = new HashSet<>();
            for (int t = 1; t <= townshipCount; t++) {
                String townshipCode = county.code() + String.format("%03d", 100 + t);
                townships.add(new Township(townshipCode, county.code(),
                        PLACE_STEMS[random.nextInt(PLACE_STEMS.length)] + (random.nextInt(3) == 0 ? "乡" : "镇")));
                int villageCount = 4 + random.nextInt(5);
                for (int v = 1; v <= villageCount; v++) {
                    String villageCode = townshipCode + String.format("%03d", 200 + v);
                    boolean poor = random.nextDouble() < 0.45;
                    villages.add(new Village(villageCode, townshipCode, county.code(),
                            VILLAGE_STEMS[random.nextInt(VILLAGE_STEMS.length)] + "村", poor));
                    int householdCount = (poor ? 8 : 2) + random.nextInt(6);
                    for (int h = 0; h < householdCount; h++) {
                        fileSequence++;
                        households.add(household(random, county.code(), villageCode, fileSequence, used));
                    }
                }
            }
        }
        return new Dataset(seed, LONGNAN, List.copyOf(townships), List.copyOf(villages), List.copyOf(households));
    }

    private static Household household(Random random, String county, String village, int sequence, Set<String> used) {
        String surname = SURNAMES[random.nextInt(SURNAMES.length)];
        int size = 1 + random.nextInt(5);
        List<Member> members = new ArrayList<>();
        LocalDate headBirth = LocalDate.of(1950 + random.nextInt(40), 1 + random.nextInt(12), 1 + random.nextInt(28));
        members.add(member(random, county, surname, "HEAD", headBirth, used));
        for (int m = 1; m < size; m++) {
            String relation = RELATIONS[random.nextInt(RELATIONS.length)];
            LocalDate birth = switch (relation) {
                case "SPOUSE" -> headBirth.plusYears(random.nextInt(7) - 3);
                case "PARENT" -> headBirth.minusYears(22 + random.nextInt(10));
                case "GRANDCHILD" -> headBirth.plusYears(45 + random.nextInt(10));
                default -> headBirth.plusYears(20 + random.nextInt(12));
            };
            members.add(member(random, county, relation.equals("SPOUSE") ? SURNAMES[random.nextInt(SURNAMES.length)] : surname,
                    relation, birth.isAfter(LocalDate.of(2019, 12, 31)) ? LocalDate.of(2019, 6, 1) : birth, used));
        }
        List<String> causes = new ArrayList<>();
        int causeCount = 1 + random.nextInt(3);
        while (causes.size() < causeCount) {
            String cause = CAUSES[random.nextInt(CAUSES.length)];
            if (!causes.contains(cause)) {
                causes.add(cause);
            }
        }
        return new Household(county, village, county + "-" + String.format("%05d", sequence), 2014 + random.nextInt(3),
                causes.get(0), List.copyOf(causes), List.copyOf(members));
    }

    private static Member member(Random random, String county, String surname, String relation, LocalDate birth, Set<String> used) {
        String name = surname + GIVEN[random.nextInt(GIVEN.length)] + (random.nextBoolean() ? GIVEN[random.nextInt(GIVEN.length)] : "");
        // One person, one number: drawn again on a clash. Order codes 100-899 leave 001-099 and 900-999 to the
        // end-to-end tests' own households, so that importing both never clashes.
        String residentId;
        do {
            residentId = withCheckDigit(county + birth.toString().replace("-", "") + String.format("%03d", 100 + random.nextInt(800)));
        } while (!used.add(residentId));
        String phone = relation.equals("HEAD") ? "1990" + String.format("%07d", random.nextInt(10_000_000)) : "";
        return new Member(name, relation, residentId, phone, LABOUR[random.nextInt(LABOUR.length)]);
    }

    /** GB 11643 check digit over the first 17 characters of a resident ID number. */
    static String withCheckDigit(String first17) {
        int[] weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
        String checks = "10X98765432";
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * weights[i];
        }
        return first17 + checks.charAt(sum % 11);
    }
}
