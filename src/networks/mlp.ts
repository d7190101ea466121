import { checkFinite, checkInteger, checkKeys, checkNumber, describe } from "../core/checks";
import type { Dataset } from "../data/dataset";
import { Rng, rng } from "../data/rng";
import { ACTIVATION_NAMES, ActivationName, applyActivation, multiplyByDerivative } from "./activations";
import { kernelArray, kernelHeap } from "../kernels/heap";
import { denseForward, inputGradient, weightGradient } from "./simd";
import { LOSS_NAMES, LossName, outputLoss, softmaxRows, type SoftmaxSums } from "./losses";

/**
 * Weight initialization schemes (biases always start at 0):
 * - `xavier`: Glorot uniform, U(−√(6/(in+out)), √(6/(in+out))) (Keras's and TF.js's default);
 * - `he`: He/Kaiming normal, N(0, 2/in), for ReLU layers;
 * - `normal`: N(0, initScale²), plain (initScale default 0.1);
 * - `zeros`: all weights 0 (shows why symmetric starts never learn).
 */
export type InitName = "xavier" | "he" | "normal" | "zeros";
const INIT_NAMES: readonly InitName[] = ["xavier", "he", "normal", "zeros"];

/** What `mlp` takes. */
export interface MLPOptions {
  /** Layer widths, input first: [2, 16, 16, 1] is 2 inputs, two hidden layers of 16, 1 output. */
  sizes: number[];
  /** The loss; it fixes the output activation (sigmoid for binary, softmax for softmax cross-entropy). */
  loss: LossName;
  /** Hidden-layer activation, or one per hidden layer (default "relu"). */
  activation?: ActivationName | ActivationName[];
  /** Output activation with the "mse" loss (default "linear"). */
  output?: ActivationName;
  /** Weight initialization (default "xavier"). */
  init?: InitName;
  /** Standard deviation of the "normal" initialization (default 0.1). */
  initScale?: number;
  /** Seed of the initial weights (stream 0) and of the dropout masks (stream 1) (default 0). */
  seed?: number;
  /** Dropout probability of each hidden layer's outputs while training, or one per hidden layer (default 0). */
  dropout?: number | number[];
  /** L2 coefficient λ: the objective adds λ/2·Σ‖Wˡ‖² (weights only), so the gradient adds λW (default 0). */
  l2?: number;
  /** LeakyReLU's slope for z < 0 (default 0.01, as PyTorch). */
  leakySlope?: number;
  /**
   * Arithmetic of the matrix products (default "float64"). "float32" runs them in single precision,
   * four SIMD lanes at a time, about twice as fast on wide layers; weights, gradients, activations and
   * the optimizer stay float64, and results differ from float64's from about the 7th significant digit.
   */
  precision?: "float64" | "float32";
}

/** One dense layer: zˡ = Wˡ aˡ⁻¹ + bˡ, aˡ = f(zˡ). Its arrays are views into the model's flat arrays. */
export interface DenseLayer {
  readonly inputs: number;
  readonly outputs: number;
  readonly activation: ActivationName | "softmax";
  /** Dropout probability applied to this layer's outputs while training (0 for the output layer). */
  readonly dropout: number;
  /** Weights, outputs × inputs row-major: W[j * inputs + i] connects input i to unit j. */
  readonly W: Float64Array;
  readonly b: Float64Array;
  /** ∂C/∂W and ∂C/∂b of the last backward pass (views into `grads`). */
  readonly dW: Float64Array;
  readonly db: Float64Array;
}

/** Loss and accuracy of a model on some data. */
export interface Evaluation {
  /** The mean data loss (without the L2 penalty), dropout off. */
  loss: number;
  /** Fraction classified right (threshold 0.5 for sigmoid outputs, argmax for softmax); undefined for "mse". */
  accuracy: number | undefined;
}

/** Inputs: flat row-major (Float64Array or number[]) or an array of rows. */
type Inputs = Float64Array | number[] | number[][];
type Targets = Float64Array | number[] | number[][];

