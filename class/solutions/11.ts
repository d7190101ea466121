// Reference solutions of lesson 11's exercises, one section per exercise id. `npm run class -- assignment 11`
// puts each section under the answer it assigns, between BEGIN SOLUTION and END SOLUTION; nbgrader removes
// them from the students' copy. Not compiled on its own: every section runs inside the lesson's answer cell.
// %% 11.1
answer1 = (1 - 0.1 * 0.5) * 2; // w ← (1 − ηλ)w − η∇L with ∇L = 0
// %% 11.2
answer2 = Math.sign(-1.2) * Math.max(Math.abs(-1.2) - 0.5, 0); // S_t(v) = sign(v)·max(|v| − t, 0)
// %% 11.3
answer3 = 1 / (1 - 0.2); // a kept unit is divided by the keep probability 1 − p
// %% 11.4
elasticNet = (v: number, t1: number, t2: number) => (Math.sign(v) * Math.max(Math.abs(v) - t1, 0)) / (1 + t2); // soft-threshold at t₁, then shrink by 1/(1 + t₂)
