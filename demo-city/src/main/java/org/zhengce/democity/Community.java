package org.zhengce.democity;

import java.util.List;

/**
 * A community (村/居委会) of the demo city, with its street (街道): Chaoyang district (110105) of Beijing, as referral's
 * {@code demo-city/jurisdictions.yaml} (the one organisation structure, which intake reads) lists them.
 *
 * @param weight its share of the city's households, in percent
 */
public record Community(String code, String street, String name, int weight) {

    /** The six communities, in code order. Weights: the older, denser 建外 compounds a little larger. */
    public static final List<Community> DEMO = List.of(
            new Community("110105001001", "建外街道", "永安里社区", 20),
            new Community("110105001002", "建外街道", "建国里社区", 18),
            new Community("110105001003", "建外街道", "光华里社区", 16),
            new Community("110105002001", "朝外街道", "吉祥里社区", 17),
            new Community("110105002002", "朝外街道", "芳草地社区", 16),
            new Community("110105002003", "朝外街道", "雅宝里社区", 13));
}
