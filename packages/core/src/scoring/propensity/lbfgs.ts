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
  gradientTolerance: 1e-6,
  relativeTolerance: 1e-9,
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
  let x = Float64Array.from(x0);
  let g = new Float64Array(n);
  let fx = f(x, g);
  let xNext = new Float64Array(n);
  let gNext = new Float64Array(n);
  const s: Float64Array[] = [];
  const y: Float64Array[] = [];
  const rho: number[] = [];
  const alpha = new Float64Array(opts.memory);
  const d = new Float64Array(n);

  for (let iter = 0; iter < opts.maxIterations; iter++) {
    if (maxAbs(g) <= opts.gradientTolerance) return { x, value: fx, iterations: iter, converged: true };

    // Two-loop recursion: d = -H·g.
    for (let i = 0; i < n; i++) d[i] = -(g[i] as number);
    for (let k = s.length - 1; k >= 0; k--) {
      const a = (rho[k] as number) * dot(s[k] as Float64Array, d);
      alpha[k] = a;
      const yk = y[k] as Float64Array;
      for (let i = 0; i < n; i++) d[i] = (d[i] as number) - a * (yk[i] as number);
    }
    if (s.length > 0) {
      const last = s.length - 1;
      const gamma =
        dot(s[last] as Float64Array, y[last] as Float64Array) / dot(y[last] as Float64Array, y[last] as Float64Array);
      for (let i = 0; i < n; i++) d[i] = (d[i] as number) * gamma;
    } else {
      const norm = Math.sqrt(dot(g, g));
      for (let i = 0; i < n; i++) d[i] = (d[i] as number) / Math.max(1, norm);
    }
    for (let k = 0; k < s.length; k++) {
      const b = (rho[k] as number) * dot(y[k] as Float64Array, d);
      const sk = s[k] as Float64Array;
      const a = alpha[k] as number;
      for (let i = 0; i < n; i++) d[i] = (d[i] as number) + (a - b) * (sk[i] as number);
    }

    let slope = dot(g, d);
    if (!(slope < 0)) {
      // Not a descent direction (numerical trouble): restart from steepest descent.
      s.length = 0;
      y.length = 0;
      rho.length = 0;
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

    const sk = new Float64Array(n);
    const yk = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      sk[i] = (xNext[i] as number) - (x[i] as number);
      yk[i] = (gNext[i] as number) - (g[i] as number);
    }
    const sy = dot(sk, yk);
    if (sy > 1e-12 * Math.sqrt(dot(yk, yk) * dot(sk, sk))) {
      if (s.length === opts.memory) {
        s.shift();
        y.shift();
        rho.shift();
      }
      s.push(sk);
      y.push(yk);
      rho.push(1 / sy);
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