function toFlat(name: string, values: Inputs | Targets, width: number): Float64Array {
  if (values instanceof Float64Array) return values;
  if (!Array.isArray(values)) throw new Error(`${name} must be a Float64Array or an array, got ${describe(values)}`);
  if (values.length > 0 && Array.isArray(values[0])) {
    const rows = values as number[][];
    const flat = new Float64Array(rows.length * width);
    rows.forEach((row, s) => {
      if (!Array.isArray(row) || row.length !== width) throw new Error(`${name}[${s}] must have ${width} values, got ${describe(row)}`);
      flat.set(row, s * width);
    });
    return flat;
  }
  return Float64Array.from(values as number[]);
}

/**
 * A multilayer perceptron written out by hand: dense layers, explicit forward and backward passes on
 * batches stored as flat row-major Float64Arrays, and ALL parameters in one flat Float64Array
 * `params` (per layer: W row-major, then b), with the gradient in `grads` in the same layout, so any
 * optimizer's `step(params, grads)` trains it.
 *
 * Forward, for layers l = 1..L on a batch (rows are samples): zˡ = aˡ⁻¹Wˡᵀ + bˡ, aˡ = f(zˡ) (then
 * inverted dropout while training: aˡ ⊙ m/(1 − p), m ~ Bernoulli(1 − p)).
 *
 * Backward, the δ recursion of 004 §3.3 corrected (δˡ = ∂C/∂zˡ):
 *   δᴸ = ∂C/∂aᴸ ⊙ f'(zᴸ)                  (= (aᴸ − y)/n for sigmoid/softmax with cross-entropy)
 *   δˡ = (Wˡ⁺¹ᵀ δˡ⁺¹) ⊙ f'(zˡ)             (⊙ m/(1 − p) where dropout was applied)
 *   ∂C/∂Wˡ = δˡ aˡ⁻¹ᵀ (+ λWˡ),  ∂C/∂bˡ = δˡ (both summed over the batch)
 * 004 §3.3 writes δ = ∂C/∂z · f'(z), which applies f' twice: ∂C/∂z already contains it.
 */
export class MLP {
  readonly sizes: number[];
  readonly lossName: LossName;
  readonly layers: DenseLayer[];
  /**
   * All weights and biases, one flat array (see the class comment for the layout). It lives in the
   * kernel heap, with `grads`: an optimizer's `step(net.params, net.grads)` updates it where it is.
   */
  readonly params: Float64Array;
  /** ∂(objective)/∂params of the last `lossAndGradient`/`backward`, same layout as `params`. */
  readonly grads: Float64Array;
  readonly l2: number;
  readonly leakySlope: number;
  readonly init: InitName;
  readonly initScale: number;
  readonly seed: number;
  /** Arithmetic of the matrix products (see `MLPOptions.precision`). */
  readonly precision: "float64" | "float32";

  private dropoutRng: Rng;
  private capacity = 0;
  private z: Float64Array[] = [];
  private h: Float64Array[] = [];
  private a: Float64Array[] = [];
  private mask: (Float64Array | undefined)[] = [];
  private delta: Float64Array[] = [];
  /** A softmax output's row maxima and sums of exponentials from the last forward pass, which its loss reuses. */
  private softmaxSums: SoftmaxSums | undefined;
  /**
   * Two buffers in the kernel heap (none where there is no heap), used in turn, into which a batch from
   * outside the heap is copied, so that both of its products run the kernel and its finiteness check is
   * a SIMD kernel too. In turn, so that a batch the check rejects leaves the last pass's input intact.
   */
  private input: Float64Array[] = [];
  private lastInput: Float64Array | undefined;
  private lastN = 0;
  private lastTraining = false;
  private readonly options: MLPOptions;

