// Formatting without dayjs: it is 3 kB gzip of every page's first load for two patterns. dayjs stays for
// the date pickers and the date arithmetic of the pages that load it. format.spec.ts checks both agree.
const pad = (n: number, width = 2) => String(n).padStart(width, '0');

// dayjs's rule: a date or date-time without a zone designator (Z or ±hh:mm) is local time, where the
// browser's Date would read a bare date ("2026-12-01") as UTC midnight.
const LOCAL_DATE_TIME = /^(\d{4})[-/]?(\d{1,2})?[-/]?(\d{0,2})[Tt\s]*(\d{1,2})?:?(\d{1,2})?:?(\d{1,2})?[.:]?(\d+)?$/;

function parseDate(value: string): Date {
  const m = /z$/i.test(value) ? null : LOCAL_DATE_TIME.exec(value);
  if (!m) return new Date(value);
  const part = (i: number) => Number(m[i] || 0);
  const ms = Number((m[7] || '0').slice(0, 3));
  return new Date(part(1), (Number(m[2] || 1)) - 1, Number(m[3] || 1), part(4), part(5), part(6), ms);
}

function formatWith(value: string | null | undefined, withTime: boolean): string {
  if (!value) return '—';
  const d = parseDate(value);
  if (Number.isNaN(d.getTime())) return value;
  const date = `${pad(d.getFullYear(), 4)}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  return withTime ? `${date} ${pad(d.getHours())}:${pad(d.getMinutes())}` : date;
}

export function formatDateTime(value: string | null | undefined): string {
  return formatWith(value, true);
}

export function formatDate(value: string | null | undefined): string {
  return formatWith(value, false);
}

export function formatDuration(minutes: number | null | undefined): string {
  if (minutes === null || minutes === undefined) return '—';
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m} min`;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}
