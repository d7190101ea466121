/**
 * The three matrix products of a dense layer on a batch, on flat row-major Float64Arrays. Each works on
 * four rows at once, so every value loaded is used four times and four independent sums are in flight:
 * about twice as fast as the plain triple loop in V8, which makes no such transformation itself.
 * Shapes: x is n × inputs, W is outputs × inputs, z and δ are n × outputs.
 */

/** z = x Wᵀ + b: z[s, j] = b[j] + Σᵢ x[s, i] W[j, i]. */
export function denseForward(x: Float64Array, n: number, inputs: number, W: Float64Array, b: Float64Array, outputs: number, z: Float64Array): void {
  for (let s = 0; s < n; s++) {
    const xo = s * inputs;
    const zo = s * outputs;
    let j = 0;
    for (; j + 4 <= outputs; j += 4) {
      const w0 = j * inputs;
      const w1 = w0 + inputs;
      const w2 = w1 + inputs;
      const w3 = w2 + inputs;
      let s0 = b[j], s1 = b[j + 1], s2 = b[j + 2], s3 = b[j + 3];
      for (let i = 0; i < inputs; i++) {
        const v = x[xo + i];
        s0 += v * W[w0 + i];
        s1 += v * W[w1 + i];
        s2 += v * W[w2 + i];
        s3 += v * W[w3 + i];
      }
      z[zo + j] = s0;
      z[zo + j + 1] = s1;
      z[zo + j + 2] = s2;
      z[zo + j + 3] = s3;
    }
    for (; j < outputs; j++) {
      const wo = j * inputs;
      let sum = b[j];
      for (let i = 0; i < inputs; i++) sum += x[xo + i] * W[wo + i];
      z[zo + j] = sum;
    }
  }
}

/** dW = δᵀx and db = Σₛ δ[s, ·] (overwriting both): dW[j, i] = Σₛ δ[s, j] x[s, i]. */
export function weightGradient(delta: Float64Array, n: number, outputs: number, x: Float64Array, inputs: number, dW: Float64Array, db: Float64Array): void {
  dW.fill(0);
  db.fill(0);
  let s = 0;
  for (; s + 4 <= n; s += 4) {
    const x0 = s * inputs;
    const x1 = x0 + inputs;
    const x2 = x1 + inputs;
    const x3 = x2 + inputs;
    const d0o = s * outputs;
    for (let j = 0; j < outputs; j++) {
      const d0 = delta[d0o + j];
      const d1 = delta[d0o + outputs + j];
      const d2 = delta[d0o + 2 * outputs + j];
      const d3 = delta[d0o + 3 * outputs + j];
      db[j] += d0 + d1 + d2 + d3;
      if (d0 === 0 && d1 === 0 && d2 === 0 && d3 === 0) continue; // dead ReLU units
      const wo = j * inputs;
      for (let i = 0; i < inputs; i++) {
        dW[wo + i] += d0 * x[x0 + i] + d1 * x[x1 + i] + d2 * x[x2 + i] + d3 * x[x3 + i];
      }
    }
  }
  for (; s < n; s++) {
    const xo = s * inputs;
    const dof = s * outputs;
    for (let j = 0; j < outputs; j++) {
      const d = delta[dof + j];
      db[j] += d;
      if (d === 0) continue;
      const wo = j * inputs;
      for (let i = 0; i < inputs; i++) dW[wo + i] += d * x[xo + i];
    }
  }
}

/** back = δW (overwriting the first n × inputs values): back[s, i] = Σⱼ δ[s, j] W[j, i]. */
export function inputGradient(delta: Float64Array, n: number, outputs: number, W: Float64Array, inputs: number, back: Float64Array): void {
  back.fill(0, 0, n * inputs);
  for (let s = 0; s < n; s++) {
    const bo = s * inputs;
    const dof = s * outputs;
    let j = 0;
    for (; j + 4 <= outputs; j += 4) {
      const d0 = delta[dof + j];
      const d1 = delta[dof + j + 1];
      const d2 = delta[dof + j + 2];
      const d3 = delta[dof + j + 3];
      const w0 = j * inputs;
      const w1 = w0 + inputs;
      const w2 = w1 + inputs;
      const w3 = w2 + inputs;
      for (let i = 0; i < inputs; i++) {
        back[bo + i] += d0 * W[w0 + i] + d1 * W[w1 + i] + d2 * W[w2 + i] + d3 * W[w3 + i];
      }
    }
    for (; j < outputs; j++) {
      const d = delta[dof + j];
      const wo = j * inputs;
      for (let i = 0; i < inputs; i++) back[bo + i] += d * W[wo + i];
    }
  }
}
