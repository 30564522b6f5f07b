package deli.logserver;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Map;

/**
 * The SocketHandler wire format, written: a 4-byte big-endian length, then the record dict as
 * {@code pickle.dumps(record, 1)} writes it, byte for byte (the same opcodes, the same memo
 * puts). Values: str, int (any size), float, bool, None, list, tuple ({@code Object[]}) and
 * dict. The log client writes its records with it; the tests check it against CPython.
 */
public final class RecordPickler {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream(512);
  private int memo;

  /** One frame: the length header and the pickle of {@code record}. */
  public byte[] frame(Map<String, ?> record) {
    byte[] pickle = pickle(record);
    byte[] frame = new byte[pickle.length + 4];
    int n = pickle.length;
    frame[0] = (byte) (n >>> 24);
    frame[1] = (byte) (n >>> 16);
    frame[2] = (byte) (n >>> 8);
    frame[3] = (byte) n;
    System.arraycopy(pickle, 0, frame, 4, n);
    return frame;
  }

  /** {@code pickle.dumps(value, 1)}. */
  public byte[] pickle(Object value) {
    out.reset();
    memo = 0;
    save(value);
    out.write('.');
    return out.toByteArray();
  }

  private void save(Object v) {
    if (v == null) {
      out.write('N');
    } else if (v instanceof String s) {
      byte[] b = s.getBytes(StandardCharsets.UTF_8);
      out.write('X');
      int32(b.length);
      out.write(b, 0, b.length);
      put();
    } else if (v instanceof Boolean b) {
      out.writeBytes(b ? "I01\n".getBytes(StandardCharsets.US_ASCII) : "I00\n".getBytes(StandardCharsets.US_ASCII));
    } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
      integer(((Number) v).longValue());
    } else if (v instanceof BigInteger b) {
      if (b.bitLength() < 64) {
        integer(b.longValue());
      } else {
        out.write('L');
        out.writeBytes((b + "L\n").getBytes(StandardCharsets.US_ASCII));
      }
    } else if (v instanceof Double || v instanceof Float) {
      out.write('G');
      long bits = Double.doubleToRawLongBits(((Number) v).doubleValue());
      for (int i = 7; i >= 0; i--) {
        out.write((int) (bits >>> (8 * i)));
      }
    } else if (v instanceof Map<?, ?> map) {
      out.write('}');
      put();
      items(map);
    } else if (v instanceof Object[] tuple) {
      if (tuple.length == 0) {
        out.write(')');
        return;
      }
      out.write('(');
      for (Object o : tuple) {
        save(o);
      }
      out.write('t');
      put();
    } else if (v instanceof Collection<?> list) {
      out.write(']');
      put();
      appends(list);
    } else {
      throw new IllegalArgumentException("cannot pickle a " + v.getClass().getSimpleName() + " into a log record");
    }
  }

  /** Python's _batch_setitems: SETITEMS in batches of 1000, SETITEM for a lone item. */
  private void items(Map<?, ?> map) {
    var it = map.entrySet().iterator();
    int left = map.size();
    while (left > 0) {
      int batch = Math.min(left, 1000);
      if (batch > 1) {
        out.write('(');
      }
      for (int i = 0; i < batch; i++) {
        var e = it.next();
        save(e.getKey());
        save(e.getValue());
      }
      out.write(batch > 1 ? 'u' : 's');
      left -= batch;
    }
  }

  private void appends(Collection<?> list) {
    var it = list.iterator();
    int left = list.size();
    while (left > 0) {
      int batch = Math.min(left, 1000);
      if (batch > 1) {
        out.write('(');
      }
      for (int i = 0; i < batch; i++) {
        save(it.next());
      }
      out.write(batch > 1 ? 'e' : 'a');
      left -= batch;
    }
  }

  /** Python's save_long for protocol 1: BININT1, BININT2, BININT, else LONG as text. */
  private void integer(long v) {
    if (v >= 0 && v <= 0xff) {
      out.write('K');
      out.write((int) v);
    } else if (v >= 0 && v <= 0xffff) {
      out.write('M');
      out.write((int) v);
      out.write((int) (v >>> 8));
    } else if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
      out.write('J');
      int32((int) v);
    } else {
      out.write('L');
      out.writeBytes((v + "L\n").getBytes(StandardCharsets.US_ASCII));
    }
  }

  private void put() {
    if (memo < 256) {
      out.write('q');
      out.write(memo);
    } else {
      out.write('r');
      int32(memo);
    }
    memo++;
  }

  private void int32(int v) {
    out.write(v);
    out.write(v >>> 8);
    out.write(v >>> 16);
    out.write(v >>> 24);
  }
}
