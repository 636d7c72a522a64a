package org.zhengce.referral.jurisdictions;

import java.util.Optional;

/** The four levels of jurisdiction, each with its code length (statistical division codes). */
public enum JurisdictionLevel {
    /** 市 city, 4 digits (e.g. 1101). */
    CITY(4),
    /** 区 district, 6 digits (e.g. 110105). */
    DISTRICT(6),
    /** 街道/镇 street or town, 9 digits (e.g. 110105001). */
    STREET(9),
    /** 社区/村 community or village, 12 digits (e.g. 110105001001). */
    COMMUNITY(12);

    private final int codeLength;

    JurisdictionLevel(int codeLength) {
        this.codeLength = codeLength;
    }

    public int codeLength() {
        return codeLength;
    }

    /** The level a code of digits names by its length, if any. */
    public static Optional<JurisdictionLevel> ofCode(String code) {
        if (!code.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        for (JurisdictionLevel level : values()) {
            if (level.codeLength == code.length()) {
                return Optional.of(level);
            }
        }
        return Optional.empty();
    }

    /** The code of the enclosing jurisdiction at {@code level} (the code's prefix), e.g. a community's street. */
    public static String ancestor(String code, JurisdictionLevel level) {
        return code.length() < level.codeLength ? code : code.substring(0, level.codeLength);
    }
}
