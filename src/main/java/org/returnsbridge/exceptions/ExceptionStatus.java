package org.returnsbridge.exceptions;

/** OPEN waits for a fix or a replay; RESOLVED when a later attempt succeeded; IGNORED by a person. */
public enum ExceptionStatus { OPEN, REPLAYING, RESOLVED, IGNORED }
