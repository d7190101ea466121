// Reference solutions of lesson 06a's exercises, one section per exercise id. `npm run class -- assignment 06a`
// puts each section under the answer it assigns, between BEGIN SOLUTION and END SOLUTION; nbgrader removes
// them from the students' copy. Not compiled on its own: every section runs inside the lesson's answer cell.
// %% 06a.1
answer1 = (1 - 0.9) / Math.sqrt(1 - 0.9999); // m₁ = (1 − β₁)g, v₁ = (1 − β₂)g²: the step is (1 − β₁)/√(1 − β₂) times η
// %% 06a.2
answer2 = 1 / (1 - 0.9 ** 5); // m̂₅ = m₅/(1 − β₁⁵)
// %% 06a.3
answer3 = Math.sqrt((1 - 0.9) / (1 - 0.9 ** 1000)); // step 1: v̂ = (1 − β)g/c, ŝ = (1 − β)g²/c with c = 1 − β^iterations, so v̂/√ŝ = √((1 − β)/c) (ε negligible)
