// Burst detector comparison on the same topics: the 15-minute Poisson window test with the
// slow-burn hour ("window"), the Poisson CUSUM ("cusum", the default) and either ("both").
// `node --import tsx bench/simulate/compare.ts` (SIM_SEEDS=11,12 SIM_DAYS=3 to choose seeds).
import { evaluate, simulate } from './simulate.ts';

const seeds = (process.env.SIM_SEEDS ?? '2026,7,99').split(',').map(Number);
const days = Number(process.env.SIM_DAYS ?? 3);
for (const seed of seeds) {
  const sim = simulate({ seed, days, brands: 20 });
  for (const detector of ['window', 'cusum', 'both'] as const) {
    const r = evaluate(sim, { detector });
    const p90 = r.p90DelayMin >= 1e8 ? 'missed' : `${r.p90DelayMin.toFixed(1)} min`;
    console.log(
      `seed ${seed} ${detector.padEnd(6)} median ${r.medianDelayMin.toFixed(1)} min  p90 ${p90}  ` +
        `within 60 min ${(r.within60 * 100).toFixed(1)}%  false ${r.falseAlertsPerBrandDay.toFixed(2)}/brand/day  ` +
        `on spikes ${r.spikeAlerts}`,
    );
  }
}
