// Reference solutions of lesson 02's exercises, one section per exercise id. `npm run class -- assignment 02`
// puts each section under the answer it assigns, between BEGIN SOLUTION and END SOLUTION; nbgrader removes
// them from the students' copy. Not compiled on its own: every section runs inside the lesson's answer cell.
// %% 02.1
answer1 = 2 / 4; // η < 2/L, L = 4 the largest eigenvalue of diag(0.2, 4)
// %% 02.2
answer2 = 2 / (0.2 + 4); // |1 − ημ| = |1 − ηL| at η = 2/(μ + L)
// %% 02.3
answer3 = Math.ceil(Math.log(1e6) / Math.log(101 / 99)); // q = 99/101 per step at κ = 100
// %% 02.4
iterate = (eta: number, t: number) => 10 * (1 - 2 * eta) ** t; // x ← x − η·2x, from x₀ = 10
// %% 02.5
answer5 = stepsToTarget(d2lQuadratic(), sgd({ lr: eta }), { target: 1e-6, maxSteps: 5000 }) ?? Infinity;
