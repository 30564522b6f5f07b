package deli.search;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * Which directories' link counts a walk may go by to know how many subdirectories they hold: those
 * on the root's own file system, when it is one that keeps a directory's count as two more than
 * its subdirectories. GNU find trusts the count the same way (its leaf optimisation), except on
 * network, {@code /proc} and unknown file systems; so does this, by naming the ones it trusts.
 */
final class LinkCounts {
  /**
   * File systems that keep the count (btrfs, and overlay for a directory merged from layers, say 1
   * for every directory, which {@link deli.python.OsWalk#entries(String, int, java.util.function.Predicate,
   * java.util.function.Predicate)} takes as unknown).
   */
  static final Set<String> KEPT = Set.of("ext2", "ext3", "ext4", "xfs", "tmpfs", "f2fs", "btrfs", "overlay", "jfs");

  /** No directory's count is gone by: every entry is asked about. */
  static final LinkCounts NONE = new LinkCounts(null);

  // The root's device, or null when no count is gone by.
  private final Object device;

  private LinkCounts(Object device) {
    this.device = device;
  }

  /** The counts of the directories on {@code root}'s file system, when it is one of {@link #KEPT}. */
  static LinkCounts of(Path root) {
    try {
      return KEPT.contains(Files.getFileStore(root).type()) ? on(root) : NONE;
    } catch (IOException | RuntimeException e) {
      return NONE;
    }
  }

  /** The counts of the directories on {@code root}'s device, whatever its file system. */
  static LinkCounts on(Path root) {
    try {
      return new LinkCounts(Files.getAttribute(root, "unix:dev"));
    } catch (IOException | RuntimeException e) {
      return NONE;
    }
  }

  /** {@code dir}'s link count, or 0 when it tells nothing (no count gone by, another device, a failed stat). */
  int count(Path dir) {
    if (device == null) {
      return 0;
    }
    try {
      Map<String, Object> a = Files.readAttributes(dir, "unix:nlink,dev");
      return count((Integer) a.get("nlink"), a.get("dev"));
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  /** The link count {@code links} of a directory on {@code device} (as its stat told), or 0 when it tells nothing. */
  int count(int links, Object device) {
    return this.device != null && this.device.equals(device) ? links : 0;
  }
}
