import { useEffect, useState } from 'preact/hooks';
import { api, post, put, withQuery } from '../lib/api.js';
import { t, tc } from '../lib/i18n.js';
import { dateTime, yuan, yuanToFen } from '../lib/format.js';
import { itemName, localName, policyLibrary, serviceMenu } from '../lib/reference.js';
import { useResource } from '../lib/useResource.js';
import { CommandForm, Select, TextArea } from './CommandForm.jsx';
import { ErrorNotice } from './ErrorNotice.jsx';

export const TIERS = ['COMPREHENSIVE_SERVICE', 'REFERRAL', 'TRACKING'];

function useMenuData() {
  const [menu, setMenu] = useState(null);
  useEffect(() => {
    serviceMenu().then(setMenu, () => setMenu(null));
  }, []);
  return menu;
}

/** The plan as the rules proposed it and the advisor edited it. */
export function PlanSummary({ plan, menu }) {
  const body = plan.plan || {};
  return (
    <div class="plan-summary" data-testid="plan-summary">
      <dl class="facts">
        <div>
          <dt>{t('plan.status')}</dt>
          <dd>
            <span class={`tag tag-plan-${plan.status}`} data-testid="plan-status">
              {tc('planStatus', plan.status)}
            </span>
          </dd>
        </div>
        <div>
          <dt>{t('plan.version')}</dt>
          <dd>{plan.version}</dd>
        </div>
        <div>
          <dt>{t('plan.tier')}</dt>
          <dd>{tc('tier', body.tier)}</dd>
        </div>
        <div>
          <dt>{t('plan.createdBy')}</dt>
          <dd>
            {plan.createdBy} · {dateTime(plan.createdAt)}
          </dd>
        </div>
        <div>
          <dt>{t('plan.committed')}</dt>
          <dd>{yuan(plan.committedAmountFen)}</dd>
        </div>
        <div>
          <dt>{t('plan.oneOff')}</dt>
          <dd>{yuan(body.oneOffAssistanceFen)}</dd>
        </div>
        <div>
          <dt>{t('plan.reviewInterval')}</dt>
          <dd>{body.reviewIntervalDays ? t('plan.days', { n: body.reviewIntervalDays }) : t('common.none')}</dd>
        </div>
        {plan.decidedBy && (
          <div>
            <dt>{t('plan.decidedBy')}</dt>
            <dd>
              {plan.decidedBy} · {dateTime(plan.decidedAt)}
              {plan.decisionNote ? ` · ${plan.decisionNote}` : ''}
            </dd>
          </div>
        )}
      </dl>
      {plan.needsApproval &&
        (plan.approvalReasons && plan.approvalReasons.length > 0 ? plan.approvalReasons : [{ kind: 'ABOVE_APPROVAL_LINE' }]).map((reason) => (
          <p class="notice notice-info" data-testid="plan-approval-reason">
            {reason.kind === 'AMOUNT_UNKNOWN'
              ? t('plan.amountUnknown', { programme: reason.programme })
              : t('plan.needsApproval', { amount: yuan(plan.committedAmountFen) })}
          </p>
        ))}
      {plan.status === 'PENDING_APPROVAL' && (
        <p class="notice notice-info" data-testid="plan-pending">
          {t('plan.pendingApproval', { author: plan.createdBy })}
        </p>
      )}
      {body.note && (
        <p>
          <strong>{t('form.note')}：</strong>
          {body.note}
        </p>
      )}
      <h3>{t('plan.programmes')}</h3>
      {(body.programmes || []).length === 0 ? (
        <p class="muted">{t('plan.noProgrammes')}</p>
      ) : (
        <ul class="plain-list">
          {body.programmes.map((p) => (
            <li key={p.code} class="plan-programme">
              <p class="plan-programme-name">
                <strong>{p.name || p.code}</strong> <span class="muted">({p.code})</span>
                {' · '}
                {p.estimatedMonthlyAmountFen !== null && p.estimatedMonthlyAmountFen !== undefined
                  ? t('plan.monthly', { amount: yuan(p.estimatedMonthlyAmountFen) })
                  : t('plan.noMonthly')}
              </p>
              {(p.matchedRule || []).length > 0 ? (
                <>
                  <p class="hint">{t('plan.matchedRule')}</p>
                  <ul>
                    {p.matchedRule.map((label, i) => (
                      <li key={i}>{label}</li>
                    ))}
                  </ul>
                </>
              ) : (
                <p class="hint">{t('plan.addedByAdvisor')}</p>
              )}
              {p.explanation && <p class="explanation">{p.explanation}</p>}
            </li>
          ))}
        </ul>
      )}
      {(body.notEligible || []).length > 0 && (
        <>
          <h3>{t('plan.notEligible')}</h3>
          <ul>
            {body.notEligible.map((why, i) => (
              <li key={i}>{why}</li>
            ))}
          </ul>
        </>
      )}
      <h3>{t('plan.resources')}</h3>
      {(body.resources || []).length === 0 ? (
        <p class="muted">{t('plan.noResources')}</p>
      ) : (
        <ul>
          {body.resources.map((r) => (
            <li key={r.serviceItem + r.organisationId}>
              {t('plan.resourceLine', {
                item: itemName(menu, r.serviceItem),
                organisation: r.organisationName || r.organisationId,
                kind: tc('orgKind', r.kind),
              })}
            </li>
          ))}
        </ul>
      )}
      {(body.needs || []).length > 0 && (
        <>
          <h3>{t('plan.needs')}</h3>
          <ul>
            {body.needs.map((n) => (
              <li key={n.item}>
                {itemName(menu, n.item)} · {tc('urgency', n.urgency)}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

function initialDraft(plan) {
  const body = plan.plan || {};
  return {
    tier: body.tier && TIERS.includes(body.tier) ? body.tier : 'TRACKING',
    programmes: (body.programmes || []).map((p) => p.code),
    resources: Object.fromEntries((body.resources || []).map((r) => [r.serviceItem, r.organisationId])),
    reviewIntervalDays: body.reviewIntervalDays ? String(body.reviewIntervalDays) : '',
    oneOffYuan: body.oneOffAssistanceFen ? String(body.oneOffAssistanceFen / 100) : '',
    note: body.note || '',
  };
}

function PlanEditor({ view, plan, menu, onSaved, onReload }) {
  const body = plan.plan || {};
  const [library, setLibrary] = useState([]);
  const items = [...new Set([...(body.needs || []).map((n) => n.item), ...(body.resources || []).map((r) => r.serviceItem)])];
  const matches = useResource(
    () => (items.length ? api(withQuery('/api/referral/resources', { community: view.communityCode, service: items })) : { data: [] }),
    [view.communityCode, items.join(',')],
  );
  useEffect(() => {
    policyLibrary(view.communityCode).then(setLibrary, () => setLibrary([]));
  }, [view.communityCode]);
  const programmeOptions = new Map(library.map((p) => [p.code, localName(p, p.code)]));
  (body.programmes || []).forEach((p) => programmeOptions.has(p.code) || programmeOptions.set(p.code, p.name || p.code));
  const prefix = `plan-${view.id}`;
  return (
    <CommandForm
      id={`${prefix}-edit`}
      testid="form-plan"
      title={t('plan.edit')}
      draftKey={`case:${view.id}:plan`}
      initial={initialDraft(plan)}
      submitLabel={t('plan.save')}
      context="plan"
      onReload={onReload}
      onDone={onSaved}
      send={(v, { fail }) => {
        const interval = v.reviewIntervalDays === '' ? null : parseInt(v.reviewIntervalDays, 10);
        if (interval !== null && (!Number.isInteger(interval) || interval < 1)) fail(t('plan.invalidInterval'));
        const oneOff = yuanToFen(v.oneOffYuan);
        if (Number.isNaN(oneOff)) fail(t('plan.invalidAmount'));
        return put(
          `/api/referral/cases/${encodeURIComponent(view.id)}/plan`,
          {
            tier: v.tier,
            programmes: v.programmes,
            resources: Object.entries(v.resources)
              .filter(([, organisationId]) => organisationId)
              .map(([serviceItem, organisationId]) => ({ serviceItem, organisationId })),
            reviewIntervalDays: interval,
            oneOffAssistanceFen: oneOff,
            note: v.note.trim() || null,
          },
          { ifMatch: plan.version },
        );
      }}
      render={(v, update) => (
        <>
          <Select
            id={`${prefix}-tier`}
            label={t('plan.tier')}
            required
            value={v.tier}
            options={TIERS.map((tier) => [tier, tc('tier', tier)])}
            onChange={(tier) => update({ tier })}
          />
          <fieldset class="fieldset">
            <legend>{t('plan.programmes')}</legend>
            {[...programmeOptions.entries()].map(([code, name]) => (
              <div class="field-check" key={code}>
                <input
                  id={`${prefix}-programme-${code}`}
                  type="checkbox"
                  checked={v.programmes.includes(code)}
                  onChange={(e) =>
                    update({ programmes: e.currentTarget.checked ? [...v.programmes, code] : v.programmes.filter((c) => c !== code) })
                  }
                />
                <label for={`${prefix}-programme-${code}`}>
                  {name} <span class="muted">({code})</span>
                </label>
              </div>
            ))}
          </fieldset>
          <fieldset class="fieldset">
            <legend>{t('plan.resources')}</legend>
            <ErrorNotice error={matches.error} context="list" />
            {items.length === 0 && <p class="muted">{t('plan.noNeeds')}</p>}
            {items.map((item) => {
              const match = (matches.data || []).find((m) => m.serviceItem === item);
              const available = match?.available || [];
              const current = (body.resources || []).find((r) => r.serviceItem === item);
              const options = available.map((r) => [
                r.organisationId,
                t('plan.resourceOption', { name: r.name || r.organisationId, kind: tc('orgKind', r.kind), free: r.freeCapacity }),
              ]);
              if (current && !options.some(([id]) => id === current.organisationId)) {
                options.unshift([current.organisationId, current.organisationName || current.organisationId]);
              }
              return (
                <div key={item}>
                  <Select
                    id={`${prefix}-resource-${item}`}
                    label={t('plan.resourceFor', { item: itemName(menu, item) })}
                    value={v.resources[item] || ''}
                    placeholder={t('plan.noResource')}
                    options={options}
                    onChange={(organisationId) => update({ resources: { ...v.resources, [item]: organisationId } })}
                  />
                  {match && match.atCapacity && match.atCapacity.length > 0 && (
                    <p class="hint">{t('plan.atCapacity', { ids: match.atCapacity.join('、') })}</p>
                  )}
                </div>
              );
            })}
          </fieldset>
          <div class="field">
            <label for={`${prefix}-interval`}>{t('plan.reviewInterval')}</label>
            <input
              id={`${prefix}-interval`}
              type="number"
              min="1"
              inputMode="numeric"
              value={v.reviewIntervalDays}
              onInput={(e) => update({ reviewIntervalDays: e.currentTarget.value })}
            />
          </div>
          <div class="field">
            <label for={`${prefix}-oneoff`}>{t('plan.oneOffYuan')}</label>
            <input id={`${prefix}-oneoff`} type="text" inputMode="decimal" autoComplete="off" value={v.oneOffYuan} onInput={(e) => update({ oneOffYuan: e.currentTarget.value })} />
          </div>
          <TextArea id={`${prefix}-note`} label={t('form.note')} value={v.note} onInput={(note) => update({ note })} />
        </>
      )}
    />
  );
}

function ConfirmPlan({ view, plan, onDone, onReload }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await post(`/api/referral/cases/${encodeURIComponent(view.id)}/plan/confirm`, undefined, { ifMatch: plan.version });
      onDone();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div class="plan-confirm">
      <p class="hint">{t('plan.confirmHint')}</p>
      <button type="button" class="button-primary" onClick={confirm} disabled={busy}>
        {busy ? t('common.sending') : t('plan.confirm')}
      </button>
      <ErrorNotice error={error} context="plan" onReload={onReload} />
    </div>
  );
}

/** A supervisor approves or rejects a plan waiting for approval (maker-checker: not the plan's author). */
export function PlanDecision({ caseId, plan, userId, onDone, onReload }) {
  const base = `/api/referral/cases/${encodeURIComponent(caseId)}/plan`;
  if (userId && plan.createdBy === userId) {
    return (
      <p class="notice notice-info" data-testid="plan-own">
        {t('error.makerChecker')}
      </p>
    );
  }
  return (
    <div class="action-forms" data-testid="plan-decision">
      <CommandForm
        id={`approve-${caseId}`}
        testid="form-plan-approve"
        title={t('plan.approve')}
        draftKey={`case:${caseId}:plan-approve`}
        initial={{ note: '' }}
        submitLabel={t('plan.approveSubmit')}
        context="decision"
        onReload={onReload}
        onDone={onDone}
        send={(v) => post(`${base}/approve`, { note: v.note.trim() || null }, { ifMatch: plan.version })}
        render={(v, update) => <TextArea id={`approve-${caseId}-note`} label={t('form.note')} value={v.note} onInput={(note) => update({ note })} />}
      />
      <CommandForm
        id={`reject-${caseId}`}
        testid="form-plan-reject"
        title={t('plan.reject')}
        draftKey={`case:${caseId}:plan-reject`}
        initial={{ note: '' }}
        submitLabel={t('plan.rejectSubmit')}
        context="decision"
        danger
        onReload={onReload}
        onDone={onDone}
        send={(v, { fail }) => {
          if (!v.note.trim()) fail(t('plan.rejectNoteRequired'));
          return post(`${base}/reject`, { note: v.note.trim() }, { ifMatch: plan.version });
        }}
        render={(v, update) => (
          <TextArea id={`reject-${caseId}-note`} label={t('plan.rejectNote')} required value={v.note} onInput={(note) => update({ note })} />
        )}
      />
    </div>
  );
}

/** GET /cases/{id}/plan and what can be done with it at the case's stage. */
export function PlanSection({ view, supervisor, userId, revision, onChanged }) {
  const planPath = `/api/referral/cases/${encodeURIComponent(view.id)}/plan`;
  const plan = useResource(() => api(planPath), [view.id, revision]);
  const menu = useMenuData();
  const canPlan = view.stage === 'VERIFIED' || view.stage === 'REFERRED';
  const changed = () => {
    plan.reload();
    onChanged();
  };
  if (plan.loading && !plan.data) return <p role="status">{t('common.loading')}</p>;
  // no plan yet: none was drafted (404), or the case is not verified yet (409 naming its stage)
  if (plan.error && (plan.error.status === 404 || (plan.error.status === 409 && !canPlan))) {
    return <p class="muted">{t('plan.none')}</p>;
  }
  if (plan.error) return <ErrorNotice error={plan.error} context="case" />;
  const current = plan.data;
  if (!current) return null;
  return (
    <>
      <PlanSummary plan={current} menu={menu} />
      {canPlan && current.status === 'DRAFT' && <ConfirmPlan view={view} plan={current} onDone={changed} onReload={plan.reload} />}
      {supervisor && current.status === 'PENDING_APPROVAL' && (
        <PlanDecision caseId={view.id} plan={current} userId={userId} onDone={changed} onReload={plan.reload} />
      )}
      {canPlan && current.status !== 'PENDING_APPROVAL' && (
        <div class="action-forms">
          <PlanEditor key={current.version} view={view} plan={current} menu={menu} onSaved={changed} onReload={plan.reload} />
        </div>
      )}
    </>
  );
}
