import { useState } from 'preact/hooks';
import { api, post, withQuery } from '../lib/api.js';
import { t, tc } from '../lib/i18n.js';
import { ErrorNotice } from './ErrorNotice.jsx';

/**
 * A supervisor re-assigns a case: the advisors covering its community (GET /advisors?community=), then
 * POST /cases/{id}/assign {"advisorId"} with If-Match.
 */
export function Reassign({ item, version, onDone, onReload }) {
  const [open, setOpen] = useState(false);
  const [advisors, setAdvisors] = useState(null);
  const [advisorId, setAdvisorId] = useState('');
  const [error, setError] = useState(null);
  const [loadError, setLoadError] = useState(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const prefix = `reassign-${item.id}`;
  const toggle = async (event) => {
    const isOpen = event.currentTarget.open;
    setOpen(isOpen);
    if (isOpen && advisors === null) {
      try {
        const answer = await api(withQuery('/api/referral/advisors', { community: item.communityCode }));
        setAdvisors(Array.isArray(answer.data) ? answer.data : []);
      } catch (e) {
        setLoadError(e);
        setAdvisors([]);
      }
    }
  };
  const submit = async (event) => {
    event.preventDefault();
    if (!advisorId) return;
    setBusy(true);
    setError(null);
    setDone(false);
    try {
      await post(`/api/referral/cases/${encodeURIComponent(item.id)}/assign`, { advisorId }, { ifMatch: version ?? item.version });
      setDone(true);
      onDone && onDone();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <details class="action-form" onToggle={toggle} data-testid="form-reassign">
      <summary>
        <span class="summary-title">{t('reassign.title')}</span>
      </summary>
      {open && (
        <form onSubmit={submit} aria-label={t('reassign.title')}>
          <p class="hint">{t('reassign.owner', { owner: item.ownerId })}</p>
          <ErrorNotice error={loadError} context="list" />
          {advisors === null ? (
            <p role="status">{t('common.loading')}</p>
          ) : advisors.length === 0 && !loadError ? (
            <p class="muted">{t('reassign.noAdvisors')}</p>
          ) : (
            <div class="field">
              <label for={`${prefix}-advisor`}>{t('reassign.advisor')}</label>
              <select id={`${prefix}-advisor`} value={advisorId} required onChange={(e) => setAdvisorId(e.currentTarget.value)}>
                <option value="">{t('form.choose')}</option>
                {advisors.map((a) => (
                  <option key={a.id} value={a.id} disabled={a.id === item.ownerId}>
                    {t('reassign.option', { name: a.name || a.id, kind: tc('advisorKind', a.kind), open: a.openCases ?? 0 })}
                  </option>
                ))}
              </select>
            </div>
          )}
          <ErrorNotice error={error} context="command" onReload={onReload} />
          <div class="actions-row">
            <button type="submit" class="button-primary" disabled={busy || !advisorId}>
              {busy ? t('common.sending') : t('reassign.submit')}
            </button>
          </div>
          <p class="status-line" role="status">
            {done ? t('common.done') : ''}
          </p>
        </form>
      )}
    </details>
  );
}
