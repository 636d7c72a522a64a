import { useEffect, useState } from 'preact/hooks';
import { post } from '../lib/api.js';
import { t, tc } from '../lib/i18n.js';
import { shanghaiLocalToInstant, shanghaiNowLocal, yuanToFen } from '../lib/format.js';
import { localName, policyLibrary, serviceMenu } from '../lib/reference.js';
import { CommandForm, Select, TextArea } from './CommandForm.jsx';

export const URGENCIES = ['SOLVE_NOW', 'IN_STAGES', 'LONG_TERM'];
export const DISMISSAL_REASONS = ['NOT_IN_DIFFICULTY', 'ALREADY_ASSISTED', 'MOVED_AWAY', 'DECEASED', 'DUPLICATE', 'DECLINED', 'OTHER'];
export const OUTCOMES = ['ASSISTED', 'NEEDS_MET', 'MONITORING_ENDED', 'NO_LONGER_NEEDED', 'OTHER'];

/** The steps each stage allows (referral-service README, "Workflow"). */
const ALLOWED = {
  ASSIGNED: ['VISIT', 'ASSIST_FIRST', 'CLOSE'],
  VISITED: ['VISIT', 'VERIFY', 'DISMISS', 'ASSIST_FIRST', 'CLOSE'],
  VERIFIED: ['VISIT', 'PLAN', 'REFER'],
  REFERRED: ['VISIT', 'PLAN', 'REFER', 'CLOSE'],
  DISMISSED: ['REOPEN'],
  CLOSED: ['REOPEN'],
};

export function allowedSteps(view) {
  const steps = new Set(ALLOWED[view.stage] || []);
  // assist first only for an urgent case not yet assisted first
  if (view.urgency !== 'SOLVE_NOW' || view.assistFirst) steps.delete('ASSIST_FIRST');
  // before verification, closing is only for a cleared warning
  if ((view.stage === 'ASSIGNED' || view.stage === 'VISITED') && !view.closeProposed) steps.delete('CLOSE');
  return steps;
}

/** HouseholdFacts fields the visit form asks for: counts are sent as numbers, amounts typed in yuan. */
const COUNT_FACTS = [
  'elderlyMembers',
  'childMembers',
  'disabledMembers',
  'severelyDisabledMembers',
  'seriouslyIllMembers',
  'studentMembers',
  'unemployedWorkingAgeMembers',
];
const MONEY_FACTS = ['monthlyIncomePerCapitaFen', 'financialAssetsPerCapitaFen', 'medicalOutOfPocketFen12Months'];
const FLAG_FACTS = ['withoutCapacityOrSupport', 'dangerousHousing', 'disasterAffected', 'orphanOrDeFactoUnsupportedChild'];

const EMPTY_FACTS = {
  members: '',
  ...Object.fromEntries(MONEY_FACTS.map((f) => [f, ''])),
  ...Object.fromEntries(COUNT_FACTS.map((f) => [f, '0'])),
  ...Object.fromEntries(FLAG_FACTS.map((f) => [f, false])),
  activeProgrammes: [],
};

/**
 * The facts as referral's HouseholdFacts takes them. Its counts and yes/no facts are Java primitives, so they are
 * always sent (the form shows 0 and "no" until changed); amounts are sent only when typed.
 */
function factsBody(facts, fail) {
  const members = parseInt(facts.members, 10);
  if (!Number.isInteger(members) || members < 1) fail(t('visit.invalidMembers'));
  const body = { members };
  for (const field of MONEY_FACTS) {
    const fen = yuanToFen(facts[field]);
    if (Number.isNaN(fen)) fail(t('visit.invalidAmount', { field: t(`facts.${field}`) }));
    if (fen !== null) body[field] = fen;
  }
  for (const field of COUNT_FACTS) {
    const n = facts[field] === '' ? 0 : parseInt(facts[field], 10);
    if (!Number.isInteger(n) || n < 0) fail(t('visit.invalidCount', { field: t(`facts.${field}`) }));
    if (n > members) fail(t('visit.countAboveMembers', { field: t(`facts.${field}`) }));
    body[field] = n;
  }
  for (const field of FLAG_FACTS) body[field] = !!facts[field];
  body.activeProgrammes = Array.isArray(facts.activeProgrammes) ? facts.activeProgrammes : [];
  return body;
}

function useMenu() {
  const [menu, setMenu] = useState(null);
  const [error, setError] = useState(null);
  useEffect(() => {
    serviceMenu().then(setMenu, setError);
  }, []);
  return { menu, error };
}

