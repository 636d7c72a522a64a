import { t, tc, has } from './i18n.js';
import { dateTime } from './format.js';

/** A field name from a 400 problem (`needs[0].item`, `facts.members`) in words. */
export function fieldLabel(field) {
  const plain = String(field).replace(/\[\d+\]/g, '');
  const last = plain.split('.').pop();
  for (const key of [`field.${plain}`, `field.${last}`, `facts.${last}`]) {
    if (has(key)) return t(key);
  }
  return field;
}

/**
 * What went wrong, in words for the person using the page: the lines to show, and whether a reload helps.
 * `context`: 'case' (reading a case), 'command' (a step on a case), 'plan' (plan edit/confirm), 'decision'
 * (approve/reject a plan), 'referral', 'statistics', 'alerts'.
 */
export function describe(error, context = 'command') {
  if (!error) return null;
  if (error.network) return { lines: [t('error.network')], kind: 'network' };
  const status = error.status;
  const problem = error.problem || {};
  const detail = typeof problem.detail === 'string' && problem.detail.trim() ? problem.detail.trim() : null;
  const lines = [];
  let kind = 'error';
  switch (status) {
    case 400: {
      const fields = [];
      if (problem.field) fields.push(problem.field);
      if (Array.isArray(problem.errors)) {
        problem.errors.forEach((e) => e && (e.field || e.pointer) && fields.push(e.field || e.pointer));
      } else if (problem.errors && typeof problem.errors === 'object') {
        fields.push(...Object.keys(problem.errors));
      }
      const unique = [...new Set(fields)];
      lines.push(unique.length ? t('error.field', { field: unique.map(fieldLabel).join('、') }) : t('error.badRequest'));
      break;
    }
    case 401:
      lines.push(t('error.signedOut'));
      break;
    case 403:
      if (context === 'case' || context === 'command') lines.push(t('error.otherCommunity'));
      else if (context === 'decision') lines.push(t('error.makerChecker'));
      else if (context === 'referral') lines.push(t('error.otherOrganisation'));
      else if (context === 'statistics' || context === 'area') lines.push(t('error.areaForbidden'));
      else lines.push(t('error.forbidden'));
      break;
    case 404:
      lines.push(context === 'case' ? t('error.caseNotFound') : t('error.notFound'));
      break;
    case 409: {
      kind = 'conflict';
      if (problem.currentState) {
        const allowed = Array.isArray(problem.allowedTransitions) ? problem.allowedTransitions : [];
        lines.push(
          t('error.conflictState', {
            state: tc('stage', problem.currentState),
            step: problem.step ? tc('step', problem.step) : t('error.thisStep'),
          }),
        );
        lines.push(
          allowed.length
            ? t('error.allowedNow', { steps: allowed.map((s) => tc('step', s)).join('、') })
            : t('error.nothingAllowed'),
        );
      } else {
        lines.push(t('error.conflict'));
      }
      break;
    }
    case 410:
      lines.push(t('error.gone'));
      break;
    case 412:
      kind = 'stale';
      if (context === 'plan' || context === 'decision') {
        lines.push(
          problem.editedBy
            ? t('error.planStale', { by: problem.editedBy, at: dateTime(problem.editedAt) })
            : t('error.planStaleAnon'),
        );
      } else {
        lines.push(t('error.caseStale'));
      }
      break;
    default:
      lines.push(status >= 500 ? t('error.server') : t('error.unknown', { status }));
  }
  if (detail && status !== 401) lines.push(t('error.detail', { detail }));
  return { lines, kind };
}
