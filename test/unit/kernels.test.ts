/**
 * The WebAssembly kernels against the JavaScript loops they stand in for. Every rule with a kernel is
 * coordinate-wise, so n one-parameter optimizers (too small for a kernel: the JavaScript loop) are the
 * reference for one optimizer of n parameters (the kernel): every parameter and every state entry must
 * agree bit for bit.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  adadelta, adagrad, adam, adamax, adamw, chain, cosineDecay, decoupledWeightDecay, emaMomentum, heavyBall, nadam, nesterov, newton, rmsprop, sgd, stepDecay, yogi,
} from "../../src";
import type { KernelChoice } from "../../src/kernels/choice";
import { KERNEL_MIN_LENGTH, setChunkLength, setParallelMinLength } from "../../src/kernels/arena";
import { rng } from "../../src/data/rng";
import { kernelArray, kernelHeap } from "../../src/kernels/heap";
import { allFiniteInHeap, squareSumsInHeap } from "../../src/kernels/finite";
import { firstNonFinite } from "../../src/core/finite";

interface Stepper {
  readonly state: object;
  step(params: Float64Array, grads: Float64Array): void;
}

/** Gradients over twelve orders of magnitude, with some exact zeros. */
function gradients(seed: number, n: number, steps: number): Float64Array[] {
  const r = rng(seed);
  return Array.from({ length: steps }, () =>
    Float64Array.from({ length: n }, () => (r.uniform() < 0.1 ? 0 : r.normal() * 10 ** (r.int(12) - 6))),
  );
}

/** The optimizer's per-parameter state arrays (not the recorded update). */
function stateArrays(opt: Stepper): [string, Float64Array][] {
  return Object.entries(opt.state).filter(
    (e): e is [string, Float64Array] => e[0] !== "update" && e[1] instanceof Float64Array && e[1].length > 0,
  );
}

function usesKernel(opt: Stepper): boolean {
  // An arena's arrays are views of one WebAssembly memory, larger than any one of them; the
  // JavaScript loop's arrays each have their own buffer.
  return stateArrays(opt).some(([, a]) => a.buffer.byteLength > a.byteLength);
}

function sameBits(actual: Float64Array, expected: number[], what: string): void {
  for (let i = 0; i < expected.length; i++) {
    if (!Object.is(actual[i], expected[i])) assert.fail(`${what}[${i}]: kernel ${actual[i]}, JavaScript loop ${expected[i]}`);
  }
}

/**
 * Steps one n-parameter optimizer and n one-parameter ones on the same gradients and compares them bit
 * for bit. `inPlace`: params and grads are kernel-heap arrays, which the kernel updates where they are.
 */
function compare(make: () => Stepper, n: number, seed: number, inPlace = false): void {
  const r = rng(seed, 1);
  const start = Float64Array.from({ length: n }, () => r.normal());
  const whole = make();
  const params = inPlace ? kernelArray(n) : start.slice();
  params.set(start);
  const grads = inPlace ? kernelArray(n) : undefined;
  if (inPlace) assert.ok(kernelHeap()!.blockOf(params) !== undefined && kernelHeap()!.blockOf(grads!) !== undefined, "run in place");
  const singles = Array.from({ length: n }, () => make());
  const single = Array.from(start, (x) => Float64Array.of(x));
  for (const g of gradients(seed, n, 25)) {
    grads?.set(g);
    whole.step(params, grads ?? g);
    singles.forEach((opt, i) => opt.step(single[i], g.subarray(i, i + 1)));
  }
  const arrays = stateArrays(whole);
  if (arrays.length > 0) assert.ok(usesKernel(whole), "the n-parameter optimizer runs the kernel");
  assert.ok(!usesKernel(singles[0]), "one-parameter optimizers run the JavaScript loop");
  sameBits(params, single.map((p) => p[0]), "params");
  for (const [name, values] of arrays) {
    sameBits(values, singles.map((o) => (o.state as Record<string, Float64Array>)[name][0]), name);
  }
}

