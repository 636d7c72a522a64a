import { useEffect, useState } from 'preact/hooks';
import { api, withQuery } from '../lib/api.js';
import { t, tc } from '../lib/i18n.js';
import { Link, navigate } from '../lib/router.js';
import { jurisdictions } from '../lib/roles.js';
import { serviceMenu } from '../lib/reference.js';
import { ErrorNotice } from '../components/ErrorNotice.jsx';
import { Loading, PageTitle } from '../components/Page.jsx';
import { CaseCard } from '../components/CaseCard.jsx';
import { Reassign } from '../components/Reassign.jsx';
import { PlanDecision, PlanSummary } from '../components/PlanSection.jsx';
import { LoadMore, usePagedList } from './MyCases.jsx';

const FILTERS = ['overdue', 'escalated', 'approval', 'all'];

/** The area a supervisor looks at: from the query, else their first jurisdiction. */
export function AreaPicker({ user, area, onChange, id = 'area-code' }) {
  const mine = jurisdictions(user);
  const [typed, setTyped] = useState(area || '');
  useEffect(() => setTyped(area || ''), [area]);
  if (mine.length > 0) {
    return (
      <div class="field">
        <label for={id}>{t('area.label')}</label>
        <select id={id} value={area} onChange={(e) => onChange(e.currentTarget.value)}>
          {mine.map((code) => (
            <option key={code} value={code}>
              {t('area.option', { code, level: tc('levelOfCode', String(code.length)) })}
            </option>
          ))}
        </select>
      </div>
    );
  }
  // a platform admin without jurisdictions types the code (the city's, to see everything)
  return (
    <form
      class="inline-fields"
      onSubmit={(e) => {
        e.preventDefault();
        onChange(typed.trim());
      }}
    >
      <div class="field">
        <label for={id}>{t('area.code')}</label>
        <input id={id} type="text" inputMode="numeric" pattern="\d{4}|\d{6}|\d{9}|\d{12}" value={typed} onInput={(e) => setTyped(e.currentTarget.value)} aria-describedby={`${id}-hint`} />
        <p class="hint" id={`${id}-hint`}>
          {t('area.codeHint')}
        </p>
      </div>
      <button type="submit" class="button-secondary">
        {t('action.show')}
      </button>
    </form>
  );
}

function ApprovalPanel({ item, userId, onDone }) {
  const [open, setOpen] = useState(false);
  const [plan, setPlan] = useState(null);
  const [error, setError] = useState(null);
  const [menu, setMenu] = useState(null);
  const load = async () => {
    setError(null);
    try {
      const answer = await api(`/api/referral/cases/${encodeURIComponent(item.id)}/plan`);
      setPlan(answer.data);
    } catch (e) {
      setError(e);
    }
  };
  const toggle = (event) => {
    const isOpen = event.currentTarget.open;
    setOpen(isOpen);
    if (isOpen && !plan) {
      load();
      serviceMenu().then(setMenu, () => {});
    }
  };
  return (
    <details class="action-form" onToggle={toggle} data-testid="approval-panel">
      <summary>
        <span class="summary-title">{t('area.reviewPlan')}</span>
      </summary>
      {open && (
        <div class="approval-body">
          <ErrorNotice error={error} context="case" />
          {!plan && !error && <p role="status">{t('common.loading')}</p>}
          {plan && (
            <>
              <PlanSummary plan={plan} menu={menu} />
              {plan.status === 'PENDING_APPROVAL' ? (
                <PlanDecision caseId={item.id} plan={plan} userId={userId} onDone={() => (load(), onDone())} onReload={load} />
              ) : (
                <p class="muted">{t('area.noLongerPending', { status: tc('planStatus', plan.status) })}</p>
              )}
            </>
          )}
        </div>
      )}
    </details>
  );
}

export function AreaPage({ user, query }) {
  const mine = jurisdictions(user);
  const area = query.get('area') || mine[0] || '';
  const filter = FILTERS.includes(query.get('filter')) ? query.get('filter') : 'overdue';
  const list = usePagedList('/api/referral/worklist', { area, filter: filter === 'all' ? '' : filter, limit: 50 }, [area, filter]);
  const go = (patch) => navigate(withQuery('/area', { area, filter, ...patch }), { replace: true });
  const [notice, setNotice] = useState(null);
  const refresh = () => list.refresh();
  // the row leaves the list once decided or re-assigned: say so where the user is looking
  const done = (message) => () => {
    setNotice(t(message));
    refresh();
  };
  return (
    <>
      <PageTitle>{t('page.area')}</PageTitle>
      <AreaPicker user={user} area={area} onChange={(next) => go({ area: next })} />
      <nav aria-label={t('area.filters')} class="tabs">
        <ul>
          {FILTERS.map((f) => (
            <li key={f}>
              <Link href={withQuery('/area', { area, filter: f })} keepFocus class="tab" aria-current={f === filter ? 'page' : 'false'} data-testid={`worklist-tab-${f}`}>
                {t(`area.filter.${f}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {!area ? (
        <p class="muted">{t('area.pick')}</p>
      ) : (
        <>
          {notice && (
            <p role="status" class="notice notice-info" data-testid="area-notice">
              {notice}
            </p>
          )}
          <ErrorNotice error={list.error} context="area" />
          {list.loading ? (
            <Loading />
          ) : list.items.length === 0 ? (
        !list.error &&
            <p class="empty">{t(`area.none.${filter}`)}</p>
          ) : (
            <ul class="card-list" data-testid="worklist">
              {list.items.map((item) => (
                <CaseCard
                  key={item.id}
                  item={item}
                  extra={
                    <>
                      <div>
                        <dt>{t('case.owner')}</dt>
                        <dd>{item.ownerId}</dd>
                      </div>
                      {item.planStatus && (
                        <div>
                          <dt>{t('plan.status')}</dt>
                          <dd>{tc('planStatus', item.planStatus)}</dd>
                        </div>
                      )}
                    </>
                  }
                >
                  <div class="action-forms">
                    <Reassign item={item} version={item.version} onDone={done('area.reassigned')} onReload={refresh} />
                    {item.planStatus === 'PENDING_APPROVAL' && <ApprovalPanel item={item} userId={user.id} onDone={done('area.decided')} />}
                  </div>
                </CaseCard>
              ))}
            </ul>
          )}
          <LoadMore list={list} />
        </>
      )}
    </>
  );
}
