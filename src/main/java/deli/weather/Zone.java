package deli.weather;

import deli.core.CborSerializable;
import java.util.Locale;

/**
 * A marine forecast zone, the chapter's {@code Zone} named tuple.
 *
 * @param name the zone's name, printed before its advisory
 * @param code the zone code (UGC), such as {@code ANZ531}; its forecast is {@code <code lowercased>.txt}
 * @param sameCode the Specific Area Message Encoding code, such as {@code 073531} (may be empty)
 */
public record Zone(String name, String code, String sameCode) implements CborSerializable {

  /** The forecast's address under {@code baseUrl}: the chapter's {@code forecast_url}. */
  public String url(String baseUrl) {
    return baseUrl + "/" + code.toLowerCase(Locale.ROOT) + ".txt";
  }
}
