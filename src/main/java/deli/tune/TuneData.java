package deli.tune;

import deli.core.CborSerializable;
import java.nio.charset.StandardCharsets;

/**
 * Where a job's data set comes from, as a message can name it: the Iris set every node ships
 * ({@code builtIn} = {@value DataFile#IRIS}), or CSV text sent along (cut in parts: see
 * {@link TunePool.Prepare}). Each node reads it once per job, and its workers share it.
 *
 * @param source the data's name as errors show it (a file name, {@code iris}, {@code request})
 * @param builtIn {@value DataFile#IRIS}, or null for {@code csv}
 * @param csv the rows, or null for a built-in set
 * @param testEvery row n tests when {@code n % testEvery == 0}
 */
public record TuneData(String source, String builtIn, String csv, int testEvery) implements CborSerializable {
  public static TuneData iris(int testEvery) {
    return new TuneData(DataFile.IRIS, DataFile.IRIS, null, testEvery);
  }

  public static TuneData csv(String source, String rows, int testEvery) {
    return new TuneData(source, null, rows, testEvery);
  }

  /** Reads the data set (a {@link DataError} names the line and column of what is wrong). */
  public Dataset load() {
    if (builtIn != null) {
      if (!builtIn.equals(DataFile.IRIS)) {
        throw new DataError("no data set '" + builtIn + "' (the one built in is " + DataFile.IRIS + ")");
      }
      return DataFile.iris(testEvery);
    }
    if (csv == null) {
      throw new DataError(source + ": the data of this job is held only by the node that read it");
    }
    return DataFile.parse(source, csv.getBytes(StandardCharsets.UTF_8), testEvery);
  }
}
