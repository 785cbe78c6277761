import { Link } from 'react-router';

import { Page } from '../layout/page';

export function NotFoundRoute() {
  return (
    <Page title="Page not found">
      <p>
        There is no such page in the console. <Link to="/">Go to the dashboard</Link>.
      </p>
    </Page>
  );
}
