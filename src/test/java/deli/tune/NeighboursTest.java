package deli.tune;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link Neighbours} against the book's k-NN written out plainly: every distance computed, the
 * whole list sorted by (distance, features, label), then a vote per k. It guards the shortcuts
 * (the bounded insertion, ED's sum-of-squares filter) on data where they could go wrong: many
 * ties, and values near the ends of the double range.
 */
class NeighboursTest {
  static final int[] KS = {1, 2, 3, 5, 8, 13};

  /** The plain k-NN: how many testing samples each k classifies right. */
  static int[] plain(Dataset data, Distance distance, int[] ks) {
    Dataset.Samples train = data.training();
    Dataset.Samples test = data.testing();
    int n = data.features();
    int[] correct = new int[ks.length];
    for (int t = 0; t < test.size(); t++) {
      List<double[]> pairs = new ArrayList<>(); // {distance, index}
      for (int i = 0; i < train.size(); i++) {
        pairs.add(new double[] {distance.between(train.x, i * n, test.x, t * n, n, new double[n]), i});
      }
      Comparator<double[]> order =
          (p, q) -> {
            if (p[0] != q[0]) {
              return Double.compare(p[0], q[0]);
            }
            int i = (int) p[1];
            int j = (int) q[1];
            for (int f = 0; f < n; f++) {
              if (train.x[i * n + f] != train.x[j * n + f]) {
                return Double.compare(train.x[i * n + f], train.x[j * n + f]);
              }
            }
            return Integer.compare(train.label[i], train.label[j]);
          };
      pairs.sort(order);
      for (int ki = 0; ki < ks.length; ki++) {
        Map<Integer, Integer> votes = new LinkedHashMap<>();
        for (int r = 0; r < ks[ki]; r++) {
          votes.merge(train.label[(int) pairs.get(r)[1]], 1, Integer::sum);
        }
        int best = -1;
        int bestVotes = 0;
        for (Map.Entry<Integer, Integer> e : votes.entrySet()) {
          if (e.getValue() > bestVotes) {
            best = e.getKey();
            bestVotes = e.getValue();
          }
        }
        if (best == test.label[t]) {
          correct[ki]++;
        }
      }
    }
    return correct;
  }

  static Dataset data(Random random, int rows, int features, int labels, double scale, boolean integers) {
    StringBuilder csv = new StringBuilder();
    for (int r = 0; r < rows; r++) {
      for (int f = 0; f < features; f++) {
        double v = integers ? random.nextInt(4) : random.nextDouble();
        csv.append(Double.toString(v * scale + (integers ? 1 : 0) * scale)).append(',');
      }
      csv.append("L").append(random.nextInt(labels)).append('\n');
    }
    return DataFile.parse("random", csv.toString().getBytes(StandardCharsets.UTF_8), 4);
  }

  @Test
  void everyDistanceEqualsThePlainSortOnTiesAndOnTheEdgesOfTheDoubleRange() {
    Random random = new Random(11);
    for (int round = 0; round < 40; round++) {
      boolean integers = round % 2 == 0;
      double scale = new double[] {1, 1e-160, 1e150, 3.5}[round % 4];
      Dataset data = data(random, 60 + random.nextInt(60), 1 + random.nextInt(6), 2 + random.nextInt(3), scale, integers);
      for (Distance d : Distance.values()) {
        assertArrayEquals(
            plain(data, d, KS),
            new Neighbours(data, d, KS).score(0, data.testing().size()),
            d + " round " + round + " scale " + scale + (integers ? " with ties" : ""));
      }
    }
  }

  @Test
  void integerDataIsScoredInIntsAndEqualsThePlainSort() {
    Random random = new Random(5);
    for (int round = 0; round < 40; round++) {
      int features = 1 + random.nextInt(8);
      // Spreads whose sums fit ints (the int path), and the largest, 2^15, where with 2 features or
      // more n x (2 max)^2 passes 2^31 (the double path). Sorensen's denominators stay positive.
      int spread = new int[] {2, 16, 8000, 32768}[round % 4];
      boolean signed = round % 3 != 0;
      StringBuilder csv = new StringBuilder();
      int rows = 40 + random.nextInt(60);
      for (int r = 0; r < rows; r++) {
        for (int f = 0; f < features; f++) {
          int v = signed ? random.nextInt(2 * spread + 1) - spread : 1 + random.nextInt(spread);
          csv.append(signed && v == 0 && random.nextBoolean() ? "-0.0" : Integer.toString(v)).append(',');
        }
        csv.append("L").append(random.nextInt(3)).append('\n');
      }
      Dataset data = DataFile.parse("ints", csv.toString().getBytes(StandardCharsets.UTF_8), 4);
      for (Distance d : Distance.values()) {
        if (d == Distance.SD && signed) {
          continue;
        }
        Neighbours scorer = new Neighbours(data, d, KS);
        long most = 2L * spread;
        assertEquals(features * most * most < Integer.MAX_VALUE, scorer.inInts(), "round " + round);
        assertArrayEquals(plain(data, d, KS), scorer.score(0, data.testing().size()), d + " round " + round + " spread " + spread);
      }
    }
  }

  @Test
  void aSorensenSumOfZeroNamesTheSameLinesInIntsAsInDoubles() {
    String ints = "1,2,A\n-1,-2,B\n5,5,A\n-1,-2,A\n";
    String halves = "0.5,1.5,A\n-0.5,-1.5,B\n5,5,A\n-0.5,-1.5,A\n";
    for (String csv : List.of(ints, halves)) {
      Dataset data = DataFile.parse("z.csv", csv.getBytes(StandardCharsets.UTF_8), 4);
      Neighbours scorer = new Neighbours(data, Distance.SD, new int[] {1});
      assertEquals(csv.equals(ints), scorer.inInts());
      DataError e = assertThrows(DataError.class, () -> scorer.score(0, 1));
      assertEquals("z.csv:1: column 1: the Sorensen distance to line 2 divides by zero (the features of both rows add up to 0)", e.getMessage());
    }
  }
}
