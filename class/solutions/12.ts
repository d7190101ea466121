// Reference solutions of lesson 12's exercises, one section per exercise id. `npm run class -- assignment 12`
// puts each section under the answer it assigns, between BEGIN SOLUTION and END SOLUTION; nbgrader removes
// them from the students' copy. Not compiled on its own: every section runs inside the lesson's answer cell.
// %% 12.1
answer1 = (1 / 4) ** 10; // each factor at most 1/4
// %% 12.2
answer2 = Math.sqrt(2 / 64); // He: variance 2/fan_in
// %% 12.3
answer3 = 3 * Math.min(1, 1 / Math.hypot(3, 4)); // g·min(1, c/‖g‖) with ‖g‖ = 5
// %% 12.4
dTanh = (z: number) => 1 - Math.tanh(z) ** 2; // tanh' = 1 − tanh²
