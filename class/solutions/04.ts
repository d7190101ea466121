// Reference solutions of lesson 04's exercises, one section per exercise id. `npm run class -- assignment 04`
// puts each section under the answer it assigns, between BEGIN SOLUTION and END SOLUTION; nbgrader removes
// them from the students' copy. Not compiled on its own: every section runs inside the lesson's answer cell.
// %% 04.1
answer1 = 0.05 * (1 - 0.9); // EMA v = (1 − β)·(PyTorch's buffer), so lr = η_EMA(1 − β)
// %% 04.2
answer2 = ((Math.sqrt(100) - 1) / (Math.sqrt(100) + 1)) ** 2; // β* = ((√κ − 1)/(√κ + 1))²
// %% 04.3
answer3 = (2 * (1 + 0.5)) / (1 + 2 * 0.5); // Nesterov stable while ηL < 2(1 + β)/(1 + 2β)
// %% 04.4
optimalLr = (mu: number, L: number) => 4 / (Math.sqrt(mu) + Math.sqrt(L)) ** 2; // the heavy ball's η* = 4/(√μ + √L)²
// %% 04.5
answer5 = stepsToTarget(bowl100, sgd({ lr, momentum: beta }), { target: 1e-6, maxSteps: 3000 }) ?? Infinity; // the cell's own experiment
