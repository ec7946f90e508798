package org.returnsbridge.reveni;

/** A resolved, validated Reveni account: base URL (ending before /stores), API key and store id. */
public record ReveniConnection(String baseUrl, String apiKey, String storeId) {

    public String returnsUrl() {
        return baseUrl + "/stores/" + storeId + "/returns";
    }

    @Override
    public String toString() { // never print the key
        return "ReveniConnection[baseUrl=" + baseUrl + ", storeId=" + storeId + "]";
    }
}
