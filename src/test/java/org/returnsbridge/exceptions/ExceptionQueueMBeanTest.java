package org.returnsbridge.exceptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.returnsbridge.testsupport.ReturnJson.aReturn;
import static org.returnsbridge.testsupport.ReturnJson.newId;

import java.lang.management.ManagementFactory;
import java.util.Arrays;

import javax.management.JMException;
import javax.management.MBeanOperationInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.junit.jupiter.api.Test;
import org.returnsbridge.ledger.LineState;
import org.returnsbridge.testsupport.SandboxedBridgeTest;

/**
 * The exception queue's MBean, invoked through the platform MBean server exactly as Hawtio (via Jolokia)
 * or a JMX console does, and asserted on the same state as the REST API's tests.
 */
class ExceptionQueueMBeanTest extends SandboxedBridgeTest {

    private static final String NEW_SKU = "99999-9";
    private static final int STOCKHOLM = 1;

    private final MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();

    @Test
    void listReplayCategoryAndReplayAgainMoveStockExactlyOnce() throws JMException {
        String item = newId();
        sandbox.putReturn(aReturn().sellable(item, NEW_SKU, 1).json());
        poll();
        long id = exceptionsFor(item).get(0).id();

        String listed = (String) invoke("listOpenExceptions");
        assertThat(listed).startsWith("1 open exception, oldest first:")
                .contains("#" + id + " UNKNOWN_SKU OPEN").contains("item " + item).contains("sku " + NEW_SKU);

        sandbox.createProduct(NEW_SKU, "x");
        String replayed = (String) invoke("replayCategory", "unknown_sku");

        assertThat(replayed).startsWith("replayed 1 UNKNOWN_SKU exception (1 RESOLVED)").contains("#" + id + " RESOLVED");
        assertThat(sandbox.stock(STOCKHOLM, NEW_SKU)).isEqualByComparingTo("1");
        assertThat(line(item).state()).isEqualTo(LineState.RESTOCKED);
        assertThat(invoke("listOpenExceptions")).isEqualTo("no open exceptions");

        assertThat((String) invoke("replay", id)).startsWith("#" + id + " RESOLVED (now RESOLVED)");
        assertThat(sandbox.stock(STOCKHOLM, NEW_SKU)).isEqualByComparingTo("1");
        assertThat(sandbox.warehouseTransactions()).hasSize(1);
        assertThat(invoke("replayCategory", "UNKNOWN_SKU")).isEqualTo("no open UNKNOWN_SKU exceptions to replay");
    }

    @Test
    void ignoreMarksTheRecordIgnored() throws JMException {
        String item = newId();
        sandbox.putReturn(aReturn().sellable(item, NEW_SKU, 1).json());
        poll();
        long id = exceptionsFor(item).get(0).id();

        assertThat((String) invoke("ignore", id)).startsWith("exception " + id + " is IGNORED");
        assertThat(exceptions.find(id).orElseThrow().status()).isEqualTo(ExceptionStatus.IGNORED);
        assertThat(invoke("listOpenExceptions")).isEqualTo("no open exceptions");
    }

    @Test
    void ignoreCategoryMarksEveryOpenRecordOfItIgnored() throws JMException {
        String first = newId();
        String second = newId();
        sandbox.putReturn(aReturn().sellable(first, NEW_SKU, 1).json());
        sandbox.putReturn(aReturn().sellable(second, NEW_SKU, 1).json());
        poll();

        assertThat(invoke("ignoreCategory", "unknown_sku")).isEqualTo("ignored 2 UNKNOWN_SKU exceptions");
        assertThat(exceptionsFor(first).get(0).status()).isEqualTo(ExceptionStatus.IGNORED);
        assertThat(exceptionsFor(second).get(0).status()).isEqualTo(ExceptionStatus.IGNORED);
        assertThat(invoke("ignoreCategory", "UNKNOWN_SKU")).isEqualTo("no open UNKNOWN_SKU exceptions to ignore");
        assertThat((String) invoke("ignoreCategory", "")).startsWith("category is required");
    }

    @Test
    void wrongArgumentsAreAnsweredInWordsNotStackTraces() throws JMException {
        assertThat(invoke("replayCategory", "SKU_TROUBLE")).isEqualTo("unknown category 'SKU_TROUBLE': one of"
                + " UNKNOWN_SKU, UNMAPPED_LOCATION, INVALID_RETURN, SITOO_REJECTED, REFUND_POST_FAILED,"
                + " REFUND_MISMATCH, SITOO_UNAVAILABLE, REVENI_UNAVAILABLE, INTERNAL_ERROR");
        assertThat((String) invoke("replayCategory", "")).startsWith("category is required");
        assertThat(invoke("replay", 424242L)).isEqualTo("#424242 NOT_FOUND: no exception record 424242");
        assertThat(invoke("ignore", 424242L)).isEqualTo("no exception record 424242");
    }

    @Test
    void reloadMappingsAnswersWhatIsInForce() throws JMException {
        assertThat((String) invoke("reloadMappings")).startsWith("mappings reloaded from ")
                .contains("3 locations, 4 conditions (unknown → HOLD)");
    }

    @Test
    void registeredUnderTheDocumentedName() throws JMException {
        ObjectName registered = name();
        assertThat(jmx.isRegistered(registered)).isTrue();
        // The test contexts add an identity key (spring.jmx.unique-names); the bridge itself does not.
        assertThat(registered.getDomain()).isEqualTo("org.returnsbridge");
        assertThat(registered.getKeyProperty("type")).isEqualTo("ExceptionQueue");
        assertThat(registered.getKeyProperty("name")).isEqualTo("operations");
    }

    @Test
    void operationsAreDescribedForTheConsole() throws JMException {
        MBeanOperationInfo replay = Arrays.stream(jmx.getMBeanInfo(name()).getOperations())
                .filter(op -> op.getName().equals("replay")).findFirst().orElseThrow();

        assertThat(replay.getDescription()).contains("Replay one exception");
        assertThat(replay.getSignature()[0].getName()).isEqualTo("id");
        assertThat(replay.getSignature()[0].getDescription()).contains("listOpenExceptions");
        assertThat(replay.getReturnType()).isEqualTo(String.class.getName());
    }

    private Object invoke(String operation, Object... args) throws JMException {
        String[] signature = Arrays.stream(args)
                .map(a -> a instanceof Long ? "long" : a.getClass().getName()).toArray(String[]::new);
        return jmx.invoke(name(), operation, args, signature);
    }

    private ObjectName name() {
        return exceptionQueueMBean();
    }
}
