package deli.core;

/**
 * Marker for every message that may cross a node: bound to Jackson CBOR in reference.conf.
 */
public interface CborSerializable {}
