package deli.search;

import deli.core.CborSerializable;
import java.util.ArrayList;
import java.util.List;

/**
 * What each slice of a tree holds, known without loading it: its number of files and the
 * first few of their paths, to say which part of the tree an answer lacks. Slices interleave
 * ({@code files[i::n]}), so every slice spans the whole tree: paths tell more than directories.
 *
 * @param root the tree
 * @param files per slice, its number of files
 * @param samples per slice, its first paths in order
 */
public record SliceCatalog(String root, List<Integer> files, List<List<String>> samples) implements CborSerializable {
  /** Paths kept per slice. */
  public static final int SAMPLES = 3;

  public SliceCatalog {
    files = List.copyOf(files);
    samples = samples.stream().map(List::copyOf).toList();
  }

  /** The catalog of {@code paths} (the tree's sorted file list) split into {@code slices}. */
  public static SliceCatalog of(String root, List<String> paths, int slices) {
    List<Integer> files = new ArrayList<>(slices);
    List<List<String>> samples = new ArrayList<>(slices);
    for (int s = 0; s < slices; s++) {
      files.add(s < paths.size() ? (paths.size() - s + slices - 1) / slices : 0);
      List<String> some = new ArrayList<>(SAMPLES);
      for (int i = s; i < paths.size() && some.size() < SAMPLES; i += slices) {
        some.add(paths.get(i));
      }
      samples.add(some);
    }
    return new SliceCatalog(root, files, samples);
  }

  public int slices() {
    return files.size();
  }
}
