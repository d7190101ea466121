// Reference solutions of lesson 15's exercises, one section per exercise id. `npm run class -- assignment 15`
// puts each section under the answer it assigns, between BEGIN SOLUTION and END SOLUTION; nbgrader removes
// them from the students' copy. Not compiled on its own: every section runs inside the lesson's answer cell.
// %% 15.1
answer1 = 32 * (196 + 1) + 10 * (32 + 1); // Σ n_l(n_{l−1} + 1)
// %% 15.2
answer2 = -Math.log(1 / 26); // −ln(1/K) at K = 26
// %% 15.3
answer3 = warmRuns["no warmup"].testAccuracy![warmEpochs]; // the lesson's warmup run at its warmEta (the check re-runs it at the same η)
// %% 15.4
answer4 = scheduleRuns["constant"].testAccuracy![epochs]; // the lesson's schedule comparison at its schedBatch (the check re-runs it)
