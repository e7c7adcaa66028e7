/**
 * The plan of the read every validation and creation makes (a server's installed units, ItemStock-
 * Repository.serverBuildStatement): one index on (server_uuid, status), not an intersection of the
 * server and status indexes, which walks every unit of that status in the whole inventory.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { serverBuildStatement } from '../src/ticket-items/item-stock.repository';
import { describeEachEngine } from './engines';
import { SERVER } from './factories';
import { createTestApp, type TestApp } from './harness';

describeEachEngine('the server build read', (engine) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp(engine);
    // Enough units in use elsewhere that the status index alone is a poor way in.
    await t.dataSource.query("UPDATE component_stock SET status = 'in_use', server_uuid = ? WHERE server_uuid IS NULL AND status = 'available'", [SERVER.dbProd01]);
    if (engine === 'mysql') await t.dataSource.query('ANALYZE TABLE component_stock');
  });
  afterAll(async () => t?.close());

  it('reads the units of one server through idx_component_stock_server_status', async () => {
    const { sql, params } = serverBuildStatement(SERVER.webProd01);
    if (engine === 'mysql') {
      const plan = await t.dataSource.query<{ table: string; type: string; key: string | null; Extra: string | null }[]>(`EXPLAIN ${sql}`, params);
      const units = plan.find((row) => row.table === 'c');
      expect({ type: units?.type, key: units?.key }).toEqual({ type: 'ref', key: 'idx_component_stock_server_status' });
    } else {
      const plan = await t.dataSource.query<{ detail: string }[]>(`EXPLAIN QUERY PLAN ${sql}`, params);
      expect(plan.map((row) => row.detail).join('\n')).toMatch(/SEARCH c USING INDEX idx_component_stock_server_status \(server_uuid=\? AND status=\?\)/);
    }
  });
});
