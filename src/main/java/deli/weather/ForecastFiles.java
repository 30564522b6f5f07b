package deli.weather;

import deli.core.DeliException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The forecast documents the fixture server serves: the {@code .txt} files of a folder, read
 * at each request (so an edited file is served at once), or the samples built into deli for
 * the chapter's 13 zones. Reads block: call them on the blocking-I/O dispatcher.
 */
public interface ForecastFiles {
  /** The document {@code name} ({@code anz531.txt}), or empty when there is none. */
  Optional<byte[]> read(String name);

  /** How many documents there are, for the start-up line. */
  int count();

  /** What the files are, for the start-up line. */
  String describe();

  /** The {@code .txt} files of {@code dir}. */
  static ForecastFiles in(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new DeliException(
          Files.exists(dir) ? dir + " is not a folder" : "no folder " + dir + " (give a folder of forecast .txt files)");
    }
    return new ForecastFiles() {
      @Override
      public Optional<byte[]> read(String name) {
        try {
          return Optional.of(Files.readAllBytes(dir.resolve(name)));
        } catch (NoSuchFileException e) {
          return Optional.empty();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }

      @Override
      public int count() {
        try (Stream<Path> files = Files.list(dir)) {
          return (int) files.filter(p -> p.getFileName().toString().endsWith(".txt")).count();
        } catch (IOException e) {
          throw new DeliException("cannot list " + dir + ": " + e.getMessage());
        }
      }

      @Override
      public String describe() {
        return dir.toString();
      }
    };
  }

  /** The sample forecasts built into deli, one for each of the chapter's 13 zones. */
  static ForecastFiles samples() {
    List<String> names = Zones.CHESAPEAKE_BAY.stream().map(z -> z.code().toLowerCase(java.util.Locale.ROOT) + ".txt").toList();
    return new ForecastFiles() {
      @Override
      public Optional<byte[]> read(String name) {
        if (!names.contains(name)) {
          return Optional.empty();
        }
        try (InputStream in = ForecastFiles.class.getResourceAsStream("/deli/weather/samples/" + name)) {
          return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }

      @Override
      public int count() {
        return names.size();
      }

      @Override
      public String describe() {
        return "deli's samples";
      }
    };
  }
}
