package org.zhengce.benchmarks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What several cases share and is costly to start (intake with its database), started by the first case that asks
 * for it and closed once, newest first, when the run ends (before the broker and registry stop).
 */
public final class Fixtures implements AutoCloseable {

    /** Starts a fixture. */
    @FunctionalInterface
    public interface Starter<T> {
        T start() throws Exception;
    }

    private final Map<Class<?>, AutoCloseable> started = new LinkedHashMap<>();

    /** The fixture of {@code type}, started with {@code starter} if no case has asked for it yet. */
    public synchronized <T extends AutoCloseable> T get(Class<T> type, Starter<T> starter) throws Exception {
        AutoCloseable running = started.get(type);
        if (running == null) {
            running = starter.start();
            started.put(type, running);
        }
        return type.cast(running);
    }

    /** Closes every started fixture, newest first; the first failure is thrown with the others suppressed. */
    @Override
    public synchronized void close() throws Exception {
        List<AutoCloseable> newestFirst = new ArrayList<>(started.values());
        java.util.Collections.reverse(newestFirst);
        started.clear();
        Exception failure = null;
        for (AutoCloseable fixture : newestFirst) {
            try {
                fixture.close();
            } catch (Exception e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