function usePolicies(community) {
  const [list, setList] = useState([]);
  useEffect(() => {
    policyLibrary(community).then(setList, () => setList([]));
  }, [community]);
  return list;
}

function NeedsPicker({ caseId, needs, onChange }) {
  const { menu, error } = useMenu();
  const [item, setItem] = useState('');
  const [urgency, setUrgency] = useState('IN_STAGES');
  const names = new Map();
  (menu?.categories || []).forEach((c) => (c.items || []).forEach((i) => names.set(i.code, localName(i))));
  const add = () => {
    if (!item || needs.some((n) => n.item === item)) return;
    onChange([...needs, { item, urgency }]);
    setItem('');
  };
  const prefix = `visit-${caseId}-need`;
  return (
    <fieldset class="fieldset">
      <legend>{t('visit.needs')}</legend>
      {error && <p class="notice notice-error">{t('visit.menuUnavailable')}</p>}
      {needs.length === 0 ? (
        <p class="muted">{t('visit.noNeeds')}</p>
      ) : (
        <ul class="needs-list" data-testid="visit-needs">
          {needs.map((need, index) => (
            <li key={need.item}>
              <span class="need-name">{names.get(need.item) || need.item}</span>
              <label class="visually-hidden" for={`${prefix}-${index}-urgency`}>
                {t('visit.needUrgencyOf', { item: names.get(need.item) || need.item })}
              </label>
              <select
                id={`${prefix}-${index}-urgency`}
                value={need.urgency}
                onChange={(e) => onChange(needs.map((n, i) => (i === index ? { ...n, urgency: e.currentTarget.value } : n)))}
              >
                {URGENCIES.map((u) => (
                  <option key={u} value={u}>
                    {tc('urgency', u)}
                  </option>
                ))}
              </select>
              <button
                type="button"
                class="button-link"
                onClick={() => onChange(needs.filter((_, i) => i !== index))}
                aria-label={t('visit.removeNeed', { item: names.get(need.item) || need.item })}
              >
                {t('action.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      <div class="inline-fields">
        <div class="field">
          <label for={`${prefix}-item`}>{t('visit.needItem')}</label>
          <select id={`${prefix}-item`} value={item} onChange={(e) => setItem(e.currentTarget.value)}>
            <option value="">{t('visit.pickNeed')}</option>
            {(menu?.categories || []).map((category) => (
              <optgroup key={category.code} label={localName(category)}>
                {(category.items || []).map((i) => (
                  <option key={i.code} value={i.code} disabled={needs.some((n) => n.item === i.code)}>
                    {localName(i)}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </div>
        <div class="field">
          <label for={`${prefix}-urgency`}>{t('visit.needUrgency')}</label>
          <select id={`${prefix}-urgency`} value={urgency} onChange={(e) => setUrgency(e.currentTarget.value)}>
            {URGENCIES.map((u) => (
              <option key={u} value={u}>
                {tc('urgency', u)}
              </option>
            ))}
          </select>
        </div>
        <button type="button" class="button-secondary" onClick={add} disabled={!item}>
          {t('visit.addNeed')}
        </button>
      </div>
    </fieldset>
  );
}

function FactsFields({ caseId, community, facts, onChange }) {
  const programmes = usePolicies(community);
  const set = (field, value) => onChange({ ...facts, [field]: value });
  const id = (field) => `visit-${caseId}-${field}`;
  return (
    <div class="facts-grid">
      <div class="field">
        <label for={id('members')}>
          {t('facts.members')}
          <span class="required"> {t('form.required')}</span>
        </label>
        <input id={id('members')} type="number" inputMode="numeric" min="1" max="99" required value={facts.members} onInput={(e) => set('members', e.currentTarget.value)} />
      </div>
      {MONEY_FACTS.map((field) => (
        <div class="field" key={field}>
          <label for={id(field)}>{t(`facts.${field}`)}</label>
          <input id={id(field)} type="text" inputMode="decimal" autoComplete="off" value={facts[field]} onInput={(e) => set(field, e.currentTarget.value)} aria-describedby={`${id(field)}-unit`} />
          <p class="hint" id={`${id(field)}-unit`}>
            {t('facts.yuanHint')}
          </p>
        </div>
      ))}
      {COUNT_FACTS.map((field) => (
        <div class="field" key={field}>
          <label for={id(field)}>{t(`facts.${field}`)}</label>
          <input id={id(field)} type="number" inputMode="numeric" min="0" max="99" value={facts[field]} onInput={(e) => set(field, e.currentTarget.value)} />
        </div>
      ))}
      <fieldset class="fieldset fieldset-flat">
        <legend>{t('facts.situation')}</legend>
        {FLAG_FACTS.map((field) => (
          <div class="field-check" key={field}>
            <input id={id(field)} type="checkbox" checked={!!facts[field]} onChange={(e) => set(field, e.currentTarget.checked)} />
            <label for={id(field)}>{t(`facts.${field}`)}</label>
          </div>
        ))}
      </fieldset>
      {programmes.length > 0 && (
        <fieldset class="fieldset fieldset-flat">
          <legend>{t('facts.activeProgrammes')}</legend>
          {programmes.map((p) => (
            <div class="field-check" key={p.code}>
              <input
                id={id(`active-${p.code}`)}
                type="checkbox"
                checked={facts.activeProgrammes.includes(p.code)}
                onChange={(e) =>
                  set(
                    'activeProgrammes',
                    e.currentTarget.checked ? [...facts.activeProgrammes, p.code] : facts.activeProgrammes.filter((c) => c !== p.code),
                  )
                }
              />
              <label for={id(`active-${p.code}`)}>{localName(p, p.code)}</label>
            </div>
          ))}
        </fieldset>
      )}
    </div>
  );
}

/** The forms for the steps the case's stage allows; each sends If-Match with the case's version. */
export function CaseActions({ view, version, onChanged, onReload }) {
  const steps = allowedSteps(view);
  const base = `/api/referral/cases/${encodeURIComponent(view.id)}`;
  const key = (form) => `case:${view.id}:${form}`;
  const command = (path, body) => post(`${base}/${path}`, body, { ifMatch: version });
  const forms = [];
  if (steps.has('VISIT')) {
    forms.push(
      <CommandForm
        key="visit"
        id={`visit-${view.id}`}
        testid="form-visit"
        title={t('visit.title')}
        draftKey={key('visit')}
        initial={{ visitedAt: '', findings: '', needs: [], withFacts: false, facts: EMPTY_FACTS }}
        submitLabel={t('visit.submit')}
        onReload={onReload}
        onDone={onChanged}
        send={(v, { fail }) => {
          const body = { findings: v.findings.trim() || null, needs: v.needs };
          if (v.visitedAt) {
            const at = shanghaiLocalToInstant(v.visitedAt);
            if (!at) fail(t('visit.invalidTime'));
            if (new Date(at).getTime() > Date.now() + 60_000) fail(t('visit.futureTime'));
            body.visitedAt = at;
          }
          if (v.withFacts) body.facts = factsBody({ ...EMPTY_FACTS, ...v.facts }, fail);
          return command('visits', body);
        }}
        render={(v, update) => (
          <>
            <div class="field">
              <label for={`visit-${view.id}-at`}>{t('visit.visitedAt')}</label>
              <input
                id={`visit-${view.id}-at`}
                type="datetime-local"
                value={v.visitedAt}
                max={shanghaiNowLocal()}
                aria-describedby={`visit-${view.id}-at-hint`}
                onInput={(e) => update({ visitedAt: e.currentTarget.value })}
              />
              <p class="hint" id={`visit-${view.id}-at-hint`}>
                {t('visit.visitedAtHint')}
              </p>
            </div>
            <TextArea id={`visit-${view.id}-findings`} label={t('visit.findings')} value={v.findings} rows={6} onInput={(findings) => update({ findings })} />
            <NeedsPicker caseId={view.id} needs={v.needs} onChange={(needs) => update({ needs })} />
            <fieldset class="fieldset">
              <legend>{t('facts.title')}</legend>
              <div class="field-check">
                <input id={`visit-${view.id}-with-facts`} type="checkbox" checked={v.withFacts} onChange={(e) => update({ withFacts: e.currentTarget.checked })} />
                <label for={`visit-${view.id}-with-facts`}>{t('facts.record')}</label>
              </div>
              <p class="hint">{t('facts.hint')}</p>
              {v.withFacts && (
                <FactsFields caseId={view.id} community={view.communityCode} facts={{ ...EMPTY_FACTS, ...v.facts }} onChange={(facts) => update({ facts })} />
              )}
            </fieldset>
          </>
        )}
      />,
    );
  }
  if (steps.has('VERIFY')) {
    forms.push(
      <CommandForm
        key="verify"
        id={`verify-${view.id}`}
        testid="form-verify"
        title={t('verify.title')}
        draftKey={key('verify')}
        initial={{ note: '' }}
        submitLabel={t('verify.submit')}
        onReload={onReload}
        onDone={onChanged}
        send={(v) => command('verify', { note: v.note.trim() || null })}
        render={(v, update) => (
          <>
            <p class="hint">{t('verify.hint')}</p>
            <TextArea id={`verify-${view.id}-note`} label={t('form.note')} value={v.note} onInput={(note) => update({ note })} />
          </>
        )}
      />,
    );
  }
  if (steps.has('DISMISS')) {
    forms.push(
      <CommandForm
        key="dismiss"
        id={`dismiss-${view.id}`}
        testid="form-dismiss"
        title={t('dismiss.title')}
        draftKey={key('dismiss')}
        initial={{ reason: '', note: '' }}
        submitLabel={t('dismiss.submit')}
        danger
        onReload={onReload}
        onDone={onChanged}
        send={(v, { fail }) => {
          if (!v.reason) fail(t('dismiss.reasonRequired'));
          return command('dismiss', { reason: v.reason, note: v.note.trim() || null });
        }}
        render={(v, update) => (
          <>
            <Select
              id={`dismiss-${view.id}-reason`}
              label={t('dismiss.reason')}
              required
              value={v.reason}
              placeholder={t('form.choose')}
              options={DISMISSAL_REASONS.map((r) => [r, tc('dismissal', r)])}
              onChange={(reason) => update({ reason })}
            />
            <TextArea id={`dismiss-${view.id}-note`} label={t('form.note')} value={v.note} onInput={(note) => update({ note })} />
          </>
        )}
      />,
    );
  }
  if (steps.has('ASSIST_FIRST')) {
    forms.push(
      <CommandForm
        key="assist"
        id={`assist-${view.id}`}
        testid="form-assist-first"
        title={t('assist.title')}
        draftKey={key('assist-first')}
        initial={{ measures: '' }}
        submitLabel={t('assist.submit')}
        onReload={onReload}
        onDone={onChanged}
        send={(v, { fail }) => {
          if (!v.measures.trim()) fail(t('assist.measuresRequired'));
          return command('assist-first', { measures: v.measures.trim() });
        }}
        render={(v, update) => (
          <>
            <p class="hint">{t('assist.hint')}</p>
            <TextArea id={`assist-${view.id}-measures`} label={t('assist.measures')} required value={v.measures} onInput={(measures) => update({ measures })} />
          </>
        )}
      />,
    );
  }
  if (steps.has('CLOSE')) {
    forms.push(
      <CommandForm
        key="close"
        id={`close-${view.id}`}
        testid="form-close"
        title={t('close.title')}
        draftKey={key('close')}
        initial={{ outcome: '', note: '' }}
        submitLabel={t('close.submit')}
        danger
        onReload={onReload}
        onDone={onChanged}
        send={(v, { fail }) => {
          if (!v.outcome) fail(t('close.outcomeRequired'));
          return command('close', { outcome: v.outcome, note: v.note.trim() || null });
        }}
        render={(v, update) => (
          <>
            {view.closeProposed && <p class="hint">{t('close.proposed')}</p>}
            <Select
              id={`close-${view.id}-outcome`}
              label={t('close.outcome')}
              required
              value={v.outcome}
              placeholder={t('form.choose')}
              options={OUTCOMES.map((o) => [o, tc('outcome', o)])}
              onChange={(outcome) => update({ outcome })}
            />
            <TextArea id={`close-${view.id}-note`} label={t('form.note')} value={v.note} onInput={(note) => update({ note })} />
          </>
        )}
      />,
    );
  }
  if (steps.has('REOPEN')) {
    forms.push(
      <CommandForm
        key="reopen"
        id={`reopen-${view.id}`}
        testid="form-reopen"
        title={t('reopen.title')}
        draftKey={key('reopen')}
        initial={{ reason: '' }}
        submitLabel={t('reopen.submit')}
        onReload={onReload}
        onDone={onChanged}
        send={(v, { fail }) => {
          if (!v.reason.trim()) fail(t('reopen.reasonRequired'));
          return command('reopen', { reason: v.reason.trim() });
        }}
        render={(v, update) => (
          <TextArea id={`reopen-${view.id}-reason`} label={t('reopen.reason')} required value={v.reason} onInput={(reason) => update({ reason })} />
        )}
      />,
    );
  }
  if (forms.length === 0) return <p class="muted">{t('case.noSteps')}</p>;
  return <div class="action-forms">{forms}</div>;
}