const VARIANTS: [string, (kernel?: KernelChoice) => Stepper][] = [
  ["sgd", (kernel = "auto") => sgd({ lr: 0.1, kernel })],
  ["sgd, momentum", (kernel = "auto") => sgd({ lr: 0.1, momentum: 0.9, kernel })],
  ["sgd, momentum with dampening", (kernel = "auto") => sgd({ lr: 0.1, momentum: 0.9, dampening: 0.5, kernel })],
  ["sgd, dampened first step, lr inside", (kernel = "auto") => sgd({ lr: 0.1, momentum: 0.9, dampening: 0.1, dampenFirstStep: true, lrInsideMomentum: true, kernel })],
  ["sgd, nesterov", (kernel = "auto") => sgd({ lr: 0.1, momentum: 0.9, nesterov: true, kernel })],
  ["sgd, nesterov, lr inside, weight decay", (kernel = "auto") => sgd({ lr: 0.1, momentum: 0.5, nesterov: true, lrInsideMomentum: true, weightDecay: 0.01, kernel })],
  ["adagrad", (kernel = "auto") => adagrad({ kernel })],
  ["adagrad, lr decay, accumulator 0.1", (kernel = "auto") => adagrad({ lr: 0.5, lrDecay: 0.01, initialAccumulatorValue: 0.1, kernel })],
  ["adagrad, ε inside the root", (kernel = "auto") => adagrad({ epsInsideSqrt: true, eps: 1e-7, kernel })],
  ["rmsprop", (kernel = "auto") => rmsprop({ kernel })],
  ["rmsprop, centered", (kernel = "auto") => rmsprop({ centered: true, kernel })],
  ["rmsprop, momentum", (kernel = "auto") => rmsprop({ momentum: 0.9, kernel })],
  ["rmsprop, centered, momentum, ε inside, lr inside", (kernel = "auto") => rmsprop({ centered: true, momentum: 0.5, epsInsideSqrt: true, lrInsideMomentum: true, kernel })],
  ["rmsprop, step-decay schedule", (kernel = "auto") => rmsprop({ lr: stepDecay({ lr: 0.01, stepSize: 5, gamma: 0.5 }), kernel })],
  ["adadelta", (kernel = "auto") => adadelta({ kernel })],
  ["adadelta, lr 0.5, ρ 0.95, weight decay", (kernel = "auto") => adadelta({ lr: 0.5, rho: 0.95, weightDecay: 0.1, kernel })],
  ["adam", (kernel = "auto") => adam({ kernel })],
  ["adam, lr 0.1, β₁ 0.5, β₂ 0.9", (kernel = "auto") => adam({ lr: 0.1, beta1: 0.5, beta2: 0.9, kernel })],
  ["adam, amsgrad (raw max)", (kernel = "auto") => adam({ amsgrad: true, kernel })],
  ["adam, amsgrad (max of corrected)", (kernel = "auto") => adam({ amsgrad: true, amsgradMax: "corrected", kernel })],
  ["adam, Keras ε̂", (kernel = "auto") => adam({ epsHat: true, eps: 1e-7, kernel })],
  ["adam, no bias correction", (kernel = "auto") => adam({ biasCorrection: false, kernel })],
  // With ε = 0 a coordinate whose gradients were all 0 would step by 0/0: such a step is rejected (issue 17).
  ["adam, eps 1e-300", (kernel = "auto") => adam({ eps: 1e-300, kernel })],
  ["adam, coupled weight decay", (kernel = "auto") => adam({ weightDecay: 0.1, kernel })],
  ["adam, cosine schedule", (kernel = "auto") => adam({ lr: cosineDecay({ lr: 0.01, totalSteps: 20 }), kernel })],
  ["adamw", (kernel = "auto") => adamw({ lr: 0.01, weightDecay: 0.1, kernel })],
  ["adamw, amsgrad (max of corrected), Keras ε̂", (kernel = "auto") => adamw({ lr: 0.01, amsgrad: true, amsgradMax: "corrected", epsHat: true, kernel })],
  ["adamax", (kernel = "auto") => adamax({ kernel })],
  ["adamax, ε inside the max", (kernel = "auto") => adamax({ epsInsideMax: true, kernel })],
  ["adamax, ε in the denominator", (kernel = "auto") => adamax({ epsInsideMax: false, kernel })],
  ["nadam", (kernel = "auto") => nadam({ kernel })],
  ["nadam, momentum decay 0.01, decoupled weight decay", (kernel = "auto") => nadam({ momentumDecay: 0.01, weightDecay: 0.1, decoupledWeightDecay: true, kernel })],
  ["yogi", (kernel = "auto") => yogi({ kernel })],
  ["emaMomentum", (kernel = "auto") => emaMomentum({ lr: 0.1, beta: 0.8, kernel })],
  ["heavyBall", (kernel = "auto") => heavyBall({ lr: 0.1, beta: 0.8, kernel })],
  ["nesterov", (kernel = "auto") => nesterov({ lr: 0.1, beta: 0.8, kernel })],
  ["yogi, the paper's form (no bias correction, v₀ = 0), weight decay", (kernel = "auto") => yogi({ biasCorrection: false, initialAccumulatorValue: 0, weightDecay: 0.1, kernel })],
  ["yogi, lr 0.1, β₂ 0.9, eps 1e-8", (kernel = "auto") => yogi({ lr: 0.1, beta2: 0.9, eps: 1e-8, kernel })],
];

