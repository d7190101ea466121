// Reference solutions of lesson 05b's exercises, one section per exercise id. `npm run class -- assignment 05b`
// puts each section under the answer it assigns, between BEGIN SOLUTION and END SOLUTION; nbgrader removes
// them from the students' copy. Not compiled on its own: every section runs inside the lesson's answer cell.
// %% 05b.1
firstAdadeltaStep = (g: number, rho: number, eps: number) => (Math.sqrt(eps) / Math.sqrt((1 - rho) * g * g + eps)) * g; // √(u₀ + ε)/√(s₁ + ε)·g with u₀ = 0, s₁ = (1 − ρ)g²
