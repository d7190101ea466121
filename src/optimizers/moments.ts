/**
 * The exponential moving averages that the adaptive rules keep of the gradient and of its square, the
 * first and second moments of Adam (Kingma & Ba 2015, Algorithm 1):
 *
 *   m_t ← β₁ m_{t−1} + (1 − β₁) g        v_t ← β₂ v_{t−1} + (1 − β₂) g²
 *
 * Small pure functions of numbers: the rules' loops call them, and scripts/lib/rule-kernels.mjs inlines
 * their one expression into the WebAssembly kernels, operation for operation.
 */

/** β · average + (1 − β) · x: the average after one more value x, with decay β. */
export function movingAverage(beta: number, average: number, x: number): number {
  return beta * average + (1 - beta) * x;
}

/** β · average + (1 − β) · x · x, multiplied left to right: the average of squares after one more x. */
export function movingAverageOfSquares(beta: number, average: number, x: number): number {
  return beta * average + (1 - beta) * x * x;
}
