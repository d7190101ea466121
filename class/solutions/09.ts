// Reference solutions of lesson 09's exercises, one section per exercise id. `npm run class -- assignment 09`
// puts each section under the answer it assigns, between BEGIN SOLUTION and END SOLUTION; nbgrader removes
// them from the students' copy. Not compiled on its own: every section runs inside the lesson's answer cell.
// %% 09.1
answer1 = 10 * (8 + 1) + 1 * (10 + 1); // Σ n_l(n_{l−1} + 1) over the two layers
// %% 09.2
outputDeltaMse = (a: number, y: number, n: number) => (2 / n) * (a - y) * a * (1 - a); // ∂C/∂a = 2(a − y)/n times σ'(z) = a(1 − a)
// %% 09.3
answer3 = 1 / 4; // σ'(z) = σ(1 − σ) is largest at z = 0, where σ = 1/2
// %% 09.4
answer4 = 1; // the lesson's argument: one hinge bends the score once inside the data, enough with the other unit alive (linear)
