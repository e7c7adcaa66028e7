import { EmptyState } from '../components/empty-state';
import { LinkAnchor } from '../components/link-anchor';
import { paths } from '../lib/paths';

export function NotFoundRoute() {
  return (
    <EmptyState
      title="Page not found"
      description="The address does not match any page."
      action={<LinkAnchor to={paths.tickets.href()}>Go to the tickets</LinkAnchor>}
    />
  );
}
