package org.zhengce.referral.resources;

/**
 * One item of the service menu, e.g. {@code medical.escort} 就医陪诊.
 *
 * @param code {@code <category>.<item>}, lower case
 * @param categoryCode the code of its category (the code's prefix before the dot)
 */
public record ServiceItem(String code, String nameZh, String nameEn, String categoryCode) {}
