// Reference solutions of lesson 10's exercises, one section per exercise id. `npm run class -- assignment 10`
// puts each section under the answer it assigns, between BEGIN SOLUTION and END SOLUTION; nbgrader removes
// them from the students' copy. Not compiled on its own: every section runs inside the lesson's answer cell.
// %% 10.1
answer1 = Math.ceil(tabTrain.n / batch001) * epochs001; // one step per batch, the last one smaller, every epoch
// %% 10.2
kernelIndex = (j: number, i: number, inputs: number, outputs: number) => i * outputs + j; // K = Wᵀ, inputs × outputs, row-major
// %% 10.3
answer3 = tf.backend().epsilon(); // tf.train.adam's default ε is the backend's epsilon
