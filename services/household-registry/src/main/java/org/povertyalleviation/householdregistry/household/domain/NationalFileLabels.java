package org.povertyalleviation.householdregistry.household.domain;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.povertyalleviation.platform.domain.InvalidValueException;

/**
 * The words county clerks write in the national registration file (建档立卡) for each enumerated field, and the codes
 * the API uses. A file may give either: the code ({@code ILLNESS}), the file's label ({@code 因病}) or a variant clerks
 * commonly write ({@code 患病}). An export in Chinese writes the first label of each code, which reads back as the same
 * code.
 */
public final class NationalFileLabels {

    private static final Map<Class<?>, Map<Enum<?>, List<String>>> LABELS = new LinkedHashMap<>();

    static {
        labels(PovertyCause.class, Map.ofEntries(
                Map.entry(PovertyCause.ILLNESS, List.of("因病", "因病致贫", "患病")),
                Map.entry(PovertyCause.DISABILITY, List.of("因残", "因残致贫", "残疾")),
                Map.entry(PovertyCause.LACK_OF_EDUCATION, List.of("因学", "因学致贫", "缺教育")),
                Map.entry(PovertyCause.LACK_OF_SKILLS, List.of("缺技术", "缺乏技术")),
                Map.entry(PovertyCause.LACK_OF_LABOUR, List.of("缺劳力", "缺劳动力")),
                Map.entry(PovertyCause.LACK_OF_FUNDS, List.of("缺资金", "缺乏资金")),
                Map.entry(PovertyCause.LACK_OF_LAND, List.of("缺土地")),
                Map.entry(PovertyCause.LACK_OF_WATER, List.of("缺水")),
                Map.entry(PovertyCause.NATURAL_DISASTER, List.of("因灾", "因灾致贫", "自然灾害")),
                Map.entry(PovertyCause.POOR_TRANSPORT, List.of("交通条件落后", "交通落后")),
                Map.entry(PovertyCause.LACK_OF_DRIVE, List.of("自身发展动力不足", "发展动力不足")),
                Map.entry(PovertyCause.OTHER, List.of("其他", "其它"))));
        labels(Relation.class, Map.ofEntries(
                Map.entry(Relation.HEAD, List.of("户主", "本人")),
                Map.entry(Relation.SPOUSE, List.of("配偶", "妻", "夫", "之妻", "之夫")),
                Map.entry(Relation.CHILD, List.of("子女", "之子", "之女", "儿子", "女儿", "长子", "次子", "长女", "次女")),
                Map.entry(Relation.CHILD_IN_LAW, List.of("儿媳或女婿", "之儿媳", "之女婿", "儿媳", "女婿")),
                Map.entry(Relation.GRANDCHILD, List.of("孙子女", "之孙子", "之孙女", "孙子", "孙女", "外孙子", "外孙女")),
                Map.entry(Relation.PARENT, List.of("父母", "之父", "之母", "父亲", "母亲")),
                Map.entry(Relation.GRANDPARENT, List.of("祖父母", "之祖父", "之祖母", "祖父", "祖母")),
                Map.entry(Relation.SIBLING, List.of("兄弟姐妹", "之兄弟", "之姐妹", "兄弟", "姐妹")),
                Map.entry(Relation.OTHER, List.of("其他", "其它"))));
        labels(LabourCapacity.class, Map.ofEntries(
                Map.entry(LabourCapacity.FULL, List.of("有劳动力", "普通劳动力", "技能劳动力")),
                Map.entry(LabourCapacity.PARTIAL, List.of("弱劳动力或半劳动力", "弱劳动力", "半劳动力")),
                Map.entry(LabourCapacity.NONE, List.of("无劳动力", "丧失劳动力"))));
        labels(Health.class, Map.ofEntries(
                Map.entry(Health.HEALTHY, List.of("健康")),
                Map.entry(Health.CHRONIC_ILLNESS, List.of("长期慢性病", "慢性病")),
                Map.entry(Health.SERIOUS_ILLNESS, List.of("患有大病", "大病")),
                Map.entry(Health.DISABLED, List.of("残疾"))));
        labels(Education.class, Map.ofEntries(
                Map.entry(Education.NONE, List.of("文盲或半文盲", "文盲", "半文盲", "未上学")),
                Map.entry(Education.PRESCHOOL, List.of("学龄前儿童", "学前教育", "学前")),
                Map.entry(Education.PRIMARY, List.of("小学")),
                Map.entry(Education.JUNIOR_SECONDARY, List.of("初中")),
                Map.entry(Education.SENIOR_SECONDARY, List.of("高中")),
                Map.entry(Education.VOCATIONAL, List.of("中专", "中职", "职业教育", "技校")),
                Map.entry(Education.TERTIARY, List.of("大专及以上", "大专", "本科", "大学", "研究生"))));
        labels(EcommerceSkill.class, Map.ofEntries(
                Map.entry(EcommerceSkill.SHOP_OPERATION, List.of("网店运营", "开网店")),
                Map.entry(EcommerceSkill.LIVE_STREAMING, List.of("直播带货", "直播")),
                Map.entry(EcommerceSkill.PRODUCT_PHOTOGRAPHY, List.of("产品摄影", "摄影")),
                Map.entry(EcommerceSkill.CUSTOMER_SERVICE, List.of("客服", "网店客服")),
                Map.entry(EcommerceSkill.PACKING_AND_SHIPPING, List.of("包装发货", "打包发货", "物流"))));
    }

    private NationalFileLabels() {
    }

    private static <E extends Enum<E>> void labels(Class<E> type, Map<E, List<String>> labels) {
        Map<Enum<?>, List<String>> ordered = new LinkedHashMap<>();
        for (E value : type.getEnumConstants()) {
            List<String> own = labels.get(value);
            if (own == null || own.isEmpty()) {
                throw new IllegalStateException(type.getSimpleName() + "." + value + " has no label");
            }
            ordered.put(value, own);
        }
        LABELS.put(type, ordered);
    }

    /**
     * The value a file's cell names: its code (any case, spaces for underscores) or one of its labels.
     *
     * @throws InvalidValueException naming the accepted labels and codes
     */
    public static <E extends Enum<E>> E parse(Class<E> type, String text) {
        String clean = text.strip();
        String code = clean.toUpperCase(Locale.ROOT).replace(' ', '_');
        for (E value : type.getEnumConstants()) {
            if (value.name().equals(code) || labelsOf(value).contains(clean)) {
                return value;
            }
        }
        throw new InvalidValueException("\"" + clean + "\" is not one of " + String.join(", ", canonicalLabels(type))
                + " (or the codes " + java.util.Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", ")) + ")");
    }

    /** The label an export in Chinese writes, which {@link #parse} reads back as the same value. */
    public static String zh(Enum<?> value) {
        return labelsOf(value).get(0);
    }

    private static List<String> labelsOf(Enum<?> value) {
        Map<Enum<?>, List<String>> labels = LABELS.get(value.getDeclaringClass());
        if (labels == null) {
            throw new IllegalArgumentException(value.getDeclaringClass().getSimpleName() + " has no national file labels");
        }
        return labels.get(value);
    }

    private static <E extends Enum<E>> List<String> canonicalLabels(Class<E> type) {
        return java.util.Arrays.stream(type.getEnumConstants()).map(NationalFileLabels::zh).toList();
    }
}
