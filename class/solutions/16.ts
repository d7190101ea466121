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
answer4 = suggested; // the range test's suggestion at its startLr (the check re-runs it at the same startLr)