  constructor(options: MLPOptions) {
    if (options === null || typeof options !== "object") throw new Error(`mlp: options with sizes and loss are required, got ${describe(options)}`);
    checkKeys("mlp", options, ["sizes", "loss", "activation", "output", "init", "initScale", "seed", "dropout", "l2", "leakySlope", "precision"]);
    const { sizes } = options;
    if (!Array.isArray(sizes) || sizes.length < 2) throw new Error(`sizes must list at least the input and output widths, got ${describe(sizes)}`);
    sizes.forEach((s, i) => checkInteger(`sizes[${i}]`, s, 1));
    if (!LOSS_NAMES.includes(options.loss)) throw new Error(`loss must be one of ${LOSS_NAMES.join(", ")}, got ${describe(options.loss)}`);
    const hidden = sizes.length - 2;
    const activation = options.activation ?? "relu";
    const hiddenActs = Array.isArray(activation) ? activation.slice() : new Array<ActivationName>(hidden).fill(activation);
    if (hiddenActs.length !== hidden) throw new Error(`activation lists ${hiddenActs.length} activations for ${hidden} hidden layers`);
    hiddenActs.forEach((f, i) => {
      if (!ACTIVATION_NAMES.includes(f)) throw new Error(`activation[${i}] must be one of ${ACTIVATION_NAMES.join(", ")}, got ${describe(f)}`);
    });
    let output: ActivationName | "softmax";
    if (options.loss === "mse") {
      output = options.output ?? "linear";
      if (!ACTIVATION_NAMES.includes(output)) throw new Error(`output must be one of ${ACTIVATION_NAMES.join(", ")}, got ${describe(output)}`);
    } else {
      if (options.output !== undefined) throw new Error(`output = ${describe(options.output)} is fixed by loss "${options.loss}": leave it out`);
      output = options.loss === "binaryCrossEntropy" ? "sigmoid" : "softmax";
      if (output === "softmax" && sizes[sizes.length - 1] < 2) throw new Error(`softmaxCrossEntropy needs at least 2 outputs, got sizes[${sizes.length - 1}] = ${sizes[sizes.length - 1]}`);
    }
    const dropout = options.dropout ?? 0;
    const drops = Array.isArray(dropout) ? dropout.slice() : new Array<number>(hidden).fill(dropout);
    if (drops.length !== hidden) throw new Error(`dropout lists ${drops.length} rates for ${hidden} hidden layers`);
    drops.forEach((p, i) => {
      if (typeof p !== "number" || !(p >= 0 && p < 1)) throw new Error(`dropout[${i}] must be in [0, 1), got ${describe(p)}`);
    });
    this.l2 = checkNumber("l2", options.l2 ?? 0, "nonNegative");
    this.leakySlope = checkNumber("leakySlope", options.leakySlope ?? 0.01);
    this.init = options.init ?? "xavier";
    if (!INIT_NAMES.includes(this.init)) throw new Error(`init must be one of ${INIT_NAMES.join(", ")}, got ${describe(this.init)}`);
    this.initScale = checkNumber("initScale", options.initScale ?? 0.1, "positive");
    this.seed = checkInteger("seed", options.seed ?? 0);
    this.precision = options.precision ?? "float64";
    if (this.precision !== "float64" && this.precision !== "float32") throw new Error(`precision must be "float64" or "float32", got ${describe(options.precision)}`);
    this.options = { ...options, sizes: sizes.slice() };
    this.sizes = sizes.slice();
    this.lossName = options.loss;

    let count = 0;
    for (let l = 1; l < sizes.length; l++) count += sizes[l] * sizes[l - 1] + sizes[l];
    // In the kernel heap, so that optimizer steps run on them where they are (no copies).
    this.params = kernelArray(count);
    this.grads = kernelArray(count);
    this.layers = [];
    let offset = 0;
    for (let l = 1; l < sizes.length; l++) {
      const inputs = sizes[l - 1];
      const outputs = sizes[l];
      const wEnd = offset + inputs * outputs;
      const bEnd = wEnd + outputs;
      const last = l === sizes.length - 1;
      this.layers.push({
        inputs,
        outputs,
        activation: last ? output : hiddenActs[l - 1],
        dropout: last ? 0 : drops[l - 1],
        W: this.params.subarray(offset, wEnd),
        b: this.params.subarray(wEnd, bEnd),
        dW: this.grads.subarray(offset, wEnd),
        db: this.grads.subarray(wEnd, bEnd),
      });
      offset = bEnd;
    }
    this.dropoutRng = rng(this.seed, 1);
    this.initialize();
  }

  /** Number of inputs per sample. */
  get inputSize(): number {
    return this.sizes[0];
  }

  /** Number of outputs per sample. */
  get outputSize(): number {
    return this.sizes[this.sizes.length - 1];
  }

  /** Target values per sample: 1 (the class index) for softmax cross-entropy, else the output width. */
  get targetSize(): number {
    return this.lossName === "softmaxCrossEntropy" ? 1 : this.outputSize;
  }

