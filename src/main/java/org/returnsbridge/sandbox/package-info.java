/**
 * The sandbox: a stateful, in-memory fake of both vendor APIs (Reveni and Sitoo) on one real HTTP port,
 * built on the JDK's HTTP server only, so it runs identically embedded in the bridge's demo mode, in tests,
 * and as its own process ({@link org.returnsbridge.sandbox.SandboxMain}).
 *
 * <p>Where to look:
 * <ul>
 *   <li>Start/stop and URLs: {@link org.returnsbridge.sandbox.SandboxServer}, {@link org.returnsbridge.sandbox.SandboxSettings}.</li>
 *   <li>Fake Reveni: {@code ReveniSandboxApi} (HTTP), {@code ReveniReturnPage} (paging), {@code ReveniStore} (state).</li>
 *   <li>Fake Sitoo: {@code SitooSandboxApi} (HTTP, reads), {@code SitooTransactionPost}, {@code SitooOrderPost}
 *       (writes), {@code SitooLists} (start/num/sort/fields), {@code SitooStore} (state).</li>
 *   <li>Test and demo control under {@code /sandbox}: {@code SandboxAdminApi}, {@code ReveniAdmin}, {@code SitooAdmin}.</li>
 *   <li>Misbehaviour: {@code FaultSettings}, {@code FaultInjector}, applied by {@code VendorEndpoint}.</li>
 *   <li>Reveni's webhooks: {@code WebhookSender} (signed POSTs per return change, retries, per-URL order),
 *       {@code WebhookEvent}, {@code WebhookSignature}, {@code WebhookFaults}, {@code WebhookDeliveryLog}.</li>
 *   <li>The demo's moving world: {@code ReturnsTrickle}, {@code TrickleReturnFactory}, {@code TrickleLifecycle};
 *       the fixed world: {@code DefaultSeed}.</li>
 * </ul>
 * Nothing here depends on Spring or Camel; the bridge only uses the public classes above.
 */
package org.returnsbridge.sandbox;
