// Reference solutions of lesson 03's exercises, one section per exercise id. `npm run class -- assignment 03`
// puts each section under the answer it assigns, between BEGIN SOLUTION and END SOLUTION; nbgrader removes
// them from the students' copy. Not compiled on its own: every section runs inside the lesson's answer cell.
// %% 03.1
varianceWithoutReplacement = (traceSigma: number, n: number, B: number) => (traceSigma / B) * ((n - B) / (n - 1)); // tr Σ/B times the finite-population correction
// %% 03.2
stepsPerEpoch = (n: number, B: number) => Math.ceil(n / B); // full batches plus one smaller last batch
// %% 03.3
lrForFloor = (floor: number, B: number, traceSigma: number) => (4 * B * floor) / traceSigma; // floor = η tr Σ*/(4B) solved for η
// %% 03.4
answer4 = 2; // the floor depends on η/B to first order: doubling B allows doubling η
