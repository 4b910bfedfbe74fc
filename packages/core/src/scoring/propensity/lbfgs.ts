/** f(x), writing ∇f(x) into `grad`. */
export type Objective = (x: Float64Array, grad: Float64Array) => number;

export interface LbfgsOptions {
  maxIterations: number;
  /** Pairs of past steps kept to approximate the inverse Hessian. */
  memory: number;
  /** Stop when the largest gradient component is at most this. */
  gradientTolerance: number;
  /** Stop when an iteration lowers f by less than this fraction of |f|. */
  relativeTolerance: number;
}

export interface LbfgsResult {
  x: Float64Array;
  value: number;
  iterations: number;
  converged: boolean;
}

export const LBFGS_DEFAULTS: LbfgsOptions = {
  maxIterations: 500,
  memory: 10,
  gradientTolerance: 5e-4,
  relativeTolerance: 1e-7,
};

const dot = (a: Float64Array, b: Float64Array) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] as number) * (b[i] as number);
  return s;
};

const maxAbs = (a: Float64Array) => {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] as number));
  return m;
};

/**
 * Limited-memory BFGS (Nocedal & Wright, algorithm 7.4) with a backtracking Armijo line search.
 * Deterministic: no randomness anywhere, so the same inputs give bit-identical results.
 */
export function minimizeLbfgs(f: Objective, x0: Float64Array, options: Partial<LbfgsOptions> = {}): LbfgsResult {
  const opts = { ...LBFGS_DEFAULTS, ...options };
  const n = x0.length;
  const m = opts.memory;
  let x = Float64Array.from(x0);
  let g = new Float64Array(n);
  let fx = f(x, g);
  let xNext = new Float64Array(n);
  let gNext = new Float64Array(n);
  // Ring buffers of the last m steps s = Δx and gradient changes y = Δg; slot of pair k is (head + k) % m.
  const s = Array.from({ length: m }, () => new Float64Array(n));
  const y = Array.from({ length: m }, () => new Float64Array(n));
  const rho = new Float64Array(m);
  const alpha = new Float64Array(m);
  let pairs = 0;
  let head = 0;
  let gamma = 1;
  const d = new Float64Array(n);

  for (let iter = 0; iter < opts.maxIterations; iter++) {
    if (maxAbs(g) <= opts.gradientTolerance) return { x, value: fx, iterations: iter, converged: true };

    // Two-loop recursion: d = -H·g.
    for (let i = 0; i < n; i++) d[i] = -(g[i] as number);
    for (let k = pairs - 1; k >= 0; k--) {
      const slot = (head + k) % m;
      const sk = s[slot] as Float64Array;
      const yk = y[slot] as Float64Array;
      const a = (rho[slot] as number) * dot(sk, d);
      alpha[slot] = a;
      for (let i = 0; i < n; i++) d[i] = (d[i] as number) - a * (yk[i] as number);
    }
    const h0 = pairs > 0 ? gamma : 1 / Math.max(1, Math.sqrt(dot(g, g)));
    for (let i = 0; i < n; i++) d[i] = (d[i] as number) * h0;
    for (let k = 0; k < pairs; k++) {
      const slot = (head + k) % m;
      const sk = s[slot] as Float64Array;
      const yk = y[slot] as Float64Array;
      const b = (rho[slot] as number) * dot(yk, d);
      const a = alpha[slot] as number;
      for (let i = 0; i < n; i++) d[i] = (d[i] as number) + (a - b) * (sk[i] as number);
    }

    let slope = dot(g, d);
    if (!(slope < 0)) {
      // Not a descent direction (numerical trouble): forget the history, use steepest descent.
      pairs = 0;
      for (let i = 0; i < n; i++) d[i] = -(g[i] as number);
      slope = dot(g, d);
      if (!(slope < 0)) return { x, value: fx, iterations: iter, converged: true };
    }

    let step = 1;
    let fNext = Number.POSITIVE_INFINITY;
    for (let tries = 0; tries < 40; tries++) {
      for (let i = 0; i < n; i++) xNext[i] = (x[i] as number) + step * (d[i] as number);
      fNext = f(xNext, gNext);
      if (fNext <= fx + 1e-4 * step * slope) break;
      // Safeguarded quadratic interpolation of f along d.
      const quad = (-slope * step * step) / (2 * (fNext - fx - slope * step));
      step = Number.isFinite(quad) ? Math.min(0.5 * step, Math.max(0.1 * step, quad)) : 0.5 * step;
    }
    if (!(fNext <= fx)) return { x, value: fx, iterations: iter, converged: false };

    const slot = pairs < m ? (head + pairs) % m : head;
    const sk = s[slot] as Float64Array;
    const yk = y[slot] as Float64Array;
    let sy = 0;
    let yy = 0;
    let ss = 0;
    for (let i = 0; i < n; i++) {
      const si = (xNext[i] as number) - (x[i] as number);
      const yi = (gNext[i] as number) - (g[i] as number);
      sk[i] = si;
      yk[i] = yi;
      sy += si * yi;
      yy += yi * yi;
      ss += si * si;
    }
    if (sy > 1e-12 * Math.sqrt(yy * ss)) {
      rho[slot] = 1 / sy;
      gamma = sy / yy;
      if (pairs < m) pairs++;
      else head = (head + 1) % m;
    }

    const decrease = fx - fNext;
    [x, xNext] = [xNext, x];
    [g, gNext] = [gNext, g];
    fx = fNext;
    if (decrease <= opts.relativeTolerance * Math.max(Math.abs(fx), 1e-12))
      return { x, value: fx, iterations: iter + 1, converged: true };
  }
  return { x, value: fx, iterations: opts.maxIterations, converged: maxAbs(g) <= opts.gradientTolerance };
}
