package org.zhengce.referral.jurisdictions;

/** A supervisor of one street (9-digit code) or one district (6-digit code). */
public record Supervisor(String id, String name, String jurisdictionCode) {}
