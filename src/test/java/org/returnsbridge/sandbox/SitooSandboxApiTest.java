package org.returnsbridge.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SitooSandboxApiTest {

    private static SandboxServer server;
    private static SandboxTestClient client;

    @BeforeAll
    static void start() {
        server = SandboxServer.start(SandboxSettings.defaults().withPort(0));
        client = new SandboxTestClient(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void reset() {
        assertThat(client.admin("POST", "/reset", null).status()).isEqualTo(200);
    }

    @Test
    void wrongOrMissingBasicCredentialsAre401WithSitooErrorBody() {
        String url = server.sitooBaseUrl() + "/sites/1/warehouses.json";
        SandboxTestClient.Answer wrong = client.get(url, SandboxTestClient.basic("90316-1", "nope"));
        SandboxTestClient.Answer missing = client.get(url, null);

        assertThat(wrong.status()).isEqualTo(401);
        assertThat(missing.status()).isEqualTo(401);
        assertThat(wrong.json().path("statuscode").asInt()).isEqualTo(401);
        assertThat(wrong.json().path("errortext").asText()).isNotBlank();
    }

    @Test
    void wrongAccountOrSiteIs404() {
        SandboxSettings s = server.settings();
        String auth = SandboxTestClient.basic(s.sitooApiId(), s.sitooApiPassword());
        String root = server.sitooBaseUrl().replace("/accounts/90316", "/accounts/11111");

        assertThat(client.get(root + "/sites/1/warehouses.json", auth).status()).isEqualTo(404);
        assertThat(client.sitooGet("/sites/7/warehouses.json").json().path("statuscode").asInt()).isEqualTo(404);
    }

    @Test
    void defaultSeedHasTheWarehousesTheBridgeMappingsExpect() {
        JsonNode warehouses = client.sitooGet(client.sitooSitePath("/warehouses.json")).json();

        assertThat(warehouses.path("totalcount").asInt()).isEqualTo(4);
        assertThat(warehouses.findValuesAsText("name")).containsExactly("Drottninggatan store",
                "Avenyn store Göteborg", "Borås distribution centre", "Webshop (virtual)");
        assertThat(warehouses.path("items").get(3).path("warehousetype").asInt()).isEqualTo(20);
        assertThat(warehouses.path("items").get(2).path("storeid").isNull()).isTrue();
    }

    @Test
    void productsAreFoundBySkuAndAnUnknownSkuIsAnEmptyList() {
        JsonNode two = client.sitooGet(client.sitooSitePath("/products.json?sku=10038-1,40001-1")).json();
        SandboxTestClient.Answer unknown = client.sitooGet(client.sitooSitePath("/products.json?sku=99999-9"));

        assertThat(two.path("totalcount").asInt()).isEqualTo(2);
        assertThat(two.path("items").get(0).path("productid").asInt()).isEqualTo(1);
        assertThat(two.path("items").get(0).path("barcode").asText()).isEqualTo("7350000000012");
        assertThat(unknown.status()).isEqualTo(200);
        assertThat(unknown.json().path("totalcount").asInt()).isZero();
    }

    @Test
    void oneElementPostAnswersTheBareIdAndMovesStock() {
        SandboxTestClient.Answer answer = postTransactions("""
                [{"warehouseid":3,"transactiontype":10,"description":"Reveni return 4e26",
                  "externalid":"rv-4e26c9f08f2a468f-1","reasoncode":"101",
                  "items":[{"sku":"10038-1","decimalquantity":"1.000"}]}]""");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("1");
        assertThat(stock(3, "10038-1")).isEqualTo("1.000");
        JsonNode stored = client.sitooGet(client.sitooSitePath("/warehousetransactions.json")).json().path("items").get(0);
        assertThat(stored.path("warehousetransactionid").asInt()).isEqualTo(1);
        assertThat(stored.path("externalid").asText()).isEqualTo("rv-4e26c9f08f2a468f-1");
        assertThat(stored.path("reasoncode").asText()).isEqualTo("101");
        assertThat(stored.path("datecreated").asLong()).isGreaterThan(1_700_000_000L);
        assertThat(stored.path("items").get(0).path("decimaltotal").asText()).isEqualTo("1.000");
    }

    @Test
    void multiElementPostAnswersOneEnvelopePerElementAndAppliesOnlyTheValidOnes() {
        SandboxTestClient.Answer answer = postTransactions("""
                [{"warehouseid":1,"transactiontype":10,"items":[{"sku":"20417-M","decimalquantity":"2.000"}]},
                 {"warehouseid":1,"transactiontype":10,"items":[{"sku":"10038-1","decimalquantity":"1.000"},
                                                                {"sku":"99999-9","decimalquantity":"1.000"}]}]""");

        assertThat(answer.status()).isEqualTo(200);
        JsonNode envelopes = answer.json();
        assertThat(envelopes.get(0).path("statuscode").asInt()).isEqualTo(200);
        assertThat(envelopes.get(0).path("return").asInt()).isEqualTo(1);
        assertThat(envelopes.get(1).path("statuscode").asInt()).isEqualTo(400);
        assertThat(envelopes.get(1).path("errortext").asText()).contains("99999-9");
        assertThat(stock(1, "20417-M")).isEqualTo("2.000");
        assertThat(stock(1, "10038-1")).as("a failed element is applied not even in part").isNull();
    }

    @Test
    void postingTheSameExternalIdTwiceMovesStockTwice() {
        String once = """
                [{"warehouseid":2,"transactiontype":10,"externalid":"rv-same-1",
                  "items":[{"sku":"30112-40","decimalquantity":"1.000"}]}]""";

        assertThat(postTransactions(once).body()).isEqualTo("1");
        assertThat(postTransactions(once).body()).isEqualTo("2");

        assertThat(stock(2, "30112-40")).isEqualTo("2.000");
    }

    @Test
    void readOnlyTransactionTypeIsRefused() {
        SandboxTestClient.Answer answer = postTransactions("""
                [{"warehouseid":1,"transactiontype":30,"items":[{"sku":"10038-1","decimalquantity":"1.000"}]}]""");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().path("statuscode").asInt()).isEqualTo(400);
        assertThat(answer.json().path("errortext").asText()).contains("read-only");
        assertThat(stock(1, "10038-1")).isNull();
    }

    @Test
    void virtualWarehouseRefusesTransactions() {
        SandboxTestClient.Answer answer = postTransactions("""
                [{"warehouseid":9,"transactiontype":10,"items":[{"sku":"10038-1","decimalquantity":"1.000"}]}]""");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().path("errortext").asText()).contains("virtual");
    }

    @Test
    void moreThan1000ItemsInOneRequestAreRefusedWhole() {
        String items = String.join(",", java.util.Collections.nCopies(600, "{\"sku\":\"10038-1\",\"decimalquantity\":\"1.000\"}"));
        String tx = "{\"warehouseid\":1,\"transactiontype\":10,\"items\":[" + items + "]}";

        SandboxTestClient.Answer answer = postTransactions("[" + tx + "," + tx + "]");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().path("errortext").asText()).contains("1000 items per request");
        assertThat(stock(1, "10038-1")).as("nothing applied").isNull();
    }

    @Test
    void malformedTransactionsAreRefusedWith400() {
        assertThat(postTransactions("{\"warehouseid\":1}").status()).as("not an array").isEqualTo(400);
        assertThat(postTransactions("[{\"warehouseid\":42,\"transactiontype\":10,"
                + "\"items\":[{\"sku\":\"10038-1\",\"decimalquantity\":\"1.000\"}]}]").json().path("errortext").asText())
                .isEqualTo("warehouse 42 not found");
        assertThat(postTransactions("[{\"warehouseid\":1,\"transactiontype\":10,\"items\":[]}]").status()).isEqualTo(400);
        assertThat(postTransactions("[{\"warehouseid\":1,\"transactiontype\":10,"
                + "\"items\":[{\"sku\":\"10038-1\",\"decimalquantity\":1.0}]}]").status())
                .as("a quantity must be a decimal string").isEqualTo(400);
        assertThat(postTransactions("[{\"warehouseid\":1,\"transactiontype\":99,"
                + "\"items\":[{\"sku\":\"10038-1\",\"decimalquantity\":\"1\"}]}]").status()).isEqualTo(400);
        assertThat(client.admin("GET", "/sitoo/warehousetransactions", null).json().size()).isZero();
    }

    @Test
    void warehouseItemsReflectStockAndOmitSkusNeverStocked() {
        client.admin("PUT", "/sitoo/stock", "{\"warehouseid\":1,\"sku\":\"10038-2\",\"decimaltotal\":\"5.000\"}");
        postTransactions("""
                [{"warehouseid":1,"transactiontype":20,"items":[{"sku":"10038-2","decimalquantity":"-2.000"}]}]""");

        JsonNode items = client.sitooGet(client.sitooSitePath("/warehouses/1/warehouseitems.json?sku=10038-2,10038-3")).json();

        assertThat(items.path("totalcount").asInt()).isEqualTo(1);
        JsonNode item = items.path("items").get(0);
        assertThat(item.path("sku").asText()).isEqualTo("10038-2");
        assertThat(item.path("decimaltotal").asText()).isEqualTo("3.000");
        assertThat(item.path("decimalreserved").asText()).isEqualTo("0.000");
        assertThat(item.path("decimalavailable").asText()).isEqualTo("3.000");
        assertThat(client.sitooGet(client.sitooSitePath("/warehouses/77/warehouseitems.json")).status()).isEqualTo(404);
    }

    @Test
    void transactionListFiltersPagesAndSorts() {
        for (int warehouse : List.of(1, 2, 1, 1)) {
            postTransactions("[{\"warehouseid\":" + warehouse + ",\"transactiontype\":10,"
                    + "\"items\":[{\"sku\":\"40001-1\",\"decimalquantity\":\"1.000\"}]}]");
        }

        JsonNode inOne = client.sitooGet(client.sitooSitePath(
                "/warehousetransactions.json?warehouseid=1&sort=-warehousetransactionid&start=0&num=2")).json();
        JsonNode fromThree = client.sitooGet(client.sitooSitePath(
                "/warehousetransactions.json?warehousetransactionidfrom=3&datecreatedfrom=0&datecreatedto=99999999999")).json();

        assertThat(inOne.path("totalcount").asInt()).isEqualTo(3);
        assertThat(inOne.path("items").size()).isEqualTo(2);
        assertThat(inOne.path("items").get(0).path("warehousetransactionid").asInt()).isEqualTo(4);
        assertThat(inOne.path("items").get(1).path("warehousetransactionid").asInt()).isEqualTo(3);
        assertThat(inOne.path("items").get(1).path("items").get(0).path("decimaltotal").asText()).isEqualTo("2.000");
        assertThat(fromThree.path("totalcount").asInt()).isEqualTo(2);
    }

    @Test
    void listsDefaultToTenAndNeverGiveMoreThan100() {
        for (int i = 0; i < 12; i++) {
            client.admin("POST", "/sitoo/products", "{\"sku\":\"X-" + i + "\",\"title\":\"Extra\"}");
        }
        assertThat(client.sitooGet(client.sitooSitePath("/products.json")).json().path("items").size()).isEqualTo(10);
        JsonNode all = client.sitooGet(client.sitooSitePath("/products.json?num=1000&fields=sku")).json();
        assertThat(all.path("totalcount").asInt()).isEqualTo(24);
        assertThat(all.path("items").size()).isEqualTo(24);
        assertThat(all.path("items").get(0).size()).as("fields projects").isEqualTo(1);
    }

    @Test
    void reasonCodesAreServedAtAccountLevel() {
        JsonNode codes = client.sitooGet("/reasoncodes.json").json();

        assertThat(codes.findValuesAsText("reasoncode")).containsExactly("101", "102", "103");
    }

    @Test
    void ordersAreStoredWithTotalsNeverMoveStockAndRefuseADuplicateExternalId() {
        String order = """
                {"ordertypeid":10,"externalid":"rv-4e26c9f08f2a468f","currencycode":"EUR","orderstateid":10,
                 "paymentstateid":20,"warehouseid":1,
                 "orderitems":[{"sku":"10038-1","productname":"Wool scarf","quantity":-1,"moneyrowprice":"-49.95"},
                               {"sku":"20417-M","productname":"Linen shirt","quantity":-1,"moneyrowprice":"-59.95"}],
                 "payments":[{"name":"Reveni refund","moneyamount":"-109.90"}]}""";

        SandboxTestClient.Answer first = client.sitooPost(client.sitooSitePath("/orders.json"), order);
        SandboxTestClient.Answer duplicate = client.sitooPost(client.sitooSitePath("/orders.json"), order);

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.body()).isEqualTo("1");
        assertThat(duplicate.status()).isEqualTo(400);
        assertThat(duplicate.json().path("errortext").asText()).contains("rv-4e26c9f08f2a468f");
        JsonNode stored = client.sitooGet("/orders.json?externalid=rv-4e26c9f08f2a468f,other").json();
        assertThat(stored.path("totalcount").asInt()).isEqualTo(1);
        assertThat(stored.path("items").get(0).path("moneytotal_gross_all").asText()).isEqualTo("-109.90");
        assertThat(stored.path("items").get(0).path("orderdate").asLong()).isGreaterThan(1_700_000_000L);
        assertThat(client.admin("GET", "/sitoo/stock", null).json().size()).as("orders never move stock").isZero();
    }

    @Test
    void orderWithBadExternalIdOrUnknownSkuIsRefused() {
        SandboxTestClient.Answer badId = client.sitooPost(client.sitooSitePath("/orders.json"),
                "{\"externalid\":\"has spaces\",\"orderitems\":[]}");
        SandboxTestClient.Answer unknownSku = client.sitooPost(client.sitooSitePath("/orders.json"),
                "{\"externalid\":\"ok-1\",\"orderitems\":[{\"sku\":\"99999-9\",\"quantity\":-1,\"moneyrowprice\":\"-1.00\"}]}");

        assertThat(badId.status()).isEqualTo(400);
        assertThat(unknownSku.status()).isEqualTo(400);
        assertThat(client.admin("GET", "/sitoo/orders", null).json().size()).isZero();
    }

    private static SandboxTestClient.Answer postTransactions(String json) {
        return client.sitooPost(client.sitooSitePath("/warehousetransactions.json"), json);
    }

    /** The stock level as the admin API sees it, or null when the SKU was never stocked there. */
    private static String stock(int warehouseid, String sku) {
        for (JsonNode level : client.admin("GET", "/sitoo/stock", null).json()) {
            if (level.path("warehouseid").asInt() == warehouseid && level.path("sku").asText().equals(sku)) {
                return level.path("decimaltotal").asText();
            }
        }
        return null;
    }
}
