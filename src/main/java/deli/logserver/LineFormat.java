package deli.logserver;

import java.util.Map;

/** How a decoded record becomes one line of the output file (without its newline). */
interface LineFormat {
  void write(Map<?, ?> record, LineBuffer out);
}
