import { useSearchParams } from 'react-router';

/** Filters live in the URL: reading one, and setting one (which goes back to page 1). */
export function useUrlFilters() {
  const [params, setParams] = useSearchParams();
  const get = (key: string) => params.get(key) ?? '';
  const set = (key: string, value: string | null | undefined) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    if (key !== 'page') next.delete('page');
    setParams(next, { replace: true });
  };
  const page = Math.max(1, Number(params.get('page')) || 1);
  return { params, get, set, page };
}
