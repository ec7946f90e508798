package org.returnsbridge;

/**
 * IMMEDIATE: each line's stock-in goes to Sitoo as soon as the line is decided (shelves in parity, more
 * calls at peaks). INTERVAL: lines are queued per warehouse and sent together when the window closes or
 * the batch is full (one Sitoo call for many lines).
 */
public enum SyncMode { IMMEDIATE, INTERVAL }
