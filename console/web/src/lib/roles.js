/** What the signed-in user may do, from /api/me's roles. */
export const hasRole = (user, role) => Array.isArray(user?.roles) && user.roles.includes(role);
export const isAdvisor = (user) => hasRole(user, 'ADVISOR');
/** Platform admins see the supervisor pages, with their jurisdictions. */
export const isSupervisor = (user) => hasRole(user, 'SUPERVISOR') || hasRole(user, 'PLATFORM_ADMIN');
export const isOrganisation = (user) => hasRole(user, 'ORGANISATION');
/** A registered reporter (volunteer, grid worker...): sees the tip form and their tips, nothing else. */
export const isReporter = (user) => hasRole(user, 'REPORTER');
export const receivesAlerts = (user) => isAdvisor(user) || isSupervisor(user);
export const worksCases = (user) => isAdvisor(user) || isSupervisor(user);

export const jurisdictions = (user) => (Array.isArray(user?.jurisdictions) ? user.jurisdictions : []);
/** The communities (12-digit codes) among the user's jurisdictions. */
export const communities = (user) => jurisdictions(user).filter((code) => /^\d{12}$/.test(code));

/** The page a role starts on. */
export function homePath(user) {
  if (isAdvisor(user)) return '/cases';
  if (isSupervisor(user)) return '/area';
  if (isOrganisation(user)) return '/referrals';
  if (isReporter(user)) return '/tips';
  return null;
}
