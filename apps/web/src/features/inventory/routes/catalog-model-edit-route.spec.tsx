import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { resetSessionCache, setSessionFromLogin } from '../../../lib/auth-session';
import { mockFetch } from '../../../test/fetch-mock';
import { loginResponse } from '../../../test/fixtures';
import { renderWithProviders } from '../../../test/render';
import { catalogModel, inventoryEditor, MODEL_UUID } from '../inventory-fixtures';
import { CatalogModelCreateRoute, CatalogModelEditRoute } from './catalog-model-edit-route';

beforeEach(() => {
  resetSessionCache();
  setSessionFromLogin(loginResponse({ user: inventoryEditor }));
});

describe('CatalogModelCreateRoute', () => {
  it('builds the spec fields of the type and shows the API 400 under the spec key it names', async () => {
    const { calls } = mockFetch({
      'POST /api/catalog': {
        status: 400,
        body: { code: 'VALIDATION_FAILED', message: 'Invalid specifications', details: { fields: [{ field: 'specifications.socket', reason: 'must not contain spaces' }] } },
      },
    });
    renderWithProviders(<CatalogModelCreateRoute />);
    await userEvent.type(screen.getByLabelText(/^brand/i), 'Intel');
    await userEvent.type(screen.getByLabelText(/^model/i), 'Xeon Test');
    await userEvent.type(screen.getByLabelText(/^socket/i), 'LGA 4677');
    await userEvent.type(screen.getByLabelText(/^cores/i), '32');
    await userEvent.type(screen.getByLabelText(/^TDP \(W\)/), '270');
    await userEvent.click(screen.getByRole('button', { name: 'Create model' }));
    expect(await screen.findByText('must not contain spaces')).toBeInTheDocument();
    expect(screen.getByLabelText(/^socket/i)).toHaveAttribute('aria-invalid', 'true');
    expect(calls[0]?.body).toEqual({
      componentType: 'cpu',
      brand: 'Intel',
      model: 'Xeon Test',
      series: null,
      family: null,
      specifications: { socket: 'LGA 4677', cores: 32, tdp_W: 270 },
    });
  });
});

describe('CatalogModelEditRoute', () => {
  it('keeps the vendor fields when it saves the typed ones', async () => {
    const { calls } = mockFetch({
      [`GET /api/catalog/${MODEL_UUID}`]: { body: catalogModel() },
      [`PATCH /api/catalog/${MODEL_UUID}`]: { body: catalogModel() },
    });
    const { router } = renderWithProviders(<CatalogModelEditRoute />, { path: '/catalog/:uuid/edit', route: `/catalog/${MODEL_UUID}/edit`, extraRoutes: [{ path: '/catalog/:uuid', element: <p>model page</p> }] });
    const cores = await screen.findByLabelText(/^cores/i);
    expect(cores).toHaveValue('32');
    await userEvent.clear(cores);
    await userEvent.type(cores, '24');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(router.state.location.pathname).toBe(`/catalog/${MODEL_UUID}`));
    const body = calls.find((c) => c.method === 'PATCH')?.body as { specifications: Record<string, unknown> };
    expect(body.specifications).toMatchObject({ cores: 24, socket: 'LGA4677', vendor_sku: 'PK8071305120500', memory_types: ['DDR5'] });
    expect(body).not.toHaveProperty('componentType');
  });
});
