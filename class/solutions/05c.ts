// Reference solutions of lesson 05c's exercises, one section per exercise id. `npm run class -- assignment 05c`
// puts each section under the answer it assigns, between BEGIN SOLUTION and END SOLUTION; nbgrader removes
// them from the students' copy. Not compiled on its own: every section runs inside the lesson's answer cell.
// %% 05c.1
answer1 = (0.5 * 4) / Math.sqrt(4 ** 2); // the accumulator is g₁² after one step, so the first step is η·g/|g| = η per coordinate
// %% 05c.2
answer2 = sparseRows[0].rare; // SGD's row of the lesson's sparse experiment, at its rareRate (the check re-runs it at the same rate)