  /**
   * Re-draws the initial weights (biases 0) and restarts the dropout stream, from `seed` (default: the
   * model's seed). Draw order: layer by layer, W row-major, from `rng(seed, 0)`.
   */
  initialize(seed: number = this.seed): this {
    checkInteger("seed", seed);
    const r = rng(seed, 0);
    for (const layer of this.layers) {
      const { inputs, outputs, W, b } = layer;
      b.fill(0);
      for (let i = 0; i < W.length; i++) {
        switch (this.init) {
          case "xavier": {
            const limit = Math.sqrt(6 / (inputs + outputs));
            W[i] = r.uniform(-limit, limit);
            break;
          }
          case "he":
            W[i] = r.normal(0, Math.sqrt(2 / inputs));
            break;
          case "normal":
            W[i] = r.normal(0, this.initScale);
            break;
          case "zeros":
            W[i] = 0;
            break;
        }
      }
    }
    this.dropoutRng = rng(seed, 1);
    this.grads.fill(0);
    this.lastInput = undefined;
    return this;
  }

  /** A model with the same options and a copy of the current parameters. */
  clone(): MLP {
    const copy = new MLP(this.options);
    copy.params.set(this.params);
    return copy;
  }

  private rows(name: string, x: Float64Array, width: number): number {
    if (x.length === 0) throw new Error(`${name} is empty: no samples`);
    if (x.length % width !== 0) throw new Error(`${name} has ${x.length} values, not a multiple of ${width} per sample`);
    return x.length / width;
  }

  /**
   * The batch `x` where the passes read it, checked finite: `x` itself when it is in the kernel heap
   * (or there is no heap), else a copy in the input buffer the last pass did not use (made before the
   * check, so that the check runs as a SIMD kernel on the copy).
   */
  private checkedInput(x: Float64Array): Float64Array {
    let batch = x;
    if (this.input.length > 0 && !kernelHeap()!.holds(x)) {
      const last = this.lastInput;
      const spare = last !== undefined && last.buffer === this.input[0].buffer && last.byteOffset === this.input[0].byteOffset ? 1 : 0;
      this.input[spare] ??= kernelArray(this.capacity * this.inputSize);
      batch = this.input[spare].subarray(0, x.length);
      batch.set(x);
    }
    checkFinite("mlp: x", batch);
    return batch;
  }

  private ensureCapacity(n: number): void {
    if (n <= this.capacity) return;
    const cap = Math.max(n, 2 * this.capacity);
    // In the kernel heap, where the SIMD matrix products (simd.ts) read and write them.
    this.z = this.layers.map((L) => kernelArray(cap * L.outputs));
    this.h = this.layers.map((L) => kernelArray(cap * L.outputs));
    this.mask = this.layers.map((L) => (L.dropout > 0 ? new Float64Array(cap * L.outputs) : undefined));
    this.a = this.layers.map((L, l) => (L.dropout > 0 ? kernelArray(cap * L.outputs) : this.h[l]));
    this.delta = this.layers.map((L) => kernelArray(cap * L.outputs));
    const softmax = this.layers[this.layers.length - 1].activation === "softmax";
    this.softmaxSums = softmax ? { max: new Float64Array(cap), sum: new Float64Array(cap) } : undefined;
    this.input = kernelHeap() ? [kernelArray(cap * this.inputSize)] : [];
    this.capacity = cap;
    this.lastInput = undefined;
  }

  /**
   * The forward pass on a batch `x` (n × inputSize, flat row-major, or an array of rows). Returns the
   * outputs aᴸ (n × outputSize): probabilities for sigmoid/softmax outputs. With `training`, applies
   * dropout. The returned array is a view of an internal buffer, overwritten by the next pass: copy it
   * (or use `predict`) to keep it.
   */
  forward(x: Inputs, training = false): Float64Array {
    const input = toFlat("x", x, this.inputSize);
    const n = this.rows("x", input, this.inputSize);
    // Growing the buffers drops the last pass: a batch that would grow them is checked before it does.
    if (n > this.capacity) checkFinite("mlp: x", input);
    this.ensureCapacity(n);
    // A batch from outside the heap is copied in once: the forward product and, in backward, the first
    // layer's dW = δᵀx then both run the SIMD kernel on it.
    const batch = this.checkedInput(input);
    let prev = batch;
    for (let l = 0; l < this.layers.length; l++) {
      const { inputs, outputs, W, b, activation, dropout } = this.layers[l];
      const z = this.z[l];
      const h = this.h[l];
      denseForward(prev, n, inputs, W, b, outputs, z, this.precision === "float32");
      if (activation === "softmax") softmaxRows(z, h, n, outputs, this.softmaxSums);
      else applyActivation(activation, z, h, n * outputs, this.leakySlope);
      if (dropout > 0) {
        const m = this.mask[l]!;
        const a = this.a[l];
        const keep = 1 / (1 - dropout);
        for (let i = 0; i < n * outputs; i++) {
          m[i] = training ? (this.dropoutRng.uniform() >= dropout ? keep : 0) : 1;
          a[i] = h[i] * m[i];
        }
      }
      prev = this.a[l];
    }
    this.lastInput = batch;
    this.lastN = n;
    this.lastTraining = training;
    return this.a[this.layers.length - 1].subarray(0, n * this.outputSize);
  }