/**
 * Steps an optimizer made with kernel "js" and one made with kernel "wasm", both of n parameters, on the
 * same gradients: the loop and the kernel generated from it must agree bit for bit at every length.
 * `inPlace`: the "wasm" one's params and grads are kernel-heap arrays.
 */
function compareChoices(make: (kernel: KernelChoice) => Stepper, n: number, seed: number, inPlace = false): void {
  const r = rng(seed, 2);
  const start = Float64Array.from({ length: n }, () => r.normal());
  const [js, wasm] = [make("js"), make("wasm")];
  const pJs = start.slice();
  const pWasm = inPlace ? kernelArray(n) : start.slice();
  pWasm.set(start);
  const gWasm = inPlace ? kernelArray(n) : undefined;
  for (const g of gradients(seed, n, 25)) {
    gWasm?.set(g);
    js.step(pJs, g);
    wasm.step(pWasm, gWasm ?? g);
  }
  const arrays = stateArrays(wasm);
  assert.deepEqual(arrays.map(([name]) => name), stateArrays(js).map(([name]) => name), "the same state arrays");
  if (arrays.length > 0) assert.ok(usesKernel(wasm), `kernel "wasm" runs the kernel at n = ${n}`);
  assert.ok(!usesKernel(js), `kernel "js" runs the loop at n = ${n}`);
  sameBits(pWasm, Array.from(pJs), `params (n = ${n})`);
  for (const [name, values] of arrays) {
    const expected = (js.state as Record<string, Float64Array>)[name];
    assert.equal(values.length, expected.length);
    sameBits(values, Array.from(expected), `${name} (n = ${n})`);
  }
}

