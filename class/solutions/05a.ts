// Reference solutions of lesson 05a's exercises, one section per exercise id. `npm run class -- assignment 05a`
// puts each section under the answer it assigns, between BEGIN SOLUTION and END SOLUTION; nbgrader removes
// them from the students' copy. Not compiled on its own: every section runs inside the lesson's answer cell.
// %% 05a.1
{ // after t steps the accumulator is t·g², so step t moves η·g/√(t g²) = η/√t
  let moved = 0;
  for (let t = 1; t <= 100; t++) moved += 0.1 / Math.sqrt(t);
  answer1 = moved;
}
// %% 05a.2
answer2 = 0.01 / Math.sqrt(1 - 0.9); // s₁ = (1 − ρ)g², so the step is η|g|/√((1 − ρ)g²) = η/√(1 − ρ)
