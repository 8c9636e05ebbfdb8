package io.tally.projection.audit;

import java.util.List;
import java.util.Map;

/** A store as the auditor sees it: totals first, details only for tenants whose totals differ. Blocking. */
public interface AuditedStore {

  String projection();

  StoreSnapshot snapshot() throws Exception;

  /** Whether {@link StoreSnapshot#orders()} is filled, so the log side must fold orders too. */
  boolean hasCurrentState();

  /** Every stored event of the tenant below the bounds: event id → how many times it is stored, plus coordinates. */
  List<StoredEvent> events(String tenant, Map<Integer, Long> bounds) throws Exception;

  /** The current-state rows of the tenant: order id → version and status. */
  Map<String, OrderFold> orders(String tenant) throws Exception;

  record StoredEvent(String eventId, String orderId, int partition, long offset, long copies) {}
}
