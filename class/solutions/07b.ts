// Reference solutions of lesson 07b's exercises, one section per exercise id. `npm run class -- assignment 07b`
// puts each section under the answer it assigns, between BEGIN SOLUTION and END SOLUTION; nbgrader removes
// them from the students' copy. Not compiled on its own: every section runs inside the lesson's answer cell.
// %% 07b.1
answer1 = 0 + ((0.1 - 0) * (1 + Math.cos((Math.PI * 250) / 1000))) / 2; // η_min + (η_max − η_min)(1 + cos(πt/T))/2
// %% 07b.2
answer2 = 0.3 * (1 / 3 + (1 - 1 / 3) * (50 / 100)); // η(s + (1 − s)t/W) with the default s = 1/3
