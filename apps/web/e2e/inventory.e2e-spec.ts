import { randomUUID } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { dialog, login, nav, skipWithoutChromium } from './support';

skipWithoutChromium();

test('an admin imports a catalog file, receives two units of its model and sees them in stock with their log', async ({ page }) => {
  const stamp = Date.now().toString(36).toUpperCase();
  const modelName = `E2E ${stamp}`;
  const uuid = randomUUID();
  // Shaped like BDC IMS's cpu-jsons/Cpu-details-level-3.json: brand → series → models, "UUID" upper case.
  const catalog = [
    {
      brand: 'Intel',
      series: 'Xeon Scalable',
      family: 'E2E family',
      models: [
        {
          model: modelName,
          base_frequency_GHz: 2.0,
          max_frequency_GHz: 3.8,
          cores: 56,
          threads: 112,
          tdp_W: 350,
          memory_channels: 8,
          memory_types: ['DDR5-4800'],
          pcie_lanes: 80,
          pcie_generation: 5,
          socket: 'LGA 4677',
          l3_cache: '105 MB',
          UUID: uuid,
        },
      ],
    },
  ];

  await login(page, 'admin');
  await nav(page).getByRole('link', { name: 'Catalog' }).click();
  await expect(page.getByRole('heading', { name: 'Catalog', level: 1 })).toBeVisible();
  await page.getByRole('link', { name: 'Import' }).click();
  await page.locator('input[type="file"]').setInputFiles({ name: `Cpu-details-${stamp}.json`, mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(catalog)) });
  await page.getByRole('button', { name: 'Dry run' }).click();
  const report = page.getByRole('table', { name: 'Import report' });
  await expect(report.getByRole('row', { name: /CPU/ })).toContainText(/CPU\s*1\s*0\s*0\s*0/);
  await expect(page.getByText(/Dry run: nothing was written/)).toBeVisible();
  await page.getByRole('button', { name: 'Import', exact: true }).click();
  await expect(page.getByText('Catalog imported')).toBeVisible();

  await nav(page).getByRole('link', { name: 'Catalog' }).click();
  await page.getByRole('textbox', { name: 'Search models' }).fill(modelName);
  const models = page.getByRole('table', { name: 'Catalog models' });
  await expect(models.getByRole('row')).toHaveCount(2);
  await models.getByRole('link', { name: new RegExp(modelName) }).click();
  await expect(page.getByRole('heading', { name: new RegExp(modelName), level: 1 })).toBeVisible();
  const specs = page.getByRole('table', { name: 'Specifications' });
  await expect(specs.getByRole('row', { name: /^Cores/ })).toContainText('56');
  await expect(specs.getByRole('row', { name: /^TDP/ })).toContainText('350 W');

  await page.getByRole('button', { name: 'Receive units' }).click();
  const receive = dialog(page, `Receive units of ${(await page.getByRole('heading', { level: 1 }).textContent()) ?? ''}`);
  await receive.getByRole('textbox', { name: 'Serial numbers' }).fill(`${stamp}-A\n${stamp}-B`);
  await receive.getByRole('textbox', { name: 'Location' }).fill('E2E shelf');
  await receive.getByRole('button', { name: 'Receive 2 units' }).click();
  await expect(receive).toBeHidden();
  await expect(page.getByRole('heading', { name: 'Available units (2)' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Available units' }).getByRole('link')).toHaveText([`${stamp}-A`, `${stamp}-B`]);

  await nav(page).getByRole('link', { name: 'Stock' }).click();
  await page.getByRole('textbox', { name: 'Search stock' }).fill(stamp);
  const stock = page.getByRole('table', { name: 'Stock units' });
  await expect(stock.getByRole('row')).toHaveCount(3);
  await expect(stock).toContainText('E2E shelf');
  await stock.getByRole('link', { name: `${stamp}-A` }).click();
  await expect(page.getByRole('heading', { name: `${stamp}-A`, level: 1 })).toBeVisible();
  const log = page.getByLabel('Unit log');
  await expect(log.getByText('Received', { exact: true })).toBeVisible();
  await expect(log.getByText('— → available, E2E shelf')).toBeVisible();
  await expect(log).toContainText(/admin|Alex Morgan/);
});
