import { Stack, Title } from '@mantine/core';
import { useNavigate, useParams } from 'react-router';
import { ErrorAlert } from '../../../components/error-alert';
import { PageBreadcrumbs } from '../../../components/page-breadcrumbs';
import { PageLoader } from '../../../components/page-loader';
import { ApiError } from '../../../lib/api-error';
import { paths } from '../../../lib/paths';
import { useCatalogModel } from '../api/get-catalog-model';
import { useCreateCatalogModel, useUpdateCatalogModel } from '../api/save-catalog-model';
import { CatalogModelForm } from '../components/catalog-model-form';

function errorsOf(error: unknown): { fields: Record<string, string>; general: string | null } {
  if (!error) return { fields: {}, general: null };
  const fields = error instanceof ApiError ? error.fieldErrors() : {};
  return { fields, general: Object.keys(fields).length === 0 && error instanceof Error ? error.message : null };
}

export function CatalogModelCreateRoute() {
  const navigate = useNavigate();
  const create = useCreateCatalogModel();
  const { fields, general } = errorsOf(create.error);
  return (
    <Stack gap="md">
      <PageBreadcrumbs parent={{ to: paths.catalog.href(), label: 'Catalog' }} current="New model" />
      <Title order={1} size="h2">
        New catalog model
      </Title>
      <CatalogModelForm
        errors={fields}
        generalError={general}
        submitting={create.isPending}
        submitLabel="Create model"
        onSubmit={(v) => create.mutate(v, { onSuccess: (m) => navigate(paths.catalogModel.href(m.uuid)) })}
      />
    </Stack>
  );
}

export function CatalogModelEditRoute() {
  const { uuid = '' } = useParams();
  const navigate = useNavigate();
  const model = useCatalogModel(uuid);
  const update = useUpdateCatalogModel();
  const { fields, general } = errorsOf(update.error);
  if (model.isPending) return <PageLoader label="Loading the model" />;
  if (model.isError) return <ErrorAlert error={model.error} title="The model could not be loaded" />;
  return (
    <Stack gap="md">
      <PageBreadcrumbs parent={{ to: paths.catalogModel.href(uuid), label: model.data.name }} current="Edit" />
      <Title order={1} size="h2">
        Edit {model.data.name}
      </Title>
      <CatalogModelForm
        initial={model.data}
        errors={fields}
        generalError={general}
        submitting={update.isPending}
        submitLabel="Save"
        onSubmit={({ componentType: _type, ...body }) => update.mutate({ uuid, body }, { onSuccess: () => navigate(paths.catalogModel.href(uuid)) })}
      />
    </Stack>
  );
}
