package org.zhengce.schemas.registry;

import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A concurrent memo with a size bound. The first caller for a key loads it; callers asking for the
 * same key meanwhile wait for that one load instead of starting their own (no request storm).
 * Failed loads are not kept. Past the bound, an arbitrary older entry is dropped: the registry's
 * answers never change, so a dropped entry only costs one more request.
 */
final class BoundedCache<K, V> {

    private final ConcurrentHashMap<K, CompletableFuture<V>> entries = new ConcurrentHashMap<>();
    private final int capacity;

    BoundedCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("cache capacity must be positive, was " + capacity);
        }
        this.capacity = capacity;
    }

    V get(K key, Function<K, V> loader) {
        CompletableFuture<V> entry = entries.get(key);
        if (entry == null) {
            CompletableFuture<V> mine = new CompletableFuture<>();
            entry = entries.putIfAbsent(key, mine);
            if (entry == null) {
                return load(key, mine, loader);
            }
        }
        try {
            return entry.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    void put(K key, V value) {
        entries.put(key, CompletableFuture.completedFuture(value));
        evictBeyondCapacity();
    }

    private V load(K key, CompletableFuture<V> mine, Function<K, V> loader) {
        V value;
        try {
            value = loader.apply(key);
        } catch (RuntimeException | Error e) {
            entries.remove(key, mine);
            mine.completeExceptionally(e);
            throw e;
        }
        mine.complete(value);
        evictBeyondCapacity();
        return value;
    }

    private void evictBeyondCapacity() {
        Iterator<K> keys = entries.keySet().iterator();
        while (entries.size() > capacity && keys.hasNext()) {
            keys.next();
            keys.remove();
        }
    }
}
