/**
 * How well a gradient g agrees with a reference ĝ (typically central finite differences), on one block
 * of coordinates: the relative error ‖g − ĝ‖ / (‖g‖ + ‖ĝ‖), 0 for a perfect match and at most 1, and
 * the cosine of the angle between them. A relative error below about 1e-7 in float64 means a correct
 * backward pass; above 1e-2 a wrong one (CS231n, "gradient checks").
 */

/** Relative error and cosine between `g` and `reference` on the indices [from, to) (the whole vectors by default). */
export function gradientAgreement(g: ArrayLike<number>, reference: ArrayLike<number>, from = 0, to = g.length): { relative: number; cosine: number } {
  if (g.length !== reference.length) throw new Error(`gradientAgreement: g has ${g.length} entries, the reference ${reference.length}`);
  if (!(Number.isInteger(from) && Number.isInteger(to) && 0 <= from && from < to && to <= g.length)) {
    throw new Error(`gradientAgreement: the range [${from}, ${to}) is not a non-empty range of indices of a vector of length ${g.length}`);
  }
  let diff = 0, gg = 0, rr = 0, dot = 0;
  for (let k = from; k < to; k++) {
    diff += (g[k] - reference[k]) ** 2;
    gg += g[k] ** 2;
    rr += reference[k] ** 2;
    dot += g[k] * reference[k];
  }
  return { relative: Math.sqrt(diff) / (Math.sqrt(gg) + Math.sqrt(rr)), cosine: dot / Math.sqrt(gg * rr) };
}
