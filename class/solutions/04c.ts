// Reference solutions of lesson 04c's exercises, one section per exercise id. `npm run class -- assignment 04c`
// puts each section under the answer it assigns, between BEGIN SOLUTION and END SOLUTION; nbgrader removes
// them from the students' copy. Not compiled on its own: every section runs inside the lesson's answer cell.
// %% 04c.1
answer1 = (1 - Math.sqrt(0.04)) ** 2; // critical damping β = (1 − √a)²
// %% 04c.2
answer2 = 1 - Math.sqrt(0.04); // at critical damping q = 1 − √a (= √β)
// %% 04c.3
{ // the stationary variance ∝ (1 + β)/((1 − β)·a·(2(1 + β) − a)), with a = ηh = 0.01, divided by its value at β = 0
  const a = 0.01 * 1, variance = (b: number) => (1 + b) / ((1 - b) * a * (2 * (1 + b) - a));
  answer3 = variance(0.9) / variance(0);
}
// %% 04c.4
{ // the first table's measurement, re-run at a = 0.01, β = 0.95
  const run = minimize(line, sgd({ lr: 0.01, momentum: 0.95 }), { steps: 600 });
  answer4 = (envelope(run.trajectory, 550, 600) / envelope(run.trajectory, 150, 200)) ** (1 / 400);
}
