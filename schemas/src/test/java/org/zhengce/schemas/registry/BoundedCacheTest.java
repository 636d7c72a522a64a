package org.zhengce.schemas.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BoundedCacheTest {

    final List<String> loads = new ArrayList<>();
    final BoundedCache<String, Integer> cache = new BoundedCache<>(2);

    Integer load(String key) {
        loads.add(key);
        return key.length();
    }

    @Test
    void loadedValueIsServedWithoutLoadingAgain() {
        assertThat(cache.get("abc", this::load)).isEqualTo(3);
        assertThat(cache.get("abc", this::load)).isEqualTo(3);

        assertThat(loads).containsExactly("abc");
    }

    @Test
    void entriesBeyondCapacityAreDroppedAndLoadedAgain() {
        for (String key : List.of("a", "bb", "ccc")) {
            cache.get(key, this::load);
        }
        for (String key : List.of("a", "bb", "ccc")) {
            cache.get(key, this::load);
        }

        assertThat(loads).hasSizeGreaterThan(3);
    }

    @Test
    void failedLoadIsNotKept() {
        assertThatThrownBy(() -> cache.get("abc", key -> {
                    throw new IllegalStateException("registry said no");
                }))
                .hasMessage("registry said no");

        assertThat(cache.get("abc", this::load)).isEqualTo(3);
        assertThat(loads).containsExactly("abc");
    }
}