  /** The outputs for `x` (n × outputSize, a new array), dropout off. */
  predict(x: Inputs): Float64Array {
    return this.forward(x, false).slice();
  }

  private targets(y: Targets, n: number): Float64Array {
    const k = this.targetSize;
    const flat = toFlat("y", y, k);
    if (flat.length !== n * k) throw new Error(`y has ${flat.length} values but ${n} samples need ${n * k} (${k} per sample)`);
    checkFinite("mlp: y", flat);
    if (this.lossName === "binaryCrossEntropy") {
      for (let i = 0; i < flat.length; i++) {
        if (!(flat[i] >= 0 && flat[i] <= 1)) throw new Error(`mlp: y[${i}] = ${flat[i]} is not a probability in [0, 1], as binaryCrossEntropy needs`);
      }
    }
    if (this.lossName === "softmaxCrossEntropy") {
      for (let s = 0; s < n; s++) {
        const c = flat[s];
        if (!Number.isInteger(c) || c < 0 || c >= this.outputSize) throw new Error(`y[${s}] = ${c} is not a class index in 0..${this.outputSize - 1}`);
      }
    }
    return flat;
  }

  /** λ/2·Σ‖Wˡ‖², the L2 penalty of the current weights. */
  penalty(): number {
    if (this.l2 === 0) return 0;
    let sum = 0;
    for (const { W } of this.layers) for (let i = 0; i < W.length; i++) sum += W[i] * W[i];
    return 0.5 * this.l2 * sum;
  }

  /**
   * The backward pass for the batch of the last `forward`: computes the δˡ of every layer and fills
   * `grads` with the gradient of the objective (mean loss + L2 penalty). Returns the objective.
   */
  backward(y: Targets): number {
    const input = this.lastInput;
    if (input === undefined) throw new Error("backward needs a forward pass first (call forward(x) or use lossAndGradient)");
    const n = this.lastN;
    const yFlat = this.targets(y, n);
    const L = this.layers.length;
    const out = this.layers[L - 1];
    let loss = outputLoss(this.lossName, out.activation, this.z[L - 1], this.h[L - 1], yFlat, n, out.outputs, this.delta[L - 1], this.leakySlope, this.softmaxSums);
    for (let l = L - 1; l >= 0; l--) {
      const { inputs, outputs, W, dW, db } = this.layers[l];
      const delta = this.delta[l];
      const prev = l === 0 ? input : this.a[l - 1];
      weightGradient(delta, n, outputs, prev, inputs, dW, db, this.precision === "float32");
      if (this.l2 > 0) for (let i = 0; i < W.length; i++) dW[i] += this.l2 * W[i];
      if (l > 0) {
        const below = this.layers[l - 1];
        const back = this.delta[l - 1];
        inputGradient(delta, n, outputs, W, inputs, back, this.precision === "float32");
        if (below.dropout > 0) {
          const m = this.mask[l - 1]!;
          for (let i = 0; i < n * inputs; i++) back[i] *= m[i];
        }
        multiplyByDerivative(below.activation as ActivationName, this.z[l - 1], this.h[l - 1], back, n * inputs, this.leakySlope);
      }
    }
    loss += this.penalty();
    return loss;
  }

