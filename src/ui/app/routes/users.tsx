import { ErrorBox } from '../../components/error-box';
import { Loading } from '../../components/loading';
import { useUsers } from '../../features/users/api/get-users';
import { AddUserForm } from '../../features/users/components/add-user-form';
import { UsersTable } from '../../features/users/components/users-table';
import { useAuth } from '../../lib/auth';
import { useCan } from '../../lib/authorization';
import { Page } from '../layout/page';

function UsersScreen() {
  const users = useUsers();
  const { user } = useAuth();
  return (
    <>
      {users.isPending && <Loading />}
      {users.isError && (
        <ErrorBox
          error={users.error}
          title="The users could not be read"
          onRetry={() => void users.refetch()}
        />
      )}
      {users.data && <UsersTable users={users.data.items} me={user} />}
      <section aria-labelledby="add-user-title">
        <h2 id="add-user-title">Add a user</h2>
        <AddUserForm />
      </section>
    </>
  );
}

export function UsersRoute() {
  const canManage = useCan('manage-users');
  return (
    <Page title="Users">
      {canManage ? <UsersScreen /> : <p className="notice">Only an admin manages users.</p>}
    </Page>
  );
}
