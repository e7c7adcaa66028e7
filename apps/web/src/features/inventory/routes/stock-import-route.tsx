import { STOCK_CSV_COLUMNS, type StockImportResult } from '@bdc/contracts';
import { Alert, Button, FileInput, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { ErrorAlert } from '../../../components/error-alert';
import { PageBreadcrumbs } from '../../../components/page-breadcrumbs';
import { paths } from '../../../lib/paths';
import { useImportStock } from '../api/import-stock';
import { StockImportPreview } from '../components/stock-import-preview';

/** Receive units from a CSV: preview every row (dry run), then import; a real run writes all valid rows or nothing. */
export function StockImportRoute() {
  const [csv, setCsv] = useState('');
  const [result, setResult] = useState<StockImportResult | null>(null);
  const run = useImportStock();
  const change = (text: string) => {
    setCsv(text);
    setResult(null);
    run.reset();
  };
  const start = (dryRun: boolean) => run.mutate({ csv, dryRun }, { onSuccess: setResult });
  const canImport = result?.dryRun === true && result.counts.invalid === 0 && result.counts.new > 0;

  return (
    <Stack gap="md">
      <PageBreadcrumbs parent={{ to: paths.stock.href(), label: 'Stock' }} current="Import CSV" />
      <Title order={1} size="h2">
        Import stock from CSV
      </Title>
      <Paper withBorder p="md">
        <Stack gap="sm">
          <Text size="sm">
            Columns: {STOCK_CSV_COLUMNS.join(', ')} (the first three are required). An export of the stock list has this shape.
          </Text>
          <FileInput
            label="CSV file"
            accept=".csv,text/csv"
            placeholder="Choose a file"
            onChange={(file) => {
              if (file) void file.text().then(change);
            }}
          />
          <Textarea label="CSV text" autosize minRows={4} maxRows={12} value={csv} onChange={(e) => change(e.currentTarget.value)} styles={{ input: { fontFamily: 'monospace' } }} />
          <Group>
            <Button onClick={() => start(true)} disabled={!csv.trim()} loading={run.isPending && run.variables.dryRun}>
              Preview
            </Button>
            <Button color="green" onClick={() => start(false)} disabled={!canImport} loading={run.isPending && !run.variables.dryRun}>
              Import
            </Button>
          </Group>
          {result?.dryRun && result.counts.invalid > 0 && (
            <Alert color="red" title="Fix the invalid rows first">
              A real import writes all valid rows or nothing.
            </Alert>
          )}
        </Stack>
      </Paper>
      {run.isError && <ErrorAlert error={run.error} title="The import failed" />}
      {result && <StockImportPreview result={result} />}
    </Stack>
  );
}