  /**
   * Forward (dropout on when `training`, the default) and backward on a batch: fills `grads` and
   * returns the objective (mean loss + L2 penalty). Accepts a Dataset too.
   */
  lossAndGradient(x: Inputs | Dataset, y?: Targets, training = true): number {
    const [xs, ys] = unpack(x, y);
    this.forward(xs, training);
    return this.backward(ys);
  }

  /** The objective (mean loss + L2 penalty) on a batch, dropout off: what `lossAndGradient` differentiates. */
  loss(x: Inputs | Dataset, y?: Targets): number {
    const [xs, ys] = unpack(x, y);
    return this.evaluate(xs, ys).loss + this.penalty();
  }

  /** Mean data loss (no L2 penalty) and accuracy on `x`, `y` (or a Dataset), dropout off. */
  evaluate(x: Inputs | Dataset, y?: Targets): Evaluation {
    const [xs, ys] = unpack(x, y);
    const a = this.forward(xs, false);
    const n = this.lastN;
    const yFlat = this.targets(ys, n);
    const L = this.layers.length;
    const out = this.layers[L - 1];
    const loss = outputLoss(this.lossName, out.activation, this.z[L - 1], this.h[L - 1], yFlat, n, out.outputs, undefined, this.leakySlope, this.softmaxSums);
    return { loss, accuracy: this.lossName === "mse" ? undefined : accuracy(a, yFlat, n, out.outputs, this.lossName) };
  }

  /**
   * The Frobenius norm ‖∂C/∂Wˡ‖ of each layer's weight gradient from the last backward pass, input
   * layer first: the numbers of the vanishing-gradient lesson.
   */
  gradientNorms(): number[] {
    return this.layers.map(({ dW }) => {
      let sum = 0;
      for (let i = 0; i < dW.length; i++) sum += dW[i] * dW[i];
      return Math.sqrt(sum);
    });
  }

  /** Views of zˡ and aˡ (n × width each, after dropout) of every layer from the last forward pass. */
  layerOutputs(): { z: Float64Array[]; a: Float64Array[] } {
    if (this.lastInput === undefined) throw new Error("layerOutputs needs a forward pass first");
    const n = this.lastN;
    return {
      z: this.layers.map((L, l) => this.z[l].subarray(0, n * L.outputs)),
      a: this.layers.map((L, l) => this.a[l].subarray(0, n * L.outputs)),
    };
  }

  /** Views of δˡ = ∂C/∂zˡ (n × width) of every layer from the last backward pass. */
  deltas(): Float64Array[] {
    if (this.lastInput === undefined) throw new Error("deltas needs a forward and a backward pass first");
    return this.layers.map((L, l) => this.delta[l].subarray(0, this.lastN * L.outputs));
  }

  /** Whether the last forward pass applied dropout. */
  get lastPassTraining(): boolean {
    return this.lastTraining;
  }
}

function unpack(x: Inputs | Dataset, y: Targets | undefined): [Inputs, Targets] {
  if (!(x instanceof Float64Array) && !Array.isArray(x) && x !== null && typeof x === "object" && "x" in x) {
    if (y !== undefined) throw new Error("pass either a Dataset or x and y, not both");
    return [x.x, x.y];
  }
  if (y === undefined) throw new Error("y is missing: pass targets for x, or a Dataset");
  return [x as Inputs, y];
}

/** Fraction of samples classified right: a ≥ 0.5 against y ∈ {0, 1} (every output), or argmax against the class index. */
export function accuracy(a: Float64Array, y: Float64Array, n: number, k: number, loss: LossName): number {
  let right = 0;
  if (loss === "softmaxCrossEntropy") {
    for (let s = 0; s < n; s++) {
      let best = 0;
      for (let j = 1; j < k; j++) if (a[s * k + j] > a[s * k + best]) best = j;
      if (best === y[s]) right++;
    }
    return right / n;
  }
  for (let i = 0; i < n * k; i++) if ((a[i] >= 0.5 ? 1 : 0) === y[i]) right++;
  return right / (n * k);
}

/**
 * A multilayer perceptron (see `MLP`).
 * @example
 * const net = mlp({ sizes: [2, 16, 16, 1], activation: "tanh", loss: "binaryCrossEntropy", seed: 1 });
 * const loss = net.lossAndGradient(data);   // fills net.grads
 * adam({ lr: 0.01 }).step(net.params, net.grads);
 */
export function mlp(options: MLPOptions): MLP {
  return new MLP(options);
}
