package org.zhengce.scoring.model;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The fact types one model version reads, numbered once when the model is compiled, and the fields it reads of each,
 * numbered per record class (the facts of one selector share their class, so a field has one slot in all of them).
 * An evaluation then finds a fact's rows by number and a field's value by slot, with no map keyed by name per event.
 *
 * <p>Kind 0 is always {@value FactFields#MEMBER}. Built while the model is compiled, read-only after ({@link #freeze}).
 */
final class FactKinds {

    static final int MEMBER = 0;

    private final Map<String, Integer> byType = new HashMap<>();
    private final List<String> types = new ArrayList<>();
    private final List<Class<?>> classes = new ArrayList<>();
    private final Map<Class<?>, Map<String, Integer>> slotsByClass = new LinkedHashMap<>();
    private MethodHandle[][] accessorsByKind = new MethodHandle[0][];
    private boolean frozen;

    FactKinds() {
        kind(FactFields.MEMBER);
    }

    /** The number of a fact type, registering it while the model is compiled; -1 for a type the model never reads. */
    int kind(String type) {
        Integer known = byType.get(type);
        if (known != null) {
            return known;
        }
        if (frozen) {
            return -1;
        }
        Class<? extends Record> recordClass =
                FactFields.classOf(type).orElseThrow(() -> new IllegalArgumentException("unknown fact type " + type));
        byType.put(type, types.size());
        types.add(type);
        classes.add(recordClass);
        slotsByClass.computeIfAbsent(recordClass, c -> new LinkedHashMap<>());
        return types.size() - 1;
    }

    /** The slot of a field of a kind's facts, registering it while the model is compiled. */
    int slot(int kind, String field) {
        Map<String, Integer> slots = slotsByClass.get(classes.get(kind));
        Integer known = slots.get(field);
        if (known != null) {
            return known;
        }
        if (frozen) {
            throw new IllegalStateException("field " + field + " was not compiled");
        }
        if (!FactFields.of(classes.get(kind)).containsKey(field)) {
            throw new IllegalArgumentException(types.get(kind) + " has no field " + field);
        }
        slots.put(field, slots.size());
        return slots.size() - 1;
    }

    /** Ends the registration: each kind's field accessors are resolved, once. */
    void freeze() {
        accessorsByKind = new MethodHandle[types.size()][];
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        for (int kind = 0; kind < types.size(); kind++) {
            Class<?> type = classes.get(kind);
            Map<String, Integer> slots = slotsByClass.get(type);
            MethodHandle[] accessors = new MethodHandle[slots.size()];
            for (Map.Entry<String, Integer> slot : slots.entrySet()) {
                try {
                    accessors[slot.getValue()] = lookup.unreflect(FactFields.of(type)
                                    .get(slot.getKey())
                                    .component()
                                    .getAccessor())
                            .asType(MethodType.methodType(Object.class, Object.class));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("cannot read " + slot.getKey() + " of " + type.getSimpleName(), e);
                }
            }
            accessorsByKind[kind] = accessors;
        }
        frozen = true;
    }

    int count() {
        return types.size();
    }

    /** The values of the fields the model reads of a fact of {@code kind}, by slot. */
    @Nullable
    Object[] values(int kind, Record fact) {
        MethodHandle[] accessors = accessorsByKind[kind];
        Object[] values = new Object[accessors.length];
        for (int slot = 0; slot < accessors.length; slot++) {
            try {
                values[slot] = (Object) accessors[slot].invokeExact((Object) fact);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException("cannot read a field of " + types.get(kind), e);
            }
        }
        return values;
    }
}
