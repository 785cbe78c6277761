/**
 * Who may act on orders and stock (approve, ship, set a state, adjust, count): operators and admins,
 * as the server enforces it (those routes need `operator`; viewers read). The console hides the
 * buttons a viewer cannot use; the server answers 403 anyway.
 */
import { useAuth } from './auth';

export function useCanOperate(): boolean {
  const role = useAuth().user?.role;
  return role === 'operator' || role === 'admin';
}
