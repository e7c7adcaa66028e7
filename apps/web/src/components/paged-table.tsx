import { Group, Pagination, Paper, Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { EmptyState } from './empty-state';
import { ErrorAlert } from './error-alert';
import { PageLoader } from './page-loader';

/** What a paged list query gives: the state of the request and, once loaded, one page and the total. */
interface PagedQuery<T> {
  isPending: boolean;
  isError: boolean;
  error: unknown;
  data?: { items: T[]; total: number };
}

/**
 * The result part of a filtered, paged list page: loading, error, empty state, the table and its
 * pagination (page numbers live in the URL; the caller passes the page and how to change it).
 */
export function PagedTable<T>({
  query,
  loading,
  errorTitle,
  empty,
  label,
  pagesLabel,
  head,
  row,
  noun,
  page,
  pageSize,
  onPage,
}: {
  query: PagedQuery<T>;
  /** Label of the loader, e.g. "Loading stock". */
  loading: string;
  errorTitle: string;
  empty: { title: string; description?: ReactNode };
  /** Accessible names of the table and of its pagination. */
  label: string;
  pagesLabel: string;
  head: ReactNode;
  row: (item: T) => ReactNode;
  /** Singular noun of the total, e.g. "unit" → "3 units". */
  noun: string;
  page: number;
  pageSize: number;
  onPage: (page: number) => void;
}) {
  const data = query.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / pageSize)) : 1;
  return (
    <>
      {query.isPending && <PageLoader label={loading} />}
      {query.isError && <ErrorAlert error={query.error} title={errorTitle} />}
      {data && data.items.length === 0 && (
        <Paper withBorder>
          <EmptyState title={empty.title} description={empty.description} />
        </Paper>
      )}
      {data && data.items.length > 0 && (
        <>
          <Paper withBorder>
            <Table aria-label={label} striped highlightOnHover>
              <Table.Thead>
                <Table.Tr>{head}</Table.Tr>
              </Table.Thead>
              <Table.Tbody>{data.items.map(row)}</Table.Tbody>
            </Table>
          </Paper>
          <Group justify="space-between">
            <Text size="sm">
              {data.total} {noun}
              {data.total === 1 ? '' : 's'}
            </Text>
            {pages > 1 && <Pagination total={pages} value={page} onChange={onPage} aria-label={pagesLabel} />}
          </Group>
        </>
      )}
    </>
  );
}
