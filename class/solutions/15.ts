// Reference solutions of lesson 15's exercises, one section per exercise id. `npm run class -- assignment 15`
// puts each section under the answer it assigns, between BEGIN SOLUTION and END SOLUTION; nbgrader removes
// them from the students' copy. Not compiled on its own: every section runs inside the lesson's answer cell.
// %% 15.1
answer1 = 32 * (196 + 1) + 10 * (32 + 1); // Σ n_l(n_{l−1} + 1)
// %% 15.2
answer2 = -Math.log(1 / 26); // −ln(1/K) at K = 26
// %% 15.3
answer3 = trainEach({ "no warmup": () => adam({ lr: cosineDecay({ lr: 0.01, totalSteps: warmEpochs * perEpoch }) }) }, train, { model: deepNet, epochs: warmEpochs, batchSize: warmBatch, test: test })["no warmup"].testAccuracy![warmEpochs]; // the warmup experiment re-run at warmEta = 0.01, the run without warmup
// %% 15.4
answer4 = trainEach({ constant: () => sgd({ lr: constantLr(eta0), momentum: 0.9 }) }, train, { model: digitNet, epochs: epochs, batchSize: 100, test: test })["constant"].testAccuracy![epochs]; // the schedule comparison re-run at schedBatch = 100, the constant schedule
