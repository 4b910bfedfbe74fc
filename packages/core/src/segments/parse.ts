import { AppError } from "../shared/errors.ts";

// The segment language managers read and write, e.g.
//   nps >= 9 and industry in ("fintech", "saas") and last_active < 30d and advocacy_score > 70
//   and not in_program("references")
// Parsed into an AST with positions, so an error can point at the character that is wrong.

export type Value =
  | { kind: "string"; value: string }
  | { kind: "number"; value: number }
  | { kind: "duration"; ms: number; text: string }
  | { kind: "boolean"; value: boolean }
  | { kind: "null" };

export type Operator = "=" | "!=" | "<" | "<=" | ">" | ">=" | "~";

export type Node =
  | { type: "and" | "or"; left: Node; right: Node }
  | { type: "not"; operand: Node }
  | { type: "compare"; field: string; op: Operator; value: Value; at: number }
  | { type: "in"; field: string; values: Value[]; negated: boolean; at: number }
  | { type: "null-check"; field: string; negated: boolean; at: number }
  | { type: "call"; name: string; args: Value[]; at: number };

type Token =
  | { t: "ident"; v: string; at: number }
  | { t: "string"; v: string; at: number }
  | { t: "number"; v: number; at: number }
  | { t: "duration"; ms: number; text: string; at: number }
  | { t: "op"; v: Operator; at: number }
  | { t: "("; at: number }
  | { t: ")"; at: number }
  | { t: ","; at: number }
  | { t: "end"; at: number };

const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000, y: 31_536_000_000 };

export function syntaxError(at: number, message: string): AppError {
  const text = `at position ${at + 1}: ${message}`;
  return new AppError("invalid", `segment expression ${text}`, [{ path: "expression", message: text }]);
}

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const ch = source[i] as string;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const at = i;
    if (ch === "(" || ch === ")" || ch === ",") {
      tokens.push({ t: ch, at });
      i++;
    } else if (ch === '"' || ch === "'") {
      let value = "";
      i++;
      while (i < source.length && source[i] !== ch) {
        if (source[i] === "\\" && i + 1 < source.length) i++;
        value += source[i];
        i++;
      }
      if (i >= source.length) throw syntaxError(at, `the string that starts here has no closing ${ch}`);
      i++;
      tokens.push({ t: "string", v: value, at });
    } else if (/[0-9.]/.test(ch) || (ch === "-" && /[0-9]/.test(source[i + 1] ?? ""))) {
      const match = /^-?(\d+(\.\d+)?|\.\d+)([mhdwy])?(?![A-Za-z0-9_])/.exec(source.slice(i));
      if (!match) throw syntaxError(at, "expected a number such as 9, 70.5 or a duration such as 30d");
      const [text, digits, , unit] = match;
      if (unit) tokens.push({ t: "duration", ms: Number(digits) * (UNIT_MS[unit] ?? 0), text, at });
      else tokens.push({ t: "number", v: Number(text), at });
      i += text.length;
    } else if (/[A-Za-z_]/.test(ch)) {
      const match = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(source.slice(i)) as RegExpExecArray;
      tokens.push({ t: "ident", v: match[0], at });
      i += match[0].length;
    } else {
      const op = /^(>=|<=|!=|==|=|<|>|~)/.exec(source.slice(i));
      if (!op) throw syntaxError(at, `unexpected character "${ch}"`);
      tokens.push({ t: "op", v: (op[0] === "==" ? "=" : op[0]) as Operator, at });
      i += op[0].length;
    }
  }
  tokens.push({ t: "end", at: source.length });
  return tokens;
}

const describeToken = (t: Token) =>
  t.t === "end"
    ? "the end"
    : t.t === "ident"
      ? `"${t.v}"`
      : t.t === "string"
        ? `the string "${t.v}"`
        : t.t === "number"
          ? `${t.v}`
          : t.t === "duration"
            ? t.text
            : t.t === "op"
              ? `"${t.v}"`
              : `"${t.t}"`;

export function parseSegment(source: string): Node {
  if (source.length > 4000)
    throw new AppError("invalid", "expression: must be at most 4,000 characters", [
      { path: "expression", message: "must be at most 4,000 characters" },
    ]);
  const tokens = tokenize(source);
  let pos = 0;
  const peek = () => tokens[pos] as Token;
  const next = () => tokens[pos++] as Token;
  const isWord = (t: Token, word: string) => t.t === "ident" && t.v.toLowerCase() === word;
  const expect = (what: string): never => {
    throw syntaxError(peek().at, `expected ${what}, found ${describeToken(peek())}`);
  };

  const value = (): Value => {
    const t = next();
    if (t.t === "string") return { kind: "string", value: t.v };
    if (t.t === "number") return { kind: "number", value: t.v };
    if (t.t === "duration") return { kind: "duration", ms: t.ms, text: t.text };
    if (isWord(t, "true") || isWord(t, "false")) return { kind: "boolean", value: isWord(t, "true") };
    if (isWord(t, "null")) return { kind: "null" };
    pos--;
    return expect('a value (a "string", a number or a duration such as 30d)');
  };

  const list = (): Value[] => {
    if (peek().t !== "(") expect('"(" to start a list');
    next();
    const values: Value[] = [];
    if (peek().t === ")") {
      next();
      return values;
    }
    for (;;) {
      values.push(value());
      if (peek().t === ",") {
        next();
        continue;
      }
      if (peek().t === ")") {
        next();
        return values;
      }
      expect('"," or ")"');
    }
  };

  const primary = (): Node => {
    const t = peek();
    if (t.t === "(") {
      next();
      const inner = or();
      if (peek().t !== ")") expect('")"');
      next();
      return inner;
    }
    if (t.t !== "ident" || ["and", "or", "not", "in", "is"].includes(t.v.toLowerCase())) {
      return expect('a field name (e.g. nps, industry) or a function such as in_program("…")');
    }
    next();
    const after = peek();
    if (after.t === "(") return { type: "call", name: t.v.toLowerCase(), args: list(), at: t.at };
    if (after.t === "op") {
      next();
      return { type: "compare", field: t.v.toLowerCase(), op: after.v, value: value(), at: t.at };
    }
    if (isWord(after, "in")) {
      next();
      return { type: "in", field: t.v.toLowerCase(), values: list(), negated: false, at: t.at };
    }
    if (isWord(after, "not") && isWord(tokens[pos + 1] as Token, "in")) {
      pos += 2;
      return { type: "in", field: t.v.toLowerCase(), values: list(), negated: true, at: t.at };
    }
    if (isWord(after, "is")) {
      next();
      const negated = isWord(peek(), "not");
      if (negated) next();
      if (!isWord(peek(), "null")) expect('"null"');
      next();
      return { type: "null-check", field: t.v.toLowerCase(), negated, at: t.at };
    }
    return expect(`an operator after ${t.v} (=, !=, <, <=, >, >=, ~, in, is null)`);
  };

  const not = (): Node => {
    if (isWord(peek(), "not")) {
      next();
      return { type: "not", operand: not() };
    }
    return primary();
  };
  const and = (): Node => {
    let left = not();
    while (isWord(peek(), "and")) {
      next();
      left = { type: "and", left, right: not() };
    }
    return left;
  };
  const or = (): Node => {
    let left = and();
    while (isWord(peek(), "or")) {
      next();
      left = { type: "or", left, right: and() };
    }
    return left;
  };

  if (peek().t === "end") expect("a condition");
  const tree = or();
  if (peek().t !== "end") expect('"and", "or" or the end of the expression');
  return tree;
}
