package org.returnsbridge.sandbox;

import java.time.Instant;

/**
 * One element of a Reveni list page, already serialized. Raw planted elements have no parseable id or
 * status, so the sort key and the status used for filtering are kept beside the text.
 *
 * @param status null when unknown (raw text that is not a return): such elements pass every status filter
 */
record ListedResult(Instant updatedAt, String sortId, String status, String json) {
}