describe("WebAssembly kernels", () => {
  for (const [label, make] of VARIANTS) {
    it(`give what the loop gives, kernel "js" against "wasm", at every length (staged and in place): ${label}`, () => {
      for (const n of [1, 2, 3, 15, 16, 17, 101]) {
        compareChoices(make, n, n);
        compareChoices(make, n, n + 1, true);
      }
    });
  }

  for (const kernel of ["js", "wasm"] as const) {
    it(`leave params and state unchanged when a step is rejected, kernel "${kernel}", at any length`, () => {
      for (const n of [1, 3, 64]) {
        for (const make of [() => adam({ amsgrad: true, kernel, recordUpdate: true }), () => yogi({ kernel }), () => rmsprop({ centered: true, momentum: 0.9, kernel })]) {
          const opt = make();
          const params = new Float64Array(n).fill(1);
          const [g1, g2] = gradients(9, n, 2);
          opt.step(params, g1);
          const state = () => stateArrays(opt).map(([name, a]) => [name, Array.from(a)]);
          const before = { params: params.slice(), state: state() };
          for (const [what, bad] of [["grads", NaN], ["grads", Infinity], ["params", -Infinity]] as const) {
            const g = g2.slice();
            const kept = params[n - 1];
            if (what === "grads") g[n - 1] = bad;
            else params[n - 1] = bad;
            assert.throws(() => opt.step(params, g), new RegExp(`${what}\\[${n - 1}\\] is`));
            params[n - 1] = kept;
            assert.deepEqual(params, before.params);
            assert.deepEqual(state(), before.state);
            assert.equal(opt.state.t, 1);
          }
          opt.step(params, g2);
          assert.equal(opt.state.t, 2);
        }
      }
    });
  }

  it("take the kernel option as a common option: checked, defaulted, kept in options and stateDict", () => {
    assert.equal(adam().options.kernel, "auto");
    assert.equal(sgd({ lr: 0.1, kernel: "js" }).options.kernel, "js");
    assert.throws(() => sgd({ lr: 0.1, kernel: "gpu" as never }), /sgd.*kernel/);
    assert.throws(() => adam({ kernel: 1 as never }), /adam.*kernel/);
    assert.equal((yogi({ kernel: "wasm" }).stateDict().options as { kernel: string }).kernel, "wasm");
    assert.equal(heavyBall({ lr: 0.1, kernel: "js" }).options.kernel, "js");
    // Newton has no element-wise loop: "js" and "auto" are accepted, "wasm" is refused.
    assert.equal(newton({ kernel: "js" }).options.kernel, "js");
    assert.throws(() => newton({ kernel: "wasm" }), /newton: kernel "wasm": newton has no WebAssembly kernel/);
  });

  for (const [label, make] of VARIANTS) {
    it(`match the JavaScript loop bit for bit: ${label}`, () => {
      for (const n of [KERNEL_MIN_LENGTH, 17, 101]) compare(make, n, n);
    });
  }

  it("match the JavaScript loop bit for bit in place, on kernel-heap params and grads (one thread)", () => {
    assert.ok(kernelHeap(), "Node has shared memory, so there is a kernel heap");
    for (const [, make] of VARIANTS) for (const n of [KERNEL_MIN_LENGTH, 17, 101]) compare(make, n, n, true);
  });

  it("check gradients in the kernel heap for finiteness as the JavaScript loop does", () => {
    for (const n of [256, 257, 1000, 1001]) {
      const whole = kernelArray(n + 3);
      whole.set(gradients(n, n + 3, 1)[0]);
      for (const start of [0, 1, 2]) {
        const values = whole.subarray(start, start + n);
        assert.equal(allFiniteInHeap(values), start % 2 === 0 ? true : undefined, "pair-aligned views are checked by the kernel");
        for (const bad of [NaN, Infinity, -Infinity]) {
          for (const at of [0, 1, n >> 1, n - 2, n - 1]) {
            const kept = values[at];
            values[at] = bad;
            assert.equal(firstNonFinite(values), at, `n ${n}, start ${start}, ${bad} at ${at}`);
            if (start % 2 === 0) assert.equal(allFiniteInHeap(values), false);
            values[at] = kept;
          }
        }
        // A non-finite value just outside the view is not the view's.
        whole[start + n] = NaN;
        assert.equal(firstNonFinite(values), -1);
        whole[start + n] = 0;
      }
    }
  });

  it("sum the squares of kernel-heap params and grads as the bounds' loop does, to rounding, on one thread and on two", () => {
    // 300001: above parallelMinLength() (2¹⁸ unless set), so the two threads share the sums.
    for (const n of [256, 257, 1001, 40001, 300001]) {
      const p = kernelArray(n + 2);
      const g = kernelArray(n + 2);
      p.set(gradients(n, n + 2, 1)[0]);
      g.set(gradients(n + 1, n + 2, 1)[0]);
      const params = p.subarray(0, n);
      const grads = g.subarray(0, n);
      let loopP = 0;
      let loopG = 0;
      for (let i = 0; i < n; i++) {
        loopP += params[i] * params[i];
        loopG += grads[i] * grads[i];
      }
      const out = { p: 0, g: 0 };
      assert.equal(squareSumsInHeap(params, grads, out), true);
      // Sums of n positive terms in different orders differ by at most about n·2⁻⁵² relative.
      const tolerance = n * Number.EPSILON;
      assert.ok(Math.abs(out.p - loopP) <= tolerance * loopP, `n ${n}: Σp² ${out.p} against ${loopP}`);
      assert.ok(Math.abs(out.g - loopG) <= tolerance * loopG, `n ${n}: Σg² ${out.g} against ${loopG}`);
      assert.equal(squareSumsInHeap(p.subarray(1, n + 1), grads, out), false, "not pair-aligned: left to the loop");
      // A bad entry in either half, or in the last (odd) place, reaches the sums.
      for (const i of [0, n >> 1, n - 2, n - 1]) {
        for (const [array, which] of [[params, "p"], [grads, "g"]] as const) {
          const kept = array[i];
          array[i] = NaN;
          squareSumsInHeap(params, grads, out);
          assert.ok(Number.isNaN(out[which]), `n ${n}: NaN at ${which}[${i}]`);
          array[i] = -Infinity;
          squareSumsInHeap(params, grads, out);
          assert.equal(out[which], Infinity, `n ${n}: -Infinity at ${which}[${i}]`);
          array[i] = kept;
        }
      }
    }
  });

  it("step a part of a kernel-heap array through the copies, leaving the rest of the array as it was", () => {
    const n = 101;
    const params = kernelArray(n + 1);
    const grads = kernelArray(n + 1);
    params.fill(1);
    grads.fill(0.5);
    const part = params.subarray(0, n); // odd: a kernel on it in place would run into params[n]
    assert.equal(kernelHeap()!.blockOf(part), undefined, "only the whole array is run on in place");
    const opt = adam({ lr: 0.1 });
    const reference = Float64Array.from({ length: n }, () => 1);
    const single = adam({ lr: 0.1 });
    single.step(reference, grads.slice(0, n));
    opt.step(part, grads.subarray(0, n));
    assert.deepEqual(part.slice(), reference);
    assert.equal(params[n], 1);
  });

  it("match the JavaScript loop bit for bit in place on two threads, a half each", () => {
    const previous = { chunk: setChunkLength(16), parallel: setParallelMinLength(KERNEL_MIN_LENGTH) };
    try {
      for (const [, make] of VARIANTS) compare(make, 7 * 32 + 3, 3, true);
    } finally {
      setChunkLength(previous.chunk);
      setParallelMinLength(previous.parallel);
    }
  });

  it("match the JavaScript loop when the parameters span several staged chunks (an odd count)", () => {
    const previous = setChunkLength(64);
    try {
      for (const [, make] of VARIANTS) compare(make, 3 * 64 + 5, 5);
    } finally {
      setChunkLength(previous);
    }
  });

  it("match the JavaScript loop when a second thread runs the kernel, pipelined with the copies", () => {
    const previous = { chunk: setChunkLength(64), parallel: setParallelMinLength(KERNEL_MIN_LENGTH) };
    try {
      for (const [, make] of VARIANTS) compare(make, 5 * 128 + 3, 6); // pipelined chunks are 2 × 64
      const opt = adam();
      opt.step(new Float64Array(1000), new Float64Array(1000).fill(1));
      assert.ok(opt.state.m.buffer instanceof SharedArrayBuffer, "the state lives in shared memory");
    } finally {
      setChunkLength(previous.chunk);
      setParallelMinLength(previous.parallel);
    }
  });

  it("give each optimizer its own result when pipelined steps of several optimizers alternate", () => {
    const previous = { chunk: setChunkLength(16), parallel: setParallelMinLength(KERNEL_MIN_LENGTH) };
    try {
      const n = 301;
      const makers = [() => adam({ lr: 0.01 }), () => rmsprop({ centered: true }), () => sgd({ lr: 0.1, momentum: 0.9 })];
      const alternating = makers.map((make) => ({ opt: make(), p: new Float64Array(n).fill(1) }));
      const grads = gradients(11, n, 12);
      for (const g of grads) for (const a of alternating) a.opt.step(a.p, g);
      makers.forEach((make, i) => {
        const alone = make();
        const p = new Float64Array(n).fill(1);
        for (const g of grads) alone.step(p, g);
        sameBits(alternating[i].p, Array.from(p), `params of optimizer ${i}`);
      });
    } finally {
      setChunkLength(previous.chunk);
      setParallelMinLength(previous.parallel);
    }
  });

  it("fuse AdamW's decay into one pass with the same numbers as the decay transform in front of Adam", () => {
    const n = 1000;
    const fused = adamw({ lr: 0.01, weightDecay: 0.1, recordUpdate: true });
    const chained = chain(decoupledWeightDecay(0.1), adam({ lr: 0.01, recordUpdate: true }));
    assert.equal(fused.transforms.length, 0);
    const start = Float64Array.from(gradients(3, n, 1)[0], (x) => 1 + x);
    const [a, b] = [start.slice(), start.slice()];
    for (const g of gradients(4, n, 10)) {
      const before = a.slice();
      fused.step(a, g);
      chained.step(b, g);
      // The recorded update is the whole θ_t − θ_{t−1}, decay included.
      for (let i = 0; i < n; i++) assert.equal(fused.state.update[i], a[i] - before[i]);
    }
    sameBits(a, Array.from(b), "params");
    sameBits(fused.state.update, Array.from(chained.state.update), "update");
  });

  it("is used from KERNEL_MIN_LENGTH parameters on, and state is still sized on the first step", () => {
    const below = adam();
    below.step(new Float64Array(KERNEL_MIN_LENGTH - 1), new Float64Array(KERNEL_MIN_LENGTH - 1).fill(1));
    assert.ok(!usesKernel(below));
    const at = adam();
    assert.equal(at.state.m.length, 0);
    at.step(new Float64Array(KERNEL_MIN_LENGTH), new Float64Array(KERNEL_MIN_LENGTH).fill(1));
    assert.ok(usesKernel(at));
    assert.equal(at.state.m.length, KERNEL_MIN_LENGTH);
    assert.equal(at.state.vMax.length, 0);
  });

  for (const pipelined of [false, true]) {
    it(`leaves params and state unchanged when a step is rejected${pipelined ? " (pipelined on two threads)" : ""}`, () => {
      const previous = setParallelMinLength(pipelined ? KERNEL_MIN_LENGTH : Infinity);
      const chunk = setChunkLength(8);
      try {
        const n = 64;
        const opt = adam({ amsgrad: true, recordUpdate: true });
        const params = new Float64Array(n).fill(1);
        const [g1, g2] = gradients(7, n, 2);
        opt.step(params, g1);
        assert.ok(opt.state.m.buffer instanceof SharedArrayBuffer, "the state lives in the kernel heap, shared memory");
        const before = { params: params.slice(), m: opt.state.m.slice(), v: opt.state.v.slice(), vMax: opt.state.vMax.slice() };
        const bad = g2.slice();
        bad[40] = NaN;
        assert.throws(() => opt.step(params, bad), /grads\[40\] is NaN/);
        assert.deepEqual(params, before.params);
        assert.deepEqual(opt.state.m.slice(), before.m);
        assert.deepEqual(opt.state.v.slice(), before.v);
        assert.deepEqual(opt.state.vMax.slice(), before.vMax);
        assert.equal(opt.state.t, 1);
        opt.step(params, g2); // and the optimizer goes on
        assert.equal(opt.state.t, 2);
      } finally {
        setParallelMinLength(previous);
        setChunkLength(chunk);
      }
    });
  }

  it("leaves kernel-heap params and state unchanged when a step in place on two threads is rejected, whichever entry is bad", () => {
    // 300001 parameters: above parallelMinLength() (2¹⁸ unless set), so both the check and the update
    // run on two threads, a half each; the last entry is the worker's and lies past the last pair.
    const n = 300001;
    const [g1, g2] = gradients(11, n, 2);
    for (const make of [() => sgd({ lr: 0.1 }), () => sgd({ lr: 0.1, momentum: 0.9 }), () => adam({ amsgrad: true })]) {
      const opt = make();
      const params = kernelArray(n);
      const grads = kernelArray(n);
      params.set(g2);
      grads.set(g1);
      opt.step(params, grads);
      const state = () => Object.entries(opt.state).filter(([, v]) => v instanceof Float64Array && v.length > 0).map(([k, v]) => [k, (v as Float64Array).slice()]);
      const before = { params: params.slice(), state: state() };
      for (const [array, name] of [[grads, "grads"], [params, "params"]] as const) {
        for (const i of [n - 1, n - 2, 3, n >> 1]) {
          const kept = array[i];
          array[i] = i % 2 === 0 ? NaN : -Infinity;
          assert.throws(() => opt.step(params, grads), new RegExp(`${name}\\[${i}\\] is (NaN|-Infinity)`));
          array[i] = kept;
          assert.deepEqual(params, before.params, `${name}[${i}] bad: params unchanged`);
          assert.deepEqual(state(), before.state, `${name}[${i}] bad: state unchanged`);
          assert.equal(opt.state.t, 1);
        }
      }
      opt.step(params, grads); // and the optimizer goes on
      assert.equal(opt.state.t, 2);
      assert.notDeepEqual(params, before.params);
    }
  });

  it("records the update, and starts over with a new size after reset", () => {
    const opt = adam({ lr: 0.5, recordUpdate: true });
    const params = new Float64Array(32).fill(2);
    opt.step(params, new Float64Array(32).fill(3));
    // The first Adam step is −lr·g/(|g| + ε): m̂₁ = g and v̂₁ = g².
    const first = (-0.5 * 3) / (3 + 1e-8);
    for (const d of opt.state.update) assert.ok(Math.abs(d - first) < 1e-15, `update ${d}, expected ${first}`);
    opt.reset();
    assert.equal(opt.state.m.length, 0);
    const more = new Float64Array(200).fill(-1);
    opt.step(more, new Float64Array(200).fill(-4));
    assert.ok(usesKernel(opt));
    assert.equal(opt.state.m.length, 200);
    assert.ok(Math.abs(more[199] - (-1 + (0.5 * 4) / (4 + 1e-8))) < 1e-15, `${more[199]}`);
  });
});
