/*
 * Sphinx's Documentation.addTranslations without eval, so the site's Content-Security-Policy
 * (handbook/deploy/csp.py) needs no 'unsafe-eval'. Sphinx's own turns the catalog's plural expression
 * (C arithmetic on n, e.g. "(n%10==1 && n%100!=11 ? 0 : 1)") into a function with
 * new Function(); this one parses it. Loaded after doctools.js and before translations.js
 * (handbook/sphinxext/csp_plural.py).
 */
"use strict";
{
  const TOKEN = /\s*(\d+|n|\|\||&&|==|!=|<=|>=|[-+*/%!<>?:()])/y;

  const tokenize = (source) => {
    const tokens = [];
    TOKEN.lastIndex = 0;
    while (TOKEN.lastIndex < source.length) {
      if (/^\s*$/.test(source.slice(TOKEN.lastIndex))) break;
      const match = TOKEN.exec(source);
      if (!match) throw new SyntaxError(`plural expression: cannot read ${JSON.stringify(source)}`);
      tokens.push(match[1]);
    }
    return tokens;
  };

  // C semantics: comparisons and logic give 0 or 1, "/" divides integers.
  const bit = (value) => (value ? 1 : 0);
  const LEVELS = [
    { "||": (a, b) => bit(a || b) },
    { "&&": (a, b) => bit(a && b) },
    { "==": (a, b) => bit(a === b), "!=": (a, b) => bit(a !== b) },
    {
      "<": (a, b) => bit(a < b),
      ">": (a, b) => bit(a > b),
      "<=": (a, b) => bit(a <= b),
      ">=": (a, b) => bit(a >= b),
    },
    { "+": (a, b) => a + b, "-": (a, b) => a - b },
    { "*": (a, b) => a * b, "/": (a, b) => Math.trunc(a / b), "%": (a, b) => a % b },
  ];

  const compile = (source) => {
    const tokens = tokenize(String(source));
    let at = 0;
    const fail = () => {
      throw new SyntaxError(`plural expression: unexpected ${tokens[at] ?? "end"} in ${source}`);
    };
    const take = (token) => (tokens[at] === token ? (at++, true) : false);

    const ternary = () => {
      const test = binary(0);
      if (!take("?")) return test;
      const yes = ternary();
      if (!take(":")) fail();
      const no = ternary();
      return (n) => (test(n) ? yes(n) : no(n));
    };
    const binary = (level) => {
      if (level === LEVELS.length) return unary();
      let left = binary(level + 1);
      while (Object.hasOwn(LEVELS[level], tokens[at] ?? "")) {
        const operate = LEVELS[level][tokens[at++]];
        const [l, r] = [left, binary(level + 1)];
        left = (n) => operate(l(n), r(n));
      }
      return left;
    };
    const unary = () => {
      if (take("!")) {
        const operand = unary();
        return (n) => bit(!operand(n));
      }
      if (take("-")) {
        const operand = unary();
        return (n) => -operand(n);
      }
      if (take("+")) return unary();
      return primary();
    };
    const primary = () => {
      const token = tokens[at++];
      if (token === "n") return (n) => n;
      if (/^\d+$/.test(token ?? "")) {
        const value = Number(token);
        return () => value;
      }
      if (token === "(") {
        const inner = ternary();
        if (!take(")")) fail();
        return inner;
      }
      at--;
      return fail();
    };

    const rule = ternary();
    if (at !== tokens.length) fail();
    return (n) => Number(rule(n));
  };

  Documentation.addTranslations = (catalog) => {
    Object.assign(Documentation.TRANSLATIONS, catalog.messages);
    Documentation.PLURAL_EXPR = compile(catalog.plural_expr);
    Documentation.LOCALE = catalog.locale;
  };
}
