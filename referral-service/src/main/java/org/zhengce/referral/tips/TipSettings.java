package org.zhengce.referral.tips;

import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which tips open a case ({@code referral.tips}).
 *
 * @param caseOpeningNeeds codes of the service menu that open a case whatever the urgency (e.g. a child alone)
 */
@ConfigurationProperties("referral.tips")
record TipSettings(@DefaultValue Set<String> caseOpeningNeeds) {

    TipSettings {
        caseOpeningNeeds = Set.copyOf(caseOpeningNeeds);
    }
}
