package org.returnsbridge.sitoo;

/** The Sitoo gateway routes by operation family, each reached through Camel's bean proxy. */
public record SitooGateway(SitooCall stockIns, SitooCall orders, SitooCall products, SitooCall warehouses) {}
