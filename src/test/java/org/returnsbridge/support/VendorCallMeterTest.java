package org.returnsbridge.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Operation and status labels stay few: ids never reach a label, statuses fold into classes. */
class VendorCallMeterTest {

    @ParameterizedTest
    @CsvSource({
            "https://api.mysitoo.com/v2/accounts/90316/sites/1/warehousetransactions.json, warehousetransactions",
            "https://api.mysitoo.com/v2/accounts/90316/sites/1/products.json?sku=10038-1, products",
            "https://api.mysitoo.com/v2/accounts/90316/orders.json, orders",
            "http://127.0.0.1:8089/api/v1/returns/4e26a1c0-9b0c-4f51-8d4e-0a1b2c3d4e5f, returns",
            "http://127.0.0.1:8089/api/v1/returns, returns",
            "http://127.0.0.1:8089/, root",
    })
    void theResourceIsTheLastSegmentThatIsNotAnId(String url, String resource) {
        assertThat(VendorCallMeter.resource(url)).isEqualTo(resource);
    }

    @ParameterizedTest
    @CsvSource({"200, 2xx", "201, 2xx", "404, 4xx", "429, 429", "503, 5xx", "0, none"})
    void statusesFoldIntoClassesWith429OnItsOwn(int status, String statusClass) {
        assertThat(VendorCallMeter.statusClass(status)).isEqualTo(statusClass);
    }
}
