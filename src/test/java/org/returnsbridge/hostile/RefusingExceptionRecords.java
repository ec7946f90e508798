package org.returnsbridge.hostile;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.h2.api.Trigger;

/**
 * An H2 trigger on exception_record that refuses to write the records of chosen returns, after an
 * optional delay: the exception queue itself failing, for one return, while the rest of the poll runs.
 */
public class RefusingExceptionRecords implements Trigger {

    /** Column 4 of exception_record (id, line_key, category, reason, return_id, ...). */
    private static final int RETURN_ID = 4;
    private static final Set<String> REFUSED = ConcurrentHashMap.newKeySet();
    private static volatile long delayMillis;

    static void refuse(String returnId, long delay) {
        REFUSED.add(returnId);
        delayMillis = delay;
    }

    static void reset() {
        REFUSED.clear();
        delayMillis = 0;
    }

    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
        if (newRow != null && newRow[RETURN_ID] != null && REFUSED.contains(newRow[RETURN_ID].toString())) {
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new SQLException("test: exception_record refused for return " + newRow[RETURN_ID]);
        }
    }
}
