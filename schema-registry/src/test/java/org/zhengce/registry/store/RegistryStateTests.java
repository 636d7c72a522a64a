package org.zhengce.registry.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.zhengce.registry.store.RegistryEvent.MaxIdNoted;
import org.zhengce.registry.store.RegistryEvent.SchemaVersionErased;
import org.zhengce.registry.store.RegistryEvent.SchemaVersionSaved;
import org.zhengce.registry.store.RegistryEvent.SubjectSoftDeleted;

class RegistryStateTests {

    private final RegistryState state = new RegistryState();

    @Test
    void subjectSoftDeleteMarksVersionsUpToTheWatermarkOnly() {
        state.apply(saved("s", 1, 1));
        state.apply(saved("s", 2, 2));
        state.apply(new SubjectSoftDeleted("s", 1));

        assertThat(state.versions("s")).extracting(SchemaVersion::deleted).containsExactly(true, false);
    }

    @Test
    void idStaysResolvableUntilItsLastVersionIsErased() {
        state.apply(saved("a", 1, 5));
        state.apply(saved("b", 1, 5));

        state.apply(new SchemaVersionErased("a", 1));
        assertThat(state.versionsWithId(5)).extracting(SchemaVersion::subject).containsExactly("b");
        assertThat(state.idOf("\"schema-5\"")).hasValue(5);

        state.apply(new SchemaVersionErased("b", 1));
        assertThat(state.versionsWithId(5)).isEmpty();
        assertThat(state.idOf("\"schema-5\"")).isEmpty();
        assertThat(state.subjects()).isEmpty();
    }

    @Test
    void maxIdNeverGoesDown() {
        state.apply(new MaxIdNoted(9));
        state.apply(saved("a", 1, 3));
        state.apply(new SchemaVersionErased("a", 1));

        assertThat(state.maxId()).isEqualTo(9);
    }

    private static SchemaVersionSaved saved(String subject, int version, int id) {
        return new SchemaVersionSaved(new SchemaVersion(subject, version, id, "\"schema-" + id + "\"", false));
    }
}
