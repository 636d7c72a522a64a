package org.zhengce.benchmarks.profile;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The profiles of a run, as a section of the report: per case, the shares of its samples by library and by frame. */
public final class ProfileTable {

    private static final int LIBRARIES = 8;
    private static final int FRAMES = 8;

    private record Profile(String caseName, Path file, Hotspots hotspots) {}

    private final List<Profile> profiles = new ArrayList<>();

    synchronized void add(String caseName, Path file, Hotspots hotspots) {
        profiles.add(new Profile(caseName, file, hotspots));
    }

    /** No section when no case was profiled. */
    public synchronized boolean isEmpty() {
        return profiles.isEmpty();
    }

    /** The section: one row per case. */
    public synchronized String toMarkdown() {
        StringBuilder out = new StringBuilder();
        out.append("\n### Where the time goes: execution samples per case (JDK Flight Recorder)\n\n");
        out.append("| Case | Samples | By library (first frame that is not the JDK's) | Our hottest frames (first"
                + " org.zhengce frame from the top) | Hottest leaf methods |\n");
        out.append("|---|---:|---|---|---|\n");
        for (Profile profile : profiles) {
            Hotspots hotspots = profile.hotspots();
            out.append(String.format(
                    Locale.ROOT,
                    "| %s | %,d | %s | %s | %s |%n",
                    profile.caseName(),
                    hotspots.samples(),
                    shares(hotspots.byLibrary(), LIBRARIES, hotspots.samples()),
                    shares(hotspots.byOurFrame(), FRAMES, hotspots.samples()),
                    shares(hotspots.byLeaf(), FRAMES, hotspots.samples())));
        }
        out.append("\nEach case ran under a recording with the JDK's `profile` settings (a sample every 10 ms of each"
                + " running Java thread; native code such as RocksDB's counts for the Java frame that called it). A"
                + " case's recording covers both its sides and the in-process broker, so a share is of everything"
                + " the JVM did while the case ran. The recordings are kept for `jfr print` or JDK Mission Control: ");
        out.append(profiles.isEmpty() ? "" : "`" + profiles.get(0).file().getParent() + "`");
        out.append(".\n");
        return out.toString();
    }

    static String shares(Map<String, Long> counts, int n, long samples) {
        if (counts.isEmpty() || samples == 0) {
            return "—";
        }
        List<String> shown = new ArrayList<>();
        for (Map.Entry<String, Long> entry : Hotspots.top(counts, n)) {
            shown.add(String.format(
                    Locale.ROOT, "%s %.1f%%", entry.getKey().replace("|", "\\|"), 100.0 * entry.getValue() / samples));
        }
        return String.join("<br>", shown);
    }
}
