import { checkInteger, checkKeys, checkNumber } from "../core/checks";
import { Dataset, dataset } from "./dataset";
import { rng } from "./rng";

/** A regression set with binary features of two frequencies, and the weights that generated it. */
export interface SparseRegressionData extends Dataset {
  /** The true weights: y = w·x + noise. */
  readonly weights: number[];
  /** The indices of the rare features (the last `rare` ones). */
  readonly rareFeatures: number[];
}

/**
 * Sparse features, the setting Adagrad was designed for (Duchi, Hazan and Singer, 2011): `common`
 * binary features present in a sample with probability `commonRate`, then `rare` ones with probability
 * `rareRate`; y = w·x + N(0, noise²) with w ~ N(0, 1). Defaults: n = 2000, common = 10, rare = 10,
 * commonRate = 0.5, rareRate = 0.02, noise = 0.1, seed = 1.
 */
export function sparseRegression(options: { n?: number; common?: number; rare?: number; commonRate?: number; rareRate?: number; noise?: number; seed?: number } = {}): SparseRegressionData {
  checkKeys("sparseRegression", options, ["n", "common", "rare", "commonRate", "rareRate", "noise", "seed"]);
  const n = checkInteger("n", options.n ?? 2000, 1);
  const common = checkInteger("common", options.common ?? 10, 0);
  const rare = checkInteger("rare", options.rare ?? 10, 0);
  const rates = [checkNumber("commonRate", options.commonRate ?? 0.5, "nonNegative"), checkNumber("rareRate", options.rareRate ?? 0.02, "nonNegative")];
  if (rates.some((p) => p > 1)) throw new Error(`commonRate and rareRate must be probabilities in [0, 1], got ${rates.join(" and ")}`);
  const noise = checkNumber("noise", options.noise ?? 0.1, "nonNegative");
  const d = common + rare;
  if (d === 0) throw new Error("sparseRegression: common + rare must be at least 1");
  const r = rng(checkInteger("seed", options.seed ?? 1));
  const weights = Array.from({ length: d }, () => r.normal(0, 1));
  const x = new Float64Array(n * d);
  const y = new Float64Array(n);
  for (let s = 0; s < n; s++) {
    let target = 0;
    for (let j = 0; j < d; j++) {
      const on = r.uniform() < rates[j < common ? 0 : 1] ? 1 : 0;
      x[s * d + j] = on;
      target += on * weights[j];
    }
    y[s] = target + r.normal(0, noise);
  }
  const data = dataset({ x, y, d, name: `sparse regression (${common} common, ${rare} rare features)` });
  return { ...data, weights, rareFeatures: Array.from({ length: rare }, (_, k) => common + k) };
}
