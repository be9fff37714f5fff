package org.povertyalleviation.bench.portal;

import java.util.List;

/**
 * A page of the portal as the benchmark visits it.
 *
 * @param name     how the report names it
 * @param path     its path below the portal's origin
 * @param user     who signs in to see it
 * @param content  what must be in the page without JavaScript besides a non-empty {@code <h1>}: CSS selectors of its
 *                 figures and tables (a table is counted by its body's rows)
 */
record PortalPage(String name, String path, String user, List<String> content) {
}
