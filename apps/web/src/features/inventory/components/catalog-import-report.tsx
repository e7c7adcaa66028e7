import { COMPONENT_TYPE_LABELS, type CatalogImportReport } from '@bdc/contracts';
import { Alert, List, Stack, Table, Text } from '@mantine/core';

/** The importer's report: per type imported / updated / unchanged / skipped, then every skip with its reason. */
export function CatalogImportReportView({ report }: { report: CatalogImportReport }) {
  const types = report.types.filter((t) => t.imported + t.updated + t.unchanged + t.skipped.length > 0);
  const skips = report.types.flatMap((t) => t.skipped.map((s) => ({ ...s, componentType: t.componentType })));
  return (
    <Stack gap="sm">
      <Text size="sm">
        {report.dryRun ? 'Dry run: nothing was written. ' : ''}
        {report.files.read} file{report.files.read === 1 ? '' : 's'} read; {report.totals.imported} to import, {report.totals.updated} updated,{' '}
        {report.totals.unchanged} unchanged, {report.totals.skipped} skipped.
      </Text>
      <Table aria-label="Import report" withTableBorder>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Type</Table.Th>
            <Table.Th ta="right">{report.dryRun ? 'New' : 'Imported'}</Table.Th>
            <Table.Th ta="right">Updated</Table.Th>
            <Table.Th ta="right">Unchanged</Table.Th>
            <Table.Th ta="right">Skipped</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {types.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={5}>No models found in the upload.</Table.Td>
            </Table.Tr>
          )}
          {types.map((t) => (
            <Table.Tr key={t.componentType}>
              <Table.Th scope="row">{COMPONENT_TYPE_LABELS[t.componentType]}</Table.Th>
              <Table.Td ta="right">{t.imported}</Table.Td>
              <Table.Td ta="right">{t.updated}</Table.Td>
              <Table.Td ta="right">{t.unchanged}</Table.Td>
              <Table.Td ta="right">{t.skipped.length}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {skips.length > 0 && (
        <Alert color="yellow" title={`Skipped (${skips.length})`}>
          <List size="sm" aria-label="Skipped models">
            {skips.map((s, i) => (
              <List.Item key={i}>
                {COMPONENT_TYPE_LABELS[s.componentType]} {s.model ?? s.uuid ?? ''} ({s.where}): {s.reason}
              </List.Item>
            ))}
          </List>
        </Alert>
      )}
      {report.files.unreadable.length > 0 && (
        <Alert color="red" title="Unreadable files">
          <List size="sm">
            {report.files.unreadable.map((f) => (
              <List.Item key={f.file}>
                {f.file}: {f.reason}
              </List.Item>
            ))}
          </List>
        </Alert>
      )}
    </Stack>
  );
}
