package deli.weather;

import deli.core.CborSerializable;
import deli.trace.Traced;

/** What the weather programs tell their listener: a console, a watch, the node's service. */
public interface WeatherEvent extends CborSerializable, Traced {}
