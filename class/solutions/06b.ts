// Reference solutions of lesson 06b's exercises, one section per exercise id. `npm run class -- assignment 06b`
// puts each section under the answer it assigns, between BEGIN SOLUTION and END SOLUTION; nbgrader removes
// them from the students' copy. Not compiled on its own: every section runs inside the lesson's answer cell.
// %% 06b.1
equivalentEps = (epsHat: number, beta2: number, t: number) => epsHat / Math.sqrt(1 - beta2 ** t); // ε̂ sits next to √v̂·√(1 − β₂ᵗ), so ε = ε̂/√(1 − β₂ᵗ)
// %% 06b.2
answer2 = minimize(d2lQuadratic(), adam({ lr, beta1, beta2 }), { steps: 100 }).finalLoss; // the cell's own experiment
