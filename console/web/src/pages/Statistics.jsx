import { useEffect, useRef, useState } from 'preact/hooks';
import { api, withQuery } from '../lib/api.js';
import { locale, t, tc } from '../lib/i18n.js';
import { dateTime, number, percent, today } from '../lib/format.js';
import { navigate } from '../lib/router.js';
import { jurisdictions } from '../lib/roles.js';
import { useResource } from '../lib/useResource.js';
import { ErrorNotice } from '../components/ErrorNotice.jsx';
import { Loading, PageTitle } from '../components/Page.jsx';
import { AreaPicker } from './Area.jsx';

const TIER_KEYS = ['COMPREHENSIVE_SERVICE', 'REFERRAL', 'TRACKING'];
const ORG_STATUSES = ['PROPOSED', 'ACCEPTED', 'DECLINED', 'COMPLETED'];

/** A bar chart drawn by Chart.js, fetched with a dynamic import the first time a chart is shown. */
function BarChart({ id, title, spec }) {
  const canvas = useRef(null);
  const [failed, setFailed] = useState(false);
  const key = JSON.stringify(spec);
  useEffect(() => {
    let chart = null;
    let live = true;
    import('./charts.js')
      .then((module) => {
        if (live && canvas.current) chart = module.barChart(canvas.current, { ...spec, locale: locale() });
      })
      .catch(() => live && setFailed(true));
    return () => {
      live = false;
      if (chart) chart.destroy();
    };
  }, [key]);
  return (
    <figure class="chart" data-testid={`chart-${id}`}>
      <figcaption id={`${id}-caption`}>{title}</figcaption>
      {failed ? (
        <p class="muted">{t('statistics.chartUnavailable')}</p>
      ) : (
        <div class="chart-box">
          <canvas ref={canvas} role="img" aria-labelledby={`${id}-caption`} aria-describedby={`${id}-note`} />
        </div>
      )}
      <p class="hint" id={`${id}-note`}>
        {t('statistics.chartNote')}
      </p>
    </figure>
  );
}

function areaLabel(figures) {
  return figures.name ? `${figures.name} (${figures.code})` : figures.code || t('common.none');
}

/** A wide table scrolls inside its own focusable box, never the page. */
function ScrollTable({ id, caption, children }) {
  return (
    <div class="table-scroll" role="region" aria-labelledby={`${id}-caption`} tabIndex={0}>
      <table id={id} class="data-table">
        <caption id={`${id}-caption`}>{caption}</caption>
        {children}
      </table>
    </div>
  );
}

