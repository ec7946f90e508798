package org.returnsbridge.sitoo;

/** A resolved, validated Sitoo account: base URL including /v2/accounts/{accountid}, credentials, site. */
public record SitooConnection(String baseUrl, String apiId, String apiPassword, int siteId) {

    public String siteUrl() {
        return baseUrl + "/sites/" + siteId;
    }

    @Override
    public String toString() { // never print the password
        return "SitooConnection[baseUrl=" + baseUrl + ", apiId=" + apiId + ", siteId=" + siteId + "]";
    }
}
