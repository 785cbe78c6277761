/**
 * What each role may do, as the server enforces it: the console hides the buttons a role cannot
 * use (the server answers 403 anyway).
 */
import type { ApiRole } from '../api/types';
import { useAuth } from './auth';

export type Permission =
  /** Run now, Stop, go-live steps. */
  | 'run-feeds'
  /** The Test button of a store's connection. */
  | 'test-store'
  /** Save settings, enable/disable, schedules. */
  | 'edit-settings'
  /** Probe and add stores, remove them. */
  | 'manage-stores'
  | 'manage-users';

const GRANTS: Readonly<Record<ApiRole, readonly Permission[]>> = {
  admin: ['run-feeds', 'test-store', 'edit-settings', 'manage-stores', 'manage-users'],
  operator: ['run-feeds', 'test-store'],
  viewer: [],
};

export function can(role: ApiRole | undefined, permission: Permission): boolean {
  return role !== undefined && GRANTS[role].includes(permission);
}

/** Whether the signed-in user may do this. */
export function useCan(permission: Permission): boolean {
  return can(useAuth().user?.role, permission);
}

export const ROLE_LABELS: Readonly<Record<ApiRole, string>> = {
  admin: 'Admin',
  operator: 'Operator',
  viewer: 'Viewer',
};
