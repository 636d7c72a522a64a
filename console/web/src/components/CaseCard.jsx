import { t, tc } from '../lib/i18n.js';
import { dateTime } from '../lib/format.js';
import { Link } from '../lib/router.js';

/** Overdue in text and colour (never colour only). */
export function Overdue({ overdue }) {
  if (!overdue) return null;
  return (
    <span class="tag tag-overdue" data-testid="overdue">
      <span aria-hidden="true">⚠ </span>
      {t('case.overdue')}
    </span>
  );
}

export function Urgency({ value }) {
  return <span class={`urgency urgency-${value}`}>{tc('urgency', value)}</span>;
}

/** One case in a list (my cases, the supervisor's worklist); `children` are the row's own actions. */
export function CaseCard({ item, children, extra }) {
  const titleId = `case-${item.id}-title`;
  return (
    <li
      class={`card case-card${item.overdue ? ' case-overdue' : ''}`}
      data-testid="case-row"
      data-case-id={item.id}
      aria-labelledby={titleId}
    >
      <h2 class="card-title" id={titleId}>
        <Link href={`/cases/${encodeURIComponent(item.id)}`}>
          {t('case.titleShort', { household: item.householdNumber })}
        </Link>
        <Overdue overdue={item.overdue} />
        {item.escalated && <span class="tag tag-escalated">{t('case.escalated')}</span>}
      </h2>
      <dl class="facts">
        <div>
          <dt>{t('case.urgency')}</dt>
          <dd>
            <Urgency value={item.urgency} />
          </dd>
        </div>
        <div>
          <dt>{t('case.stage')}</dt>
          <dd>{tc('stage', item.stage)}</dd>
        </div>
        <div>
          <dt>{t('case.due')}</dt>
          <dd>
            {item.dueStep ? (
              <>
                {tc('dueStep', item.dueStep)} · <time dateTime={item.dueAt}>{dateTime(item.dueAt)}</time>
              </>
            ) : (
              t('common.none')
            )}
          </dd>
        </div>
        <div>
          <dt>{t('case.community')}</dt>
          <dd>{item.communityCode}</dd>
        </div>
        <div>
          <dt>{t('case.category')}</dt>
          <dd>{tc('category', item.category)}</dd>
        </div>
        {extra}
      </dl>
      {children}
    </li>
  );
}
