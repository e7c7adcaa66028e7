import type { CatalogImportReport } from '@bdc/contracts';
import { Alert, Button, FileInput, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { ErrorAlert } from '../../../components/error-alert';
import { LinkAnchor } from '../../../components/link-anchor';
import { PageBreadcrumbs } from '../../../components/page-breadcrumbs';
import { paths } from '../../../lib/paths';
import { useImportCatalog } from '../api/import-catalog';
import { CatalogImportReportView } from '../components/catalog-import-report';

/** Upload BDC IMS catalog JSON files or a zip: a dry run first, then the real import of the same files. */
export function CatalogImportRoute() {
  const [files, setFiles] = useState<File[]>([]);
  const [report, setReport] = useState<CatalogImportReport | null>(null);
  const run = useImportCatalog();

  const start = (dryRun: boolean) => run.mutate({ files, dryRun }, { onSuccess: setReport });

  return (
    <Stack gap="md">
      <PageBreadcrumbs parent={{ to: paths.catalog.href(), label: 'Catalog' }} current="Import" />
      <Title order={1} size="h2">
        Import a BDC IMS catalog
      </Title>
      <Paper withBorder p="md">
        <Stack gap="sm">
          <FileInput
            label="Catalog files"
            description="JSON files (brand → series → models) or a zip of the catalog folders"
            placeholder="Choose files"
            multiple
            accept=".json,.zip,application/json,application/zip"
            value={files}
            onChange={(next) => {
              setFiles(next);
              setReport(null);
              run.reset();
            }}
            clearable
          />
          <Group>
            <Button onClick={() => start(true)} disabled={files.length === 0} loading={run.isPending && run.variables.dryRun}>
              Dry run
            </Button>
            <Button
              onClick={() => start(false)}
              disabled={!report?.dryRun || files.length === 0}
              loading={run.isPending && !run.variables.dryRun}
              color="green"
            >
              Import
            </Button>
          </Group>
          {!report && <Text size="sm">Run a dry run first: it shows what would be imported, updated or skipped, without writing.</Text>}
        </Stack>
      </Paper>
      {run.isError && <ErrorAlert error={run.error} title="The import failed" />}
      {report && !report.dryRun && (
        <Alert color="green" title="Catalog imported">
          {report.totals.imported} imported, {report.totals.updated} updated. <LinkAnchor to={paths.catalog.href()}>Open the catalog</LinkAnchor>
        </Alert>
      )}
      {report && <CatalogImportReportView report={report} />}
    </Stack>
  );
}
