package org.zhengce.referral.resources;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.core.io.Resource;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The service menu (服务菜单): the categories and items of help a visit records as needs and an organisation
 * offers, as Lichuan's 8 categories and 31 items. Read once at start-up from a versioned YAML file
 * ({@code referral.service-menu.location}); immutable.
 */
public final class ServiceMenu {

    private static final Pattern CATEGORY = Pattern.compile("[a-z][a-z0-9-]{0,39}");
    private static final Pattern ITEM = Pattern.compile("[a-z][a-z0-9-]{0,39}\\.[a-z][a-z0-9-]{0,59}");

    private final String version;
    private final List<ServiceCategory> categories;
    private final Map<String, ServiceItem> items;

    private ServiceMenu(String version, List<ServiceCategory> categories) {
        this.version = version;
        this.categories = List.copyOf(categories);
        Map<String, ServiceItem> byCode = new LinkedHashMap<>();
        categories.forEach(category -> category.items().forEach(item -> byCode.put(item.code(), item)));
        this.items = java.util.Collections.unmodifiableMap(byCode);
    }

    /** The file's version (e.g. {@code 2026-12-01.1}). */
    public String version() {
        return version;
    }

    /** The categories in menu order, each with its items. */
    public List<ServiceCategory> categories() {
        return categories;
    }

    public Optional<ServiceItem> item(String code) {
        return Optional.ofNullable(items.get(code));
    }

    public boolean has(String code) {
        return items.containsKey(code);
    }

    /** Every item code, in menu order. */
    public List<String> itemCodes() {
        return List.copyOf(items.keySet());
    }

    /**
     * Reads and checks a menu file: a version, categories with unique lower-case codes and both names, items coded
     * {@code <category>.<item>} under their category, each code once.
     *
     * @throws IllegalStateException naming the file and what is wrong
     */
    public static ServiceMenu load(Resource resource) {
        String where = "referral.service-menu.location: " + resource.getDescription();
        MenuFile file;
        try (InputStream in = resource.getInputStream()) {
            file = YAMLMapper.builder()
                    .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .build()
                    .readValue(in, MenuFile.class);
        } catch (IOException | JacksonException e) {
            throw new IllegalStateException(where + " cannot be read: " + e.getMessage(), e);
        }
        return of(where, file);
    }

    static ServiceMenu of(String where, MenuFile file) {
        if (file.version() == null || file.version().isBlank()) {
            throw new IllegalStateException(where + ": version is missing");
        }
        if (file.categories() == null || file.categories().isEmpty()) {
            throw new IllegalStateException(where + ": no categories");
        }
        List<ServiceCategory> categories = new ArrayList<>();
        Map<String, String> seen = new LinkedHashMap<>();
        for (MenuFile.Category category : file.categories()) {
            String code = category.code() == null ? "" : category.code();
            if (!CATEGORY.matcher(code).matches()) {
                throw new IllegalStateException(
                        where + ": category code '" + code + "' must be lower case, e.g. medical");
            }
            names(where, "category " + code, category.nameZh(), category.nameEn());
            if (seen.put(code, code) != null) {
                throw new IllegalStateException(where + ": category " + code + " appears twice");
            }
            if (category.items() == null || category.items().isEmpty()) {
                throw new IllegalStateException(where + ": category " + code + " has no items");
            }
            List<ServiceItem> items = new ArrayList<>();
            for (MenuFile.Item item : category.items()) {
                String itemCode = item.code() == null ? "" : item.code();
                if (!ITEM.matcher(itemCode).matches() || !itemCode.startsWith(code + ".")) {
                    throw new IllegalStateException(where + ": item code '" + itemCode + "' of category " + code
                            + " must be " + code + ".<item>, lower case");
                }
                names(where, "item " + itemCode, item.nameZh(), item.nameEn());
                if (seen.put(itemCode, itemCode) != null) {
                    throw new IllegalStateException(where + ": item " + itemCode + " appears twice");
                }
                items.add(new ServiceItem(
                        itemCode, item.nameZh().strip(), item.nameEn().strip(), code));
            }
            categories.add(new ServiceCategory(
                    code, category.nameZh().strip(), category.nameEn().strip(), items));
        }
        return new ServiceMenu(file.version(), categories);
    }

    private static void names(String where, String what, @Nullable String zh, @Nullable String en) {
        if (zh == null || zh.isBlank() || en == null || en.isBlank()) {
            throw new IllegalStateException(where + ": " + what + " needs nameZh and nameEn");
        }
    }

    /** The file as written. */
    record MenuFile(@Nullable String version, @Nullable List<Category> categories) {

        record Category(
                @Nullable String code,
                @Nullable String nameZh,
                @Nullable String nameEn,
                @Nullable List<Item> items) {}

        record Item(
                @Nullable String code,
                @Nullable String nameZh,
                @Nullable String nameEn) {}
    }
}
