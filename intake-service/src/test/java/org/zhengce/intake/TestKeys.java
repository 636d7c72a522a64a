package org.zhengce.intake;

/** Fixed keys for tests (never used anywhere else): a pseudonym key, a sealing key and a digest key, 32 bytes each in Base64. */
public final class TestKeys {

    /** 32 bytes 0x01..0x20. */
    public static final String PSEUDONYM_KEY = "AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=";
    /** 32 bytes 0x21..0x40. */
    public static final String SEALING_KEY = "ISIjJCUmJygpKissLS4vMDEyMzQ1Njc4OTo7PD0+P0A=";
    /** 32 bytes 0x41..0x60: the idempotency digest's own key. */
    public static final String DIGEST_KEY = "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVpbXF1eX2A=";

    private TestKeys() {}
}
