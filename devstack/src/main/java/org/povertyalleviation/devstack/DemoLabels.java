package org.povertyalleviation.devstack;

/** The national registration file's words for the demo data's codes, as a county clerk's file has them. */
final class DemoLabels {

    static final String[] EDUCATION = {"小学", "小学", "初中", "初中", "高中", "文盲或半文盲", "中专"};

    private DemoLabels() {
    }

    static String relation(String code) {
        return switch (code) {
            case "HEAD" -> "户主";
            case "SPOUSE" -> "配偶";
            case "CHILD" -> "之子";
            case "PARENT" -> "之父";
            case "GRANDCHILD" -> "之孙子";
            default -> "其他";
        };
    }

    static String labour(String code) {
        return switch (code) {
            case "FULL" -> "有劳动力";
            case "PARTIAL" -> "弱劳动力或半劳动力";
            default -> "丧失劳动力";
        };
    }

    static String cause(String code) {
        return switch (code) {
            case "ILLNESS" -> "因病";
            case "DISABILITY" -> "因残";
            case "LACK_OF_EDUCATION" -> "因学";
            case "LACK_OF_SKILLS" -> "缺技术";
            case "LACK_OF_LABOUR" -> "缺劳力";
            case "LACK_OF_FUNDS" -> "缺资金";
            case "LACK_OF_LAND" -> "缺土地";
            case "LACK_OF_WATER" -> "缺水";
            case "NATURAL_DISASTER" -> "因灾";
            case "POOR_TRANSPORT" -> "交通条件落后";
            default -> "其他";
        };
    }
}
