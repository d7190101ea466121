// Reference solutions of lesson 00's exercises, one section per exercise id. `npm run class -- assignment 00`
// puts each section under the answer it assigns, between BEGIN SOLUTION and END SOLUTION; nbgrader removes
// them from the students' copy. Not compiled on its own: every section runs inside the lesson's answer cell.
// %% 00.1
answer1 = 2 / ((2 / 10) * 385); // L''(w) = (2/n)Σxᵢ² = 77 for x = 1..10 (Σxᵢ² = 385); the boundary is η = 2/L''
// %% 00.2
answer2 = 11 * (2 * 0.76 ** 30) ** 2; // w − 2 shrinks by 1 − 0.08·22 = −0.76 per step from −2; L = mean(x²)·(w − 2)² = 11(w − 2)²
// %% 00.3
dLdb = (w: number, b: number) => 2 * (3 * w + b - 6); // (2/n)Σ(wxᵢ + b − 2xᵢ) with mean x = 3
