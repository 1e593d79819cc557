import { useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { Button, DataTable, FilterSelect, FilterToolbar, LoadingState, RetryAlert, usePageTitle } from '../../components';
import { usePermissions } from '../organizations/permissions';
import { NO_ORDER_FILTERS, ORDER_PRIORITIES, ORDER_STATUSES, orderPagePath, useOrders, type OrderFilters } from './api';
import { CreateOrderDialog } from './OrderDialogs';
import { Assignees, DueDate, OrderStatusBadge, PriorityBadge, SubjectAndSamples, useSampleLookup } from './OrderParts';

/** The filters kept in the URL's query string (?status=…&priority=…&overdue=true), so a filtered list can be shared. */
function useOrderFilters() {
  const [params, setParams] = useSearchParams();
  const filters: OrderFilters = {
    status: params.get('status') ?? '',
    priority: params.get('priority') ?? '',
    overdue: params.get('overdue') === 'true',
  };
  function set(next: OrderFilters) {
    const query = new URLSearchParams();
    if (next.status) query.set('status', next.status);
    if (next.priority) query.set('priority', next.priority);
    if (next.overdue) query.set('overdue', 'true');
    setParams(query, { replace: true });
  }
  const filtered = !!(filters.status || filters.priority || filters.overdue);
  return { filters, filtered, set, clear: () => set(NO_ORDER_FILTERS) };
}

/**
 * /orgs/:orgId/workspaces/:workspaceId/orders — the test orders I see (every sample visible, or assigned to me),
 * overdue first, then by due date and priority; "New order" with orders.manage.
 */
export default function OrdersPage() {
  const { orgId = '', workspaceId = '' } = useParams();
  usePageTitle('Orders');
  const { can } = usePermissions(orgId);
  const { filters, filtered, set, clear } = useOrderFilters();
  const orders = useOrders(orgId, workspaceId, filters);
  const { byId } = useSampleLookup(orgId, workspaceId);
  const [creating, setCreating] = useState(false);
  const navigate = useNavigate();

  return (
    <div className="page">
      <header className="page__header page__header--split">
        <div>
          <p className="page__eyebrow">
            <Link to={`/orgs/${orgId}/workspaces/${workspaceId}/samples`}>Analyses</Link>
          </p>
          <h1 className="page__title">Orders</h1>
          <p className="page__subtitle">Tests ordered for this workspace&rsquo;s samples: the most pressing first.</p>
        </div>
        {can('orders.manage', workspaceId) ? (
          <div className="actions">
            <Button onClick={() => setCreating(true)}>New order</Button>
          </div>
        ) : null}
      </header>

      <FilterToolbar label="Filter orders" onClear={filtered ? clear : undefined}>
        <FilterSelect
          label="Status"
          name="status"
          value={filters.status}
          onChange={(status) => set({ ...filters, status })}
          anyLabel="All statuses"
          options={ORDER_STATUSES}
        />
        <FilterSelect
          label="Priority"
          name="priority"
          value={filters.priority}
          onChange={(priority) => set({ ...filters, priority })}
          anyLabel="All priorities"
          options={ORDER_PRIORITIES}
        />
        <label className="checklist__item toolbar__toggle">
          <input type="checkbox" name="overdue" checked={filters.overdue} onChange={(e) => set({ ...filters, overdue: e.target.checked })} />
          Overdue only
        </label>
      </FilterToolbar>

      {orders.isPending ? <LoadingState label="Loading orders…" /> : null}
      {orders.isError ? <RetryAlert title="The orders could not be loaded" message={orders.error.message} onRetry={() => void orders.refetch()} /> : null}
      {orders.data && orders.data.length === 0 ? (
        <section className="card empty">
          <h2 className="empty__title">{filtered ? 'No order matches the filters' : 'No orders yet'}</h2>
          <p className="empty__text">
            {filtered
              ? 'Choose other filters, or clear them.'
              : 'An order records a test requested for samples of this workspace, who asked for it and when it is due.'}
          </p>
        </section>
      ) : null}
      {orders.data && orders.data.length > 0 ? (
        <DataTable
          caption="Orders of this workspace"
          className="card card--flush"
          columns={
            <>
              <th scope="col">Test</th>
              <th scope="col">Subject and samples</th>
              <th scope="col">Priority</th>
              <th scope="col">Due</th>
              <th scope="col">Status</th>
              <th scope="col">Assignees</th>
            </>
          }
        >
          {orders.data.map((o) => (
            <tr key={o.id}>
              <th scope="row" className="table__primary">
                <Link className="wrap-anywhere" to={orderPagePath(orgId, workspaceId, o.id)}>
                  {o.test}
                </Link>
              </th>
              <td>
                <SubjectAndSamples orgId={orgId} workspaceId={workspaceId} order={o} byId={byId} />
              </td>
              <td>
                <PriorityBadge priority={o.priority} />
              </td>
              <td className="nowrap">
                <DueDate order={o} />
              </td>
              <td>
                <OrderStatusBadge status={o.status} />
              </td>
              <td>
                <Assignees order={o} />
              </td>
            </tr>
          ))}
        </DataTable>
      ) : null}

      {creating ? (
        <CreateOrderDialog
          orgId={orgId}
          workspaceId={workspaceId}
          onClose={() => setCreating(false)}
          onCreated={(order) => {
            setCreating(false);
            navigate(orderPagePath(orgId, workspaceId, order.id));
          }}
        />
      ) : null}
    </div>
  );
}
