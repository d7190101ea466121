// Reference solutions of lesson 16's exercises, one section per exercise id. `npm run class -- assignment 16`
// puts each section under the answer it assigns, between BEGIN SOLUTION and END SOLUTION; nbgrader removes
// them from the students' copy. Not compiled on its own: every section runs inside the lesson's answer cell.
// %% 16.1
answer1 = Math.log(100); // −ln(1/K) at K = 100
// %% 16.2
answer2 = 4; // the grid tries every value of each axis, so 4 distinct learning rates (in 4³ = 64 runs)
// %% 16.3
smoothedSecond = (x0: number, x1: number, beta: number) => ((1 - beta) * (beta * x0 + x1)) / (1 - beta ** 2); // s₁ = EMA₁/(1 − β²)
// %% 16.4
answer4 = ((lr0) => {
  // the range test re-run from startLr = 1e-4 (same growth per step): a tenth of the rate at the lowest smoothed loss
  const run = fit(mlp({ sizes: [196, 32, 10], loss: "softmaxCrossEntropy", init: "he", seed: 0 }), train, adam({ lr: exponentialDecay({ lr: lr0, gamma: growth }) }), { epochs: 3, batchSize: 32, limit: 1e6 });
  const loss = smoothed(run.batchLoss, 0.9);
  return (lr0 * growth ** loss.indexOf(Math.min(...loss))) / 10;
})(1e-4);
