package org.returnsbridge.sitoo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A catalogue page is read exactly or refused whole: the warm-up never caches a guessed value. */
class CataloguePageTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aWellFormedPageYieldsEveryProductAsTheSingleLookupWouldRead() throws Exception {
        CataloguePage page = CataloguePage.read(JSON.readTree("""
                {"totalcount": 3, "items": [
                  {"productid": 12, "sku": "10038-1", "title": "Wool scarf", "active": true},
                  {"productid": 13, "sku": "10038-2", "active": false},
                  {"productid": 14, "sku": "10038-3", "title": null}]}"""), 10);

        assertThat(page.totalCount()).isEqualTo(3);
        assertThat(page.products()).containsExactly(new SitooProduct(12, "10038-1", "Wool scarf", true),
                new SitooProduct(13, "10038-2", "", false), new SitooProduct(14, "10038-3", "", true));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "[]",
            "{\"items\": []}",
            "{\"totalcount\": \"3\", \"items\": []}",
            "{\"totalcount\": -1, \"items\": []}",
            "{\"totalcount\": 1.5, \"items\": []}",
            "{\"totalcount\": 1}",
            "{\"totalcount\": 1, \"items\": {}}",
            "{\"totalcount\": 1, \"items\": [7]}",
            "{\"totalcount\": 1, \"items\": [{\"productid\": \"12\", \"sku\": \"a\"}]}",
            "{\"totalcount\": 1, \"items\": [{\"productid\": 0, \"sku\": \"a\"}]}",
            "{\"totalcount\": 1, \"items\": [{\"productid\": 12}]}",
            "{\"totalcount\": 1, \"items\": [{\"productid\": 12, \"sku\": \" \"}]}",
            "{\"totalcount\": 1, \"items\": [{\"productid\": 12, \"sku\": 12}]}",
            "{\"totalcount\": 1, \"items\": [{\"productid\": 12, \"sku\": \"a\", \"active\": \"yes\"}]}",
            "{\"totalcount\": 1, \"items\": [{\"productid\": 12, \"sku\": \"a\", \"title\": {}}]}",
            "{\"totalcount\": 3, \"items\": [{\"productid\": 1, \"sku\": \"a\"}, {\"productid\": 2, \"sku\": \"b\"},"
                    + " {\"productid\": 3, \"sku\": \"c\"}]}",
    })
    void aMalformedPageIsRefusedWhole(String answer) throws Exception {
        JsonNode page = JSON.readTree(answer);

        assertThatThrownBy(() -> CataloguePage.read(page, 2)).isInstanceOf(MalformedCataloguePageException.class)
                .hasMessageStartingWith("Sitoo's product list page is malformed: ");
    }

    @Test
    void aSkuOrTitleBeyondItsBoundIsRefused() {
        String longSku = "x".repeat(CataloguePage.MAX_SKU_LENGTH + 1);
        String longTitle = "t".repeat(CataloguePage.MAX_TITLE_LENGTH + 1);
        var tooLongSku = JSON.createObjectNode().put("totalcount", 1);
        tooLongSku.putArray("items").addObject().put("productid", 1).put("sku", longSku);
        var tooLongTitle = JSON.createObjectNode().put("totalcount", 1);
        tooLongTitle.putArray("items").addObject().put("productid", 1).put("sku", "a").put("title", longTitle);

        assertThatThrownBy(() -> CataloguePage.read(tooLongSku, 10)).isInstanceOf(MalformedCataloguePageException.class);
        assertThatThrownBy(() -> CataloguePage.read(tooLongTitle, 10)).isInstanceOf(MalformedCataloguePageException.class);
    }
}
