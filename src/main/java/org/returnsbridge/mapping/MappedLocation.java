package org.returnsbridge.mapping;

/** A Reveni return location and the Sitoo warehouse its goods go back into. */
public record MappedLocation(String locationId, int warehouseId, String description, int line) {}
