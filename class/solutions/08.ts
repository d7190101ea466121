// Reference solutions of lesson 08's exercises, one section per exercise id. `npm run class -- assignment 08`
// puts each section under the answer it assigns, between BEGIN SOLUTION and END SOLUTION; nbgrader removes
// them from the students' copy. Not compiled on its own: every section runs inside the lesson's answer cell.
// %% 08.1
answer1 = 1 - 4 / 12; // x − f'/f'' = x − 4x³/(12x²) = (2/3)x
// %% 08.2
answer2 = (1e6 ** 2 * 4) / 1e9; // n² entries of 4 bytes
// %% 08.3
newtonStep = (x: number) => x - (Math.exp(x) - 2) / Math.exp(x); // x − f'(x)/f''(x); it converges to ln 2
// %% 08.4
answer4 = 2; // H = diag(2, −2): H + δI ⪰ 0 needs δ ≥ −λ_min = 2
