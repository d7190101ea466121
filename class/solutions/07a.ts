// Reference solutions of lesson 07a's exercises, one section per exercise id. `npm run class -- assignment 07a`
// puts each section under the answer it assigns, between BEGIN SOLUTION and END SOLUTION; nbgrader removes
// them from the students' copy. Not compiled on its own: every section runs inside the lesson's answer cell.
// %% 07a.1
answer1 = (0.1 / 0.02 - 1) / 0.004; // η₀/(1 + γt) = 0.02 solved for t
// %% 07a.2
answer2 = 0.5 ** (1 / 500); // γ⁵⁰⁰ = 1/2
// %% 07a.3
linearDecay = (t: number) => 0.1 * Math.max(0, 1 - t / 1000); // from η₀ at t = 0 to 0 at decay_steps, then 0
// %% 07a.4
{ // bisection on η ↦ floorTheory(η) − 0.02, increasing in η below the stability limit 2/h_max = 1
  let lo = 0, hi = 1;
  for (let i = 0; i < 100; i++) {
    const mid = (lo + hi) / 2;
    if (floorTheory(mid) < 0.02) lo = mid;
    else hi = mid;
  }
  answer4 = (lo + hi) / 2;
}
