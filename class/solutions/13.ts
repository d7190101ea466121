// Reference solutions of lesson 13's exercises, one section per exercise id. `npm run class -- assignment 13`
// puts each section under the answer it assigns, between BEGIN SOLUTION and END SOLUTION; nbgrader removes
// them from the students' copy. Not compiled on its own: every section runs inside the lesson's answer cell.
// %% 13.1
answer1 = (Math.sqrt(100) - 1) / (Math.sqrt(100) + 1); // (√κ − 1)/(√κ + 1) at κ = 100
// %% 13.2
maxStableLr = (L: number, beta: number) => (2 * (1 + beta)) / L; // the heavy ball is stable while ηL < 2(1 + β)
// %% 13.3
answer3 = ((Math.sqrt(100) - 1) / (Math.sqrt(100) + 1)) ** 2; // β* = q²
