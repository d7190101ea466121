// Reference solutions of lesson 05c's exercises, one section per exercise id. `npm run class -- assignment 05c`
// puts each section under the answer it assigns, between BEGIN SOLUTION and END SOLUTION; nbgrader removes
// them from the students' copy. Not compiled on its own: every section runs inside the lesson's answer cell.
// %% 05c.1
answer1 = (0.5 * 4) / Math.sqrt(4 ** 2); // the accumulator is g₁² after one step, so the first step is η·g/|g| = η per coordinate
// %% 05c.2
answer2 = ((data) => {
  // the sparse experiment re-run at rareRate = 0.1: SGD at its best η (lowest training loss), its RMS error on the rare weights
  const runs = sparseLrs.map((lr) => {
    const net = mlp({ sizes: [20, 1], loss: "mse", init: "zeros" });
    const run = fit(net, data, sgd({ lr }), { epochs: 1, batchSize: 10 });
    const w = net.layers[0].W;
    return { loss: run.diverged ? Infinity : run.trainLoss[1], rare: Math.sqrt(data.rareFeatures.reduce((s, j) => s + (w[j] - data.weights[j]) ** 2, 0) / data.rareFeatures.length) };
  });
  return runs.reduce((a, b) => (b.loss < a.loss ? b : a)).rare;
})(sparseRegression({ n: 2000, common: 10, rare: 10, commonRate: 0.5, rareRate: 0.1, seed: 1 }));
