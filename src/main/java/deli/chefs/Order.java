package deli.chefs;

import deli.core.CborSerializable;

/** One order at the desk: its place in the list (orders may share a name) and the sandwich. */
public record Order(int number, String name) implements CborSerializable {}
