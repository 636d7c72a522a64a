import { useEffect, useState } from 'preact/hooks';
import { get, post } from '../lib/api.js';
import { t, tc } from '../lib/i18n.js';
import { dateTime } from '../lib/format.js';
import { itemName, localName, serviceMenu } from '../lib/reference.js';
import { ErrorNotice } from '../components/ErrorNotice.jsx';
import { CommandForm, Select, TextArea } from '../components/CommandForm.jsx';
import { Loading, PageTitle } from '../components/Page.jsx';

const URGENCIES = ['SOLVE_NOW', 'IN_STAGES', 'LONG_TERM'];

/** A new id for the form's tip: a re-send after a lost answer is the same tip (intake answers duplicate). */
function newTipId() {
  return crypto.randomUUID();
}

/**
 * What became of each tip: intake lists the reporter's tips (received); referral tells, for each, whether a case was
 * opened, visited or closed (never the household's details). A tip referral has not read yet stays "received".
 */
async function withStatus(tips) {
  return Promise.all(
    tips.map(async (tip) => {
      try {
        const answer = await get(`/api/referral/tips/${encodeURIComponent(tip.platformEventId)}`);
        return { ...tip, status: answer.data?.status || 'RECEIVED' };
      } catch {
        return { ...tip, status: 'RECEIVED' };
      }
    }),
  );
}

/** One sent tip: when, how urgent, what was needed, and where it stands. */
function TipItem({ tip, menu }) {
  return (
    <li class="card" data-testid="tip-row" data-tip-id={tip.platformEventId}>
      <h2 class="card-title">{t('tips.itemTitle', { household: tip.householdNumber })}</h2>
      <dl class="facts">
        <div>
          <dt>{t('tips.status')}</dt>
          <dd>
            <span class={`tag tag-tip-${tip.status}`} data-testid="tip-status" data-status={tip.status}>
              {tc('tipStatus', tip.status)}
            </span>
          </dd>
        </div>
        <div>
          <dt>{t('tips.urgency')}</dt>
          <dd>{tc('urgency', tip.urgency)}</dd>
        </div>
        <div>
          <dt>{t('tips.needs')}</dt>
          <dd>{tip.needs.length ? tip.needs.map((code) => itemName(menu, code)).join('、') : t('common.none')}</dd>
        </div>
        <div>
          <dt>{t('tips.reportedAt')}</dt>
          <dd>{dateTime(tip.reportedAt)}</dd>
        </div>
      </dl>
    </li>
  );
}

/** The reporter's page (360 px first): the tip form, then "my tips" with what became of each. */
export function TipsPage({ user }) {
  const [items, setItems] = useState(null);
  const [menu, setMenu] = useState(null);
  const [error, setError] = useState(null);
  const community = (user.jurisdictions || [])[0] || '';
  const load = () =>
    get('/api/intake/tips/mine')
      .then((answer) => withStatus(Array.isArray(answer.data) ? answer.data : []))
      .then(setItems, (e) => {
        setError(e);
        setItems([]);
      });
  useEffect(() => {
    load();
    serviceMenu().then(setMenu, () => setMenu({ categories: [] }));
  }, []);
  const items_ = (menu?.categories || []).flatMap((category) => category.items || []);
  return (
    <>
      <PageTitle>{t('page.tips')}</PageTitle>
      <p class="muted">{t('tips.intro', { community })}</p>
      <div class="action-forms">
        <CommandForm
          id="report-tip"
          testid="form-report-tip"
          title={t('tips.report')}
          draftKey="tip:new"
          initial={{ tipId: newTipId(), householdNumber: '', address: '', needs: [], urgency: '', note: '' }}
          submitLabel={t('tips.reportSubmit')}
          context="tip"
          onDone={() => load()}
          send={(v, { fail }) => {
            if (!v.householdNumber.trim()) fail(t('tips.householdRequired'));
            if (!v.urgency) fail(t('tips.urgencyRequired'));
            return post('/api/intake/tips', {
              tipId: v.tipId,
              householdNumber: v.householdNumber.trim(),
              communityCode: community || null,
              address: v.address.trim() || null,
              needs: v.needs,
              urgency: v.urgency,
              note: v.note.trim() || null,
            });
          }}
          render={(v, update) => (
            <>
              <div class="field">
                <label for="tip-household">
                  {t('tips.household')}
                  <span class="required"> {t('form.required')}</span>
                </label>
                <input id="tip-household" type="text" inputmode="numeric" required value={v.householdNumber} onInput={(e) => update({ householdNumber: e.currentTarget.value })} />
              </div>
              <div class="field">
                <label for="tip-address">{t('tips.address')}</label>
                <input id="tip-address" type="text" value={v.address} onInput={(e) => update({ address: e.currentTarget.value })} />
              </div>
              <Select
                id="tip-urgency"
                label={t('tips.urgency')}
                required
                value={v.urgency}
                placeholder={t('form.choose')}
                options={URGENCIES.map((u) => [u, tc('urgency', u)])}
                onChange={(urgency) => update({ urgency })}
              />
              <fieldset class="field">
                <legend>{t('tips.needs')}</legend>
                {items_.map((item) => (
                  <div class="field-check" key={item.code}>
                    <input
                      id={`tip-need-${item.code}`}
                      type="checkbox"
                      checked={v.needs.includes(item.code)}
                      onChange={(e) =>
                        update({ needs: e.currentTarget.checked ? [...v.needs, item.code] : v.needs.filter((code) => code !== item.code) })
                      }
                    />
                    <label for={`tip-need-${item.code}`}>{localName(item)}</label>
                  </div>
                ))}
              </fieldset>
              <TextArea id="tip-note" label={t('tips.note')} hint={t('tips.noteHint')} value={v.note} onInput={(note) => update({ note })} />
            </>
          )}
        />
      </div>
      <h2>{t('tips.mine')}</h2>
      <ErrorNotice error={error} context="tip" />
      {items === null ? (
        <Loading />
      ) : items.length === 0 ? (
        !error && <p class="empty">{t('tips.none')}</p>
      ) : (
        <ul class="card-list" data-testid="tip-list">
          {items.map((tip) => (
            <TipItem key={`${tip.platformEventId}-${tip.status}`} tip={tip} menu={menu} />
          ))}
        </ul>
      )}
    </>
  );
}
