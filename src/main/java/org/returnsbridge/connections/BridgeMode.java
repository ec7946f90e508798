package org.returnsbridge.connections;

/** SANDBOX: the built-in vendor simulation; LIVE: the configured Reveni and Sitoo accounts. */
public enum BridgeMode { SANDBOX, LIVE }
