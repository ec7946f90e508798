package org.returnsbridge.admin;

import java.io.InputStream;

import org.jolokia.server.core.restrictor.policy.PolicyRestrictor;

/**
 * Jolokia's access policy: the standard policy file {@value #POLICY} (read it for what is allowed), loaded
 * from the bridge's own classpath. Jolokia is told to use this class ({@code restrictorClass} in
 * application.yml) instead of looking the file up itself, because Jolokia's own lookup silently allows
 * everything when the file is missing; this class refuses to start Jolokia instead.
 */
public final class JolokiaAccessPolicy extends PolicyRestrictor {

    static final String POLICY = "/jolokia-access.xml";

    public JolokiaAccessPolicy() {
        super(policy());
    }

    private static InputStream policy() {
        InputStream policy = JolokiaAccessPolicy.class.getResourceAsStream(POLICY);
        if (policy == null) {
            throw new IllegalStateException("Jolokia's access policy " + POLICY + " is not on the classpath:"
                    + " refusing to serve Jolokia without it");
        }
        return policy;
    }
}
