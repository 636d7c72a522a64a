import { useState } from 'preact/hooks';
import { t, tc } from '../lib/i18n.js';
import { dateTime } from '../lib/format.js';
import { useStore } from '../lib/store.js';
import { Link } from '../lib/router.js';
import { acknowledge, alertStore, isPaused, loadMoreAlerts, markRead, setSound, unreadCount } from '../lib/alerts.js';
import { ErrorNotice } from '../components/ErrorNotice.jsx';
import { Loading, PageTitle } from '../components/Page.jsx';

function AlertItem({ alert }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  const titleId = `alert-${alert.id}-title`;
  const unread = !alert.readAt && !alert.acknowledgedAt;
  const onAcknowledge = async () => {
    setBusy(true);
    setError(null);
    try {
      await acknowledge(alert.id, null);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <li
      class={`card alert-item${unread ? ' alert-unread' : ''}${alert.urgency === 'SOLVE_NOW' ? ' alert-urgent' : ''}`}
      data-testid="alert-item"
      data-alert-id={alert.id}
      data-sequence={alert.sequence}
      aria-labelledby={titleId}
    >
      <h2 class="card-title" id={titleId}>
        {tc('alertKind', alert.kind)}
        {unread && <span class="tag tag-new">{t('alerts.new')}</span>}
      </h2>
      <dl class="facts">
        <div>
          <dt>{t('case.community')}</dt>
          <dd>{alert.communityCode}</dd>
        </div>
        <div>
          <dt>{t('case.urgency')}</dt>
          <dd>
            <span class={`urgency urgency-${alert.urgency}`}>{tc('urgency', alert.urgency)}</span>
          </dd>
        </div>
        <div>
          <dt>{t('alerts.raisedAt')}</dt>
          <dd>
            <time dateTime={alert.createdAt}>{dateTime(alert.createdAt)}</time>
          </dd>
        </div>
        {alert.acknowledgedAt ? (
          <div>
            <dt>{t('alerts.acknowledgedAt')}</dt>
            <dd>
              <time dateTime={alert.acknowledgedAt}>{dateTime(alert.acknowledgedAt)}</time>
            </dd>
          </div>
        ) : (
          alert.acknowledgeBy && (
            <div>
              <dt>{t('alerts.acknowledgeBy')}</dt>
              <dd>
                <time dateTime={alert.acknowledgeBy}>{dateTime(alert.acknowledgeBy)}</time>
              </dd>
            </div>
          )
        )}
        {alert.escalatedAt && (
          <div>
            <dt>{t('alerts.escalatedAt')}</dt>
            <dd>{dateTime(alert.escalatedAt)}</dd>
          </div>
        )}
      </dl>
      {alert.detail && <p class="alert-detail">{alert.detail}</p>}
      <div class="actions-row">
        <Link
          href={`/cases/${encodeURIComponent(alert.caseId)}`}
          class="button button-secondary"
          onClick={() => markRead(alert.id)}
          aria-describedby={titleId}
        >
          {t('alerts.openCase')}
        </Link>
        {alert.acknowledgedAt ? (
          <span class="tag tag-done">{t('alerts.acknowledged')}</span>
        ) : (
          <button type="button" class="button-primary" onClick={onAcknowledge} disabled={busy} aria-describedby={titleId}>
            {busy ? t('common.sending') : t('alerts.acknowledge')}
          </button>
        )}
      </div>
      <ErrorNotice error={error} context="alerts" />
    </li>
  );
}

export function AlertsPage() {
  const state = useStore(alertStore);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState(null);
  const count = unreadCount(state.items);
  const more = async () => {
    setLoadingMore(true);
    setError(null);
    try {
      await loadMoreAlerts();
    } catch (e) {
      setError(e);
    } finally {
      setLoadingMore(false);
    }
  };
  return (
    <>
      <PageTitle>{t('page.alerts')}</PageTitle>
      <div class="toolbar">
        <p class="muted" data-testid="alert-unread-summary">
          {t('alerts.unreadCount', { count })}
        </p>
        <button
          type="button"
          class="button-secondary"
          aria-pressed={state.sound ? 'true' : 'false'}
          onClick={() => setSound(!state.sound)}
          data-testid="alert-sound"
        >
          {t('alerts.sound')}
          <span class="pressed-state" aria-hidden="true">
            {state.sound ? t('common.on') : t('common.off')}
          </span>
        </button>
      </div>
      {isPaused(state) && <p class="muted">{t('alerts.pausedHint')}</p>}
      <ErrorNotice error={state.error} context="alerts" />
      {!state.loaded ? (
        <Loading />
      ) : state.items.length === 0 ? (
        <p class="empty">{t('alerts.none')}</p>
      ) : (
        <ul class="card-list" data-testid="alert-list">
          {state.items.map((alert) => (
            <AlertItem key={alert.id} alert={alert} />
          ))}
        </ul>
      )}
      <ErrorNotice error={error} context="alerts" />
      {state.next && (
        <button type="button" class="button-secondary" onClick={more} disabled={loadingMore}>
          {loadingMore ? t('common.loading') : t('action.loadMore')}
        </button>
      )}
    </>
  );
}
