// Prints the complaint model's held-out scores per language (own labelled set, split=test) and
// the crisis-simulation figures. Run with `npm run eval`.
import { buildDataset } from './train-data.ts';
import { scoreBinary } from './train.ts';
import { scoreMessage } from '../shared/analysis/score.ts';
import { evaluate, simulate } from '../bench/simulate/simulate.ts';

const data = buildDataset().filter((e) => e.split === 'test');
console.log('Complaint detection, held-out split of the own labelled set (never trained on):');
for (const lang of ['en', 'nl'] as const) {
  for (const subset of ['all', 'handwritten'] as const) {
    const rows = data.filter(
      (e) => e.lang === lang && (subset === 'all' || e.source.startsWith('handwritten')),
    );
    const s = scoreBinary(
      rows.map((e) => e.label),
      rows.map((e) => (scoreMessage({ id: 'x', text: e.text }).isComplaint ? 1 : 0)),
    );
    console.log(
      `  ${lang} ${subset.padEnd(11)} n=${String(s.n).padStart(4)}  P=${s.precision.toFixed(3)}  R=${s.recall.toFixed(3)}  F1=${s.f1.toFixed(3)}  macro-F1=${s.macroF1.toFixed(3)}`,
    );
  }
}
const days = Number(process.env.SIM_DAYS ?? 3);
// Seeds 11 and 12 were used while developing the radar (see docs/analysis.md); these were not.
const seeds = (process.env.SIM_SEEDS ?? '2026,7,99').split(',').map(Number);
for (const seed of seeds) {
  const sim = simulate({ seed, days, brands: 20 });
  const r = evaluate(sim);
  console.log(
    `\nCrisis simulation (seed ${seed}, ${sim.brands.length} brands, ${days} days, ${r.messages} messages):`,
  );
  console.log(`  crises ${r.crises} (+${r.fizzled} fizzled), benign positive spikes ${r.spikes}`);
  console.log(`  median delay to crisis alert  ${r.medianDelayMin.toFixed(1)} min`);
  console.log(
    `  p90 delay                     ${r.p90DelayMin >= 1e8 ? 'missed' : r.p90DelayMin.toFixed(1) + ' min'}`,
  );
  console.log(`  flagged within 60 min         ${(r.within60 * 100).toFixed(1)}%`);
  console.log(
    `  false crisis alerts           ${r.falseAlertsPerBrandDay.toFixed(2)} per brand per day (on positive spikes: ${r.spikeAlerts})`,
  );
  console.log(`  top-10 escalation precision   ${r.top10Precision.toFixed(2)} per day`);
}
