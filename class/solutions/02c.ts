// Reference solutions of lesson 02c's exercises, one section per exercise id. `npm run class -- assignment 02c`
// puts each section under the answer it assigns, between BEGIN SOLUTION and END SOLUTION; nbgrader removes
// them from the students' copy. Not compiled on its own: every section runs inside the lesson's answer cell.
// %% 02c.1
answer1 = (4 * 3 ** 2) / (2 * 100); // L‖θ₀ − θ*‖²/(2T) with L = 4, distance 3, T = 100
// %% 02c.2
answer2 = Math.ceil(Math.log(1e-6) / Math.log(1 - 1 / 100)); // (1 − μ/L)^T ≤ 10⁻⁶ with μ/L = 1/κ
// %% 02c.3
answer3 = 2 / (5 * Math.sqrt(10_000)); // η = R/(G√T), which minimizes (R² + η²G²T)/(2ηT)
// %% 02c.4
projectX = (x: number, y: number, r: number) => x * Math.min(1, r / Math.hypot(x, y)); // inside: unchanged; outside: scaled to radius r
// %% 02c.5
answer5 = ((run) => logistic.value(run.average) - fStar)(averagedSgd(logistic, { lr: 0.1, steps: 20000, seed: 0 })); // the last experiment re-run at longEta = 0.1: f at the average iterate, minus f*
