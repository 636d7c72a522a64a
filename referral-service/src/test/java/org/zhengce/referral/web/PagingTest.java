package org.zhengce.referral.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.web.ErrorResponseException;

/** Pages, cursors and If-Match, without a server. */
class PagingTest {

    @Test
    void withoutALimitAPageIsFiftyAndOutside1To200IsRefusedNamingLimit() {
        assertThat(PageRequest.of(null, null).limit()).isEqualTo(50);
        assertThat(PageRequest.of("200", null).limit()).isEqualTo(200);
        for (String bad : List.of("0", "201", "-3", "ten")) {
            assertThatThrownBy(() -> PageRequest.of(bad, null))
                    .isInstanceOfSatisfying(
                            ErrorResponseException.class,
                            e -> assertThat(e.getBody().getProperties()).containsEntry("field", "limit"));
        }
    }

    @Test
    void theNextPageStartsAfterTheLastItemAndAForeignCursorIsRefusedNamingCursor() {
        PageRequest first = PageRequest.of("2", null);
        Page<String> page = first.page(List.of("a", "b", "c"), item -> List.of(item, item.toUpperCase()));
        assertThat(page.items()).containsExactly("a", "b");
        List<String> after = PageRequest.of("2", page.next()).after(parts -> parts);
        assertThat(after).containsExactly("b", "B");
        assertThat(first.page(List.of("a", "b"), item -> List.of(item)).next()).isNull();
        List<String> none = first.after(parts -> parts);
        assertThat(none).isNull();
        assertThatThrownBy(() -> PageRequest.of(null, "%%%").after(parts -> Integer.parseInt(parts.get(0))))
                .isInstanceOfSatisfying(
                        ErrorResponseException.class,
                        e -> assertThat(e.getBody().getProperties()).containsEntry("field", "cursor"));
    }

    @Test
    void theLinkKeepsThePathAndQueryAndReplacesTheCursor() {
        assertThat(Page.nextUri(URI.create("/cases?community=110105001001&limit=2&cursor=old"), "new"))
                .isEqualTo("/cases?community=110105001001&limit=2&cursor=new");
        assertThat(Page.nextUri(URI.create("/worklist"), "abc")).isEqualTo("/worklist?cursor=abc");
    }

    @Test
    void ifMatchNamesTheVersionsAChangeWasMadeOn() {
        assertThat(IfMatch.of(null).matches(7)).isTrue();
        assertThat(IfMatch.of("*").matches(7)).isTrue();
        assertThat(IfMatch.of("\"7\"").matches(7)).isTrue();
        assertThat(IfMatch.of("\"6\", \"7\"").matches(7)).isTrue();
        assertThat(IfMatch.of("\"6\"").matches(7)).isFalse();
        assertThat(IfMatch.of("W/\"7\"").matches(7)).as("weak tags never match").isFalse();
    }
}
