package deli.python;

import java.util.Locale;

/**
 * The types of Python's {@code datetime} module as pickles carry them (the packed bytes of
 * {@code __reduce__}), with CPython's {@code str()} and {@code repr()}.
 */
public final class PyDatetime {
  private PyDatetime() {}

  /** {@code datetime.date}. */
  public record Date(int year, int month, int day) implements PyValue {
    /** From the 4 bytes of its pickle. */
    public static Date of(byte[] b) {
      need(b, 4, "date");
      return new Date((b[0] & 0xff) << 8 | (b[1] & 0xff), b[2] & 0xff, b[3] & 0xff);
    }

    @Override
    public String str() {
      return String.format(Locale.ROOT, "%04d-%02d-%02d", year, month, day);
    }

    @Override
    public String repr() {
      return String.format(Locale.ROOT, "datetime.date(%d, %d, %d)", year, month, day);
    }
  }

  /** {@code datetime.time}; {@code tz} is a {@link Timezone} or null. */
  public record Time(int hour, int minute, int second, int micro, boolean fold, Object tz) implements PyValue {
    /** From the 6 bytes of its pickle and its tzinfo. */
    public static Time of(byte[] b, Object tz) {
      need(b, 6, "time");
      return new Time(b[0] & 0x7f, b[1] & 0xff, b[2] & 0xff, microsOf(b, 3), (b[0] & 0x80) != 0, tz);
    }

    @Override
    public String str() {
      return clock(hour, minute, second, micro) + offset(tz);
    }

    @Override
    public String repr() {
      return withTz("datetime.time(" + hour + ", " + minute + tail(second, micro) + ")", tz, fold);
    }
  }

  /** {@code datetime.datetime}; {@code tz} is a {@link Timezone} or null. */
  public record DateTime(Date date, Time time) implements PyValue {
    /** From the 10 bytes of its pickle and its tzinfo. */
    public static DateTime of(byte[] b, Object tz) {
      need(b, 10, "datetime");
      Date d = new Date((b[0] & 0xff) << 8 | (b[1] & 0xff), b[2] & 0x7f, b[3] & 0xff);
      return new DateTime(d, new Time(b[4] & 0xff, b[5] & 0xff, b[6] & 0xff, microsOf(b, 7), (b[2] & 0x80) != 0, tz));
    }

    @Override
    public String str() {
      return date.str() + " " + time.str();
    }

    @Override
    public String repr() {
      Time t = time;
      return withTz(
          "datetime.datetime(" + date.year() + ", " + date.month() + ", " + date.day() + ", " + t.hour() + ", " + t.minute()
              + tail(t.second(), t.micro()) + ")",
          t.tz(),
          t.fold());
    }
  }

  /** {@code datetime.timedelta}, as its pickle normalises it. */
  public record TimeDelta(long days, long seconds, long micros) implements PyValue {
    @Override
    public String str() {
      String s = String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
      if (days != 0) {
        s = days + (Math.abs(days) != 1 ? " days, " : " day, ") + s;
      }
      return micros != 0 ? s + String.format(Locale.ROOT, ".%06d", micros) : s;
    }

    @Override
    public String repr() {
      StringBuilder s = new StringBuilder();
      if (days != 0) {
        s.append("days=").append(days);
      }
      if (seconds != 0) {
        s.append(s.length() > 0 ? ", " : "").append("seconds=").append(seconds);
      }
      if (micros != 0) {
        s.append(s.length() > 0 ? ", " : "").append("microseconds=").append(micros);
      }
      return "datetime.timedelta(" + (s.length() == 0 ? "0" : s) + ")";
    }

    long totalMicros() {
      return (days * 86_400 + seconds) * 1_000_000 + micros;
    }
  }

  /** {@code datetime.timezone}: a fixed offset, and the name it was given, or null. */
  public record Timezone(TimeDelta offset, String name) implements PyValue {
    @Override
    public String str() {
      if (name != null) {
        return name;
      }
      return offset.totalMicros() == 0 ? "UTC" : "UTC" + PyDatetime.offset(offset);
    }

    @Override
    public String repr() {
      if (name == null && offset.totalMicros() == 0) {
        return "datetime.timezone.utc";
      }
      return "datetime.timezone(" + offset.repr() + (name == null ? "" : ", " + PyRepr.repr(name)) + ")";
    }
  }

  private static void need(byte[] b, int n, String type) {
    if (b.length != n) {
      throw new IllegalArgumentException("a " + type + " pickles as " + n + " bytes, not " + b.length);
    }
  }

  private static int microsOf(byte[] b, int at) {
    return (b[at] & 0xff) << 16 | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff);
  }

  private static String clock(int h, int m, int s, int us) {
    String t = String.format(Locale.ROOT, "%02d:%02d:%02d", h, m, s);
    return us != 0 ? t + String.format(Locale.ROOT, ".%06d", us) : t;
  }

  private static String tail(int second, int micro) {
    return micro != 0 ? ", " + second + ", " + micro : second != 0 ? ", " + second : "";
  }

  private static String withTz(String repr, Object tz, boolean fold) {
    String s = repr;
    if (tz != null) {
      s = s.substring(0, s.length() - 1) + ", tzinfo=" + PyRepr.repr(tz) + ")";
    }
    return fold ? s.substring(0, s.length() - 1) + ", fold=1)" : s;
  }

  /** The {@code +HH:MM} that isoformat() appends for a tzinfo with a fixed offset. */
  private static String offset(Object tz) {
    return tz instanceof Timezone z ? offset(z.offset()) : "";
  }

  private static String offset(TimeDelta d) {
    long us = d.totalMicros();
    char sign = us < 0 ? '-' : '+';
    us = Math.abs(us);
    long s = us / 1_000_000;
    String out = String.format(Locale.ROOT, "%c%02d:%02d", sign, s / 3600, s / 60 % 60);
    if (s % 60 != 0 || us % 1_000_000 != 0) {
      out += String.format(Locale.ROOT, ":%02d", s % 60);
    }
    if (us % 1_000_000 != 0) {
      out += String.format(Locale.ROOT, ".%06d", us % 1_000_000);
    }
    return out;
  }
}
