import { test } from "node:test";
import assert from "node:assert/strict";
import { np } from "../../src/data/numpyLike";

test("np stand-ins compute what NumPy does on a 3×2 example", () => {
  const X = [[1, 2], [3, 4], [5, 6]];
  assert.deepEqual(np.dot(X, [1, -1]), [-1, -1, -1]);
  assert.deepEqual(np.dotT(X, [1, 0, 2]), [11, 14]);
  assert.deepEqual(np.transpose(X), [[1, 3, 5], [2, 4, 6]]);
  assert.deepEqual(np.dotT(X, [1, 0, 2]), np.dot(np.transpose(X), [1, 0, 2]));
  assert.deepEqual(np.zeros(3), [0, 0, 0]);
  assert.deepEqual(np.minus([3, 2], [1, 5]), [2, -3]);
  assert.deepEqual(np.times(2, [1, -3]), [2, -6]);
});
