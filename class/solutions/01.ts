// Reference solutions of lesson 01's exercises, one section per exercise id. `npm run class -- assignment 01`
// puts each section under the answer it assigns, between BEGIN SOLUTION and END SOLUTION; nbgrader removes
// them from the students' copy. Not compiled on its own: every section runs inside the lesson's answer cell.
// %% 01.1
answer1 = 2 * (1 / 2 - 1) * (1 / 2) * (1 - 1 / 2); // 2(σ(z) − y)·σ(z)(1 − σ(z)) with σ(0) = 1/2, y = 1
// %% 01.2
crossEntropyGradient = (z: number, y: number) => 1 / (1 + Math.exp(-z)) - y; // σ(z) − y: the logit's gradient is prediction minus target
// %% 01.3
{ // the steepest slope is ‖∇L‖; the gradient from the formula on 003's data (data003), at (w, b) = (1, 1)
  let gw = 0, gb = 0;
  for (let i = 0; i < data003.n; i++) {
    const r = data003.x[i] + 1 - data003.y[i];
    gw += (2 / data003.n) * data003.x[i] * r;
    gb += (2 / data003.n) * r;
  }
  answer3 = Math.hypot(gw, gb);
}
