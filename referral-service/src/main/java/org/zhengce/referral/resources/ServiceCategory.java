package org.zhengce.referral.resources;

import java.util.List;

/** A category of the service menu (e.g. {@code medical} 医疗健康) with its items, in menu order. */
public record ServiceCategory(String code, String nameZh, String nameEn, List<ServiceItem> items) {

    public ServiceCategory {
        items = List.copyOf(items);
    }
}
