// Reference solutions of lesson 14's exercises, one section per exercise id. `npm run class -- assignment 14`
// puts each section under the answer it assigns, between BEGIN SOLUTION and END SOLUTION; nbgrader removes
// them from the students' copy. Not compiled on its own: every section runs inside the lesson's answer cell.
// %% 14.1
answer1 = 2 * Math.sin(Math.PI / (2 * (2 * 3 + 1))); // a*(τ) = 2 sin(π/(2(2τ + 1))) at τ = 3
// %% 14.2
combine = (n1: number, g1: number, n2: number, g2: number) => (n1 * g1 + n2 * g2) / (n1 + n2); // each worker weighted by its share of the samples
// %% 14.3
answer3 = 2 ** -11 / (22 * 0.002); // stalls once 22η|e| < ulp(w)/2 = 2⁻¹¹
// %% 14.4
answer4 = 2 * ((8 - 1) / 8) * 4 * 1e8; // 2(k − 1)/k × 4 bytes × parameters