function FiguresTable({ data }) {
  const rows = [data.total, ...(data.children || [])];
  const columns = [
    ['opened', (f) => number(f.opened)],
    ['openNow', (f) => number(f.openNow)],
    ['overdueNow', (f) => number(f.overdueNow)],
    ['medianHoursToFirstVisit', (f) => number(f.medianHoursToFirstVisit, 1)],
    ['p90HoursToFirstVisit', (f) => number(f.p90HoursToFirstVisit, 1)],
    ['visited', (f) => number(f.visited)],
    ['visitRate', (f) => percent(f.visitRate)],
    ['verified', (f) => number(f.verified)],
    ['dismissed', (f) => number(f.dismissed)],
    ['referred', (f) => number(f.referred)],
    ['closed', (f) => number(f.closed)],
    ['resolved', (f) => number(f.resolved)],
    ['resolutionRate', (f) => percent(f.resolutionRate)],
    ['assistFirst', (f) => number(f.assistFirst)],
    ...TIER_KEYS.map((tier) => [`tier.${tier}`, (f) => number(f.referralsByTier?.[tier] ?? 0)]),
    ['services', (f) => number(f.delivery?.services ?? 0)],
    ['delivered', (f) => number(f.delivery?.delivered ?? 0)],
    ['deliveryRate', (f) => percent(f.delivery?.deliveryRate)],
    ['evaluations', (f) => number(f.feedback?.evaluations ?? 0)],
    ['averageSatisfaction', (f) => number(f.feedback?.averageSatisfaction, 2)],
    ['saidNotDelivered', (f) => number(f.feedback?.saidNotDelivered ?? 0)],
  ];
  return (
    <ScrollTable id="figures" caption={t('statistics.figuresCaption')}>
      <thead>
        <tr>
          <th scope="col">{t('statistics.area')}</th>
          {columns.map(([key]) => (
            <th scope="col" class="num" key={key}>
              {key.startsWith('tier.') ? t('statistics.referralsTier', { tier: tc('tier', key.slice(5)) }) : t(`statistics.${key}`)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((f, i) => (
          <tr key={f.code || i} class={i === 0 ? 'row-total' : ''}>
            <th scope="row">
              {areaLabel(f)}
              {i === 0 && <span class="muted"> · {t('statistics.total')}</span>}
            </th>
            {columns.map(([key, value]) => (
              <td class="num" key={key}>
                {value(f)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  );
}

function OrganisationsTable({ total }) {
  const list = total.referralsByOrganisation || [];
  if (list.length === 0) return <p class="muted">{t('statistics.noOrganisations')}</p>;
  return (
    <ScrollTable id="organisations" caption={t('statistics.organisationsCaption')}>
      <thead>
        <tr>
          <th scope="col">{t('statistics.organisation')}</th>
          <th scope="col" class="num">
            {t('statistics.referrals')}
          </th>
          {ORG_STATUSES.map((s) => (
            <th scope="col" class="num" key={s}>
              {tc('referralStatus', s)}
            </th>
          ))}
          <th scope="col" class="num">
            {t('statistics.evaluations')}
          </th>
          <th scope="col" class="num">
            {t('statistics.averageSatisfaction')}
          </th>
        </tr>
      </thead>
      <tbody>
        {list.map((o) => (
          <tr key={o.id}>
            <th scope="row">{o.name || o.id}</th>
            <td class="num">{number(o.referrals)}</td>
            {ORG_STATUSES.map((s) => (
              <td class="num" key={s}>
                {number(o.byStatus?.[s] ?? 0)}
              </td>
            ))}
            <td class="num">{number(o.evaluations ?? 0)}</td>
            <td class="num">{number(o.averageSatisfaction, 2)}</td>
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  );
}

function VerdictsTable({ id, caption, groups, label }) {
  if (!groups || groups.length === 0) return null;
  return (
    <ScrollTable id={id} caption={caption}>
      <thead>
        <tr>
          <th scope="col">{t('precision.group')}</th>
          {['verified', 'falseAlarms', 'excluded', 'withoutVerdict', 'verdicts', 'precision', 'falseAlarmRate'].map((k) => (
            <th scope="col" class="num" key={k}>
              {t(`precision.${k}`)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {groups.map((g, i) => (
          <tr key={g.key ?? `none-${i}`}>
            <th scope="row">{label(g)}</th>
            <td class="num">{number(g.verified)}</td>
            <td class="num">{number(g.falseAlarms)}</td>
            <td class="num">{number(g.excluded)}</td>
            <td class="num">{number(g.withoutVerdict)}</td>
            <td class="num">{number(g.verdicts)}</td>
            <td class="num">{percent(g.precision)}</td>
            <td class="num">{percent(g.falseAlarmRate)}</td>
          </tr>
        ))}
      </tbody>
    </ScrollTable>
  );
}

function Precision({ data }) {
  const jurisdictionLabel = (g) => (g.name ? `${g.name} (${g.key})` : g.key || t('common.none'));
  // key <eventType>@<dimension>: the fact type as sent, the dimension in the reader's words
  const reasonLabel = (g) => {
    const [fact, dimension] = String(g.key || '').split('@');
    return dimension ? `${fact} · ${tc('dimension', dimension)}` : g.key || t('common.none');
  };
  return (
    <>
      <p class="hint">
        {t('precision.rule', {
          falseAlarms: (data.falseAlarmReasons || []).map((r) => tc('dismissal', r)).join('、') || t('common.none'),
          excluded: (data.excludedReasons || []).map((r) => tc('dismissal', r)).join('、') || t('common.none'),
        })}
      </p>
      <VerdictsTable id="precision-total" caption={t('precision.totalCaption')} groups={[data.total]} label={() => t('statistics.total')} />
      <VerdictsTable id="precision-category" caption={t('precision.byCategory')} groups={data.byCategory} label={(g) => tc('category', g.key)} />
      <VerdictsTable
        id="precision-model"
        caption={t('precision.byModelVersion')}
        groups={data.byModelVersion}
        label={(g) => g.key || t('precision.noModelVersion')}
      />
      <VerdictsTable id="precision-jurisdiction" caption={t('precision.byJurisdiction')} groups={data.byJurisdiction} label={jurisdictionLabel} />
      <VerdictsTable id="precision-reason" caption={t('precision.byReason')} groups={data.byReason} label={reasonLabel} />
      {(data.byRule || []).length > 0 && (
        <VerdictsTable id="precision-rule" caption={t('precision.byRule')} groups={data.byRule} label={(g) => g.key} />
      )}
      {(data.byJurisdiction || []).length > 0 && (
        <BarChart
          id="precision"
          title={t('precision.chart')}
          spec={{
            labels: data.byJurisdiction.map(jurisdictionLabel),
            percent: true,
            datasets: [
              { label: t('precision.precision'), data: data.byJurisdiction.map((g) => g.precision) },
              { label: t('precision.falseAlarmRate'), data: data.byJurisdiction.map((g) => g.falseAlarmRate) },
            ],
          }}
        />
      )}
    </>
  );
}

function Charts({ data }) {
  const rows = (data.children || []).length > 0 ? data.children : [data.total];
  const labels = rows.map(areaLabel);
  return (
    <div class="charts">
      <BarChart
        id="backlog"
        title={t('statistics.chartBacklog')}
        spec={{
          labels,
          datasets: [
            { label: t('statistics.openNow'), data: rows.map((f) => f.openNow) },
            { label: t('statistics.overdueNow'), data: rows.map((f) => f.overdueNow) },
          ],
        }}
      />
      <BarChart
        id="rates"
        title={t('statistics.chartRates')}
        spec={{
          labels,
          percent: true,
          datasets: [
            { label: t('statistics.visitRate'), data: rows.map((f) => f.visitRate) },
            { label: t('statistics.resolutionRate'), data: rows.map((f) => f.resolutionRate) },
            { label: t('statistics.deliveryRate'), data: rows.map((f) => f.delivery?.deliveryRate ?? null) },
          ],
        }}
      />
      <BarChart
        id="tiers"
        title={t('statistics.chartTiers')}
        spec={{
          labels,
          stacked: true,
          datasets: TIER_KEYS.map((tier) => ({ label: tc('tier', tier), data: rows.map((f) => f.referralsByTier?.[tier] ?? 0) })),
        }}
      />
    </div>
  );
}

export function StatisticsPage({ user, query }) {
  const area = query.get('area') || jurisdictions(user)[0] || '';
  const from = query.get('from') || today(-29);
  const to = query.get('to') || today();
  const [form, setForm] = useState({ from, to });
  useEffect(() => setForm({ from, to }), [from, to]);
  const params = { area, from, to };
  const figures = useResource(() => (area ? api(withQuery('/api/referral/statistics', params)) : { data: null }), [area, from, to]);
  const precision = useResource(
    () => (area ? api(withQuery('/api/referral/statistics/warning-precision', params)) : { data: null }),
    [area, from, to],
  );
  const go = (patch) => navigate(withQuery('/statistics', { ...params, ...patch }), { replace: true });
  return (
    <>
      <PageTitle>{t('page.statistics')}</PageTitle>
      <div class="filters">
        <AreaPicker user={user} area={area} id="statistics-area" onChange={(next) => go({ area: next })} />
        <form
          class="inline-fields"
          aria-label={t('statistics.period')}
          onSubmit={(e) => {
            e.preventDefault();
            go(form);
          }}
        >
          <div class="field">
            <label for="statistics-from">{t('statistics.from')}</label>
            <input id="statistics-from" type="date" value={form.from} max={form.to} onInput={(e) => setForm({ ...form, from: e.currentTarget.value })} />
          </div>
          <div class="field">
            <label for="statistics-to">{t('statistics.to')}</label>
            <input id="statistics-to" type="date" value={form.to} min={form.from} onInput={(e) => setForm({ ...form, to: e.currentTarget.value })} />
          </div>
          <button type="submit" class="button-secondary">
            {t('action.show')}
          </button>
        </form>
      </div>
      {!area ? (
        <p class="muted">{t('area.pick')}</p>
      ) : (
        <>
          <p class="downloads">
            <a href={withQuery('/api/referral/statistics', { ...params, format: 'csv' })} download class="button button-secondary">
              {t('statistics.csv')}
            </a>
            <a href={withQuery('/api/referral/statistics', { ...params, format: 'xlsx' })} download class="button button-secondary">
              {t('statistics.xlsx')}
            </a>
            <a href={withQuery('/api/referral/statistics/warning-precision', { ...params, format: 'csv' })} download class="button button-secondary">
              {t('precision.csv')}
            </a>
            <a href={withQuery('/api/referral/statistics/warning-precision', { ...params, format: 'xlsx' })} download class="button button-secondary">
              {t('precision.xlsx')}
            </a>
          </p>
          <section aria-labelledby="figures-heading" class="panel">
            <h2 id="figures-heading">{t('statistics.figures')}</h2>
            <ErrorNotice error={figures.error} context="statistics" />
            {figures.loading ? (
              <Loading />
            ) : (
              figures.data && (
                <>
                  <p class="hint">
                    {t('statistics.periodLine', {
                      from: figures.data.from,
                      to: figures.data.to,
                      zone: figures.data.timeZone || 'Asia/Shanghai',
                      at: dateTime(figures.data.asOf),
                    })}
                  </p>
                  <p class="hint">{t('statistics.deliveryRule')}</p>
                  <FiguresTable data={figures.data} />
                  <Charts data={figures.data} />
                  <h3>{t('statistics.organisations')}</h3>
                  <OrganisationsTable total={figures.data.total} />
                </>
              )
            )}
          </section>
          <section aria-labelledby="precision-heading" class="panel">
            <h2 id="precision-heading">{t('precision.title')}</h2>
            <ErrorNotice error={precision.error} context="statistics" />
            {precision.loading ? <Loading /> : precision.data && <Precision data={precision.data} />}
          </section>
        </>
      )}
    </>
  );
}
