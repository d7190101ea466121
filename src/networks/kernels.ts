/**
 * The three matrix products of a dense layer on a batch, on flat row-major Float64Arrays: the readable
 * reference of the SIMD kernel (simd.ts), which gives the same bits, and its fallback. Every entry is one
 * running sum, its products added one at a time in the order of the inner index, as the formula reads.
 * The forward pass takes four outputs at once, so every value of x loaded is used four times.
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

/**
 * dW = δᵀx and db = Σₛ δ[s, ·] (overwriting both): dW[j, i] = Σₛ δ[s, j] x[s, i], each sum one sample's
 * product at a time, in the order of s (as the forward pass sums in the order of i). A sample whose δ[s, j]
 * is 0 (a dead ReLU unit) adds nothing and is skipped: every partial sum starts at +0, so adding ±0 would
 * not change a bit.
 */
export function weightGradient(delta: Float64Array, n: number, outputs: number, x: Float64Array, inputs: number, dW: Float64Array, db: Float64Array): void {
  dW.fill(0);
  db.fill(0);
  for (let s = 0; s < n; s++) {
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

/**
 * back = δW (overwriting the first n × inputs values): back[s, i] = Σⱼ δ[s, j] W[j, i], each sum one
 * output's product at a time, in the order of j; a δ[s, j] of 0 is skipped, as in `weightGradient`.
 */
export function inputGradient(delta: Float64Array, n: number, outputs: number, W: Float64Array, inputs: number, back: Float64Array): void {
  back.fill(0, 0, n * inputs);
  for (let s = 0; s < n; s++) {
    const bo = s * inputs;
    const dof = s * outputs;
    for (let j = 0; j < outputs; j++) {
      const d = delta[dof + j];
      if (d === 0) continue;
      const wo = j * inputs;
      for (let i = 0; i < inputs; i++) back[bo + i] += d * W[wo + i];
    }
  }
}
