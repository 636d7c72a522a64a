import { useEffect, useState } from 'preact/hooks';
import { api, withQuery } from '../lib/api.js';
import { t, tc } from '../lib/i18n.js';
import { navigate } from '../lib/router.js';
import { communities } from '../lib/roles.js';
import { ErrorNotice } from '../components/ErrorNotice.jsx';
import { Loading, PageTitle } from '../components/Page.jsx';
import { CaseCard } from '../components/CaseCard.jsx';

export const OPEN_STAGES = ['ASSIGNED', 'VISITED', 'VERIFIED', 'REFERRED'];
const PATH = '/api/referral/cases/mine';

/** Hook for a paged list: the first page for `params`, more pages through Link rel="next". */
export function usePagedList(path, params, deps) {
  const [state, setState] = useState({ items: [], next: null, loading: true, error: null, more: false });
  useEffect(() => {
    const controller = new AbortController();
    setState({ items: [], next: null, loading: true, error: null, more: false });
    api(withQuery(path, params), { signal: controller.signal })
      .then((answer) =>
        setState({ items: Array.isArray(answer.data) ? answer.data : [], next: answer.next, loading: false, error: null, more: false }),
      )
      .catch((error) => error.name !== 'AbortError' && setState({ items: [], next: null, loading: false, error, more: false }));
    return () => controller.abort();
  }, deps);
  const loadMore = async () => {
    if (!state.next) return;
    setState((s) => ({ ...s, more: true, error: null }));
    try {
      const answer = await api(withQuery(path, { ...params, ...state.next }));
      setState((s) => {
        const seen = new Set(s.items.map((i) => i.id));
        const added = (Array.isArray(answer.data) ? answer.data : []).filter((i) => !seen.has(i.id));
        return { ...s, items: [...s.items, ...added], next: answer.next, more: false };
      });
    } catch (error) {
      setState((s) => ({ ...s, more: false, error }));
    }
  };
  const replace = (item) => setState((s) => ({ ...s, items: s.items.map((i) => (i.id === item.id ? { ...i, ...item } : i)) }));
  /** The first page again, the list staying on screen meanwhile (after a change made from the list). */
  const refresh = async () => {
    try {
      const answer = await api(withQuery(path, params));
      setState({ items: Array.isArray(answer.data) ? answer.data : [], next: answer.next, loading: false, error: null, more: false });
    } catch (error) {
      setState((s) => ({ ...s, error }));
    }
  };
  return { ...state, loadMore, replace, refresh };
}

export function LoadMore({ list }) {
  if (!list.next) return null;
  return (
    <button type="button" class="button-secondary load-more" onClick={list.loadMore} disabled={list.more}>
      {list.more ? t('common.loading') : t('action.loadMore')}
    </button>
  );
}

export function MyCases({ user, query }) {
  const community = query.get('community') || '';
  const stage = query.get('stage') || '';
  const overdue = query.get('overdue') === 'true';
  const params = { community, stage, overdue: overdue ? 'true' : '', limit: 50 };
  const list = usePagedList(PATH, params, [community, stage, overdue]);
  const mine = communities(user);
  const setFilter = (patch) => {
    const next = { community, stage, overdue: overdue ? 'true' : '', ...patch };
    navigate(withQuery('/cases', next), { replace: true });
  };
  return (
    <>
      <PageTitle>{t('page.cases')}</PageTitle>
      <form class="filters" aria-label={t('filter.label')} onSubmit={(e) => e.preventDefault()}>
        <div class="field">
          <label for="filter-community">{t('filter.community')}</label>
          <select id="filter-community" value={community} onChange={(e) => setFilter({ community: e.currentTarget.value })}>
            <option value="">{t('filter.allCommunities')}</option>
            {mine.map((code) => (
              <option key={code} value={code}>
                {code}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="filter-stage">{t('filter.stage')}</label>
          <select id="filter-stage" value={stage} onChange={(e) => setFilter({ stage: e.currentTarget.value })}>
            <option value="">{t('filter.allStages')}</option>
            {OPEN_STAGES.map((s) => (
              <option key={s} value={s}>
                {tc('stage', s)}
              </option>
            ))}
          </select>
        </div>
        <div class="field-check">
          <input
            id="filter-overdue"
            type="checkbox"
            checked={overdue}
            onChange={(e) => setFilter({ overdue: e.currentTarget.checked ? 'true' : '' })}
          />
          <label for="filter-overdue">{t('filter.overdueOnly')}</label>
        </div>
      </form>
      <p class="muted">{t('cases.sortNote')}</p>
      <ErrorNotice error={list.error} context="list" />
      {list.loading ? (
        <Loading />
      ) : list.items.length === 0 ? (
        !list.error &&
        <p class="empty">{t('cases.none')}</p>
      ) : (
        <ul class="card-list" data-testid="case-list">
          {list.items.map((item) => (
            <CaseCard key={item.id} item={item} />
          ))}
        </ul>
      )}
      <LoadMore list={list} />
    </>
  );
}
