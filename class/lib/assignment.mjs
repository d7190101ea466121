// A lesson's exercises as an nbgrader assignment. The lessons check answers with
// `exercise("<id>", answer[, knobs])` against keys kept in the library (src/exercises); this turns each
// such check into an nbgrader "autograder tests" cell worth one point, and the cell that declares the
// answers into an "autograded answer" cell holding the reference solution between
// `// BEGIN SOLUTION` and `// END SOLUTION` (class/solutions/<lesson>.ts). `nbgrader generate_assignment`
// then replaces each solution with `// YOUR CODE HERE` and drops the hidden tests, which is the student
// version; `nbgrader autograde` puts the hidden tests back and scores a submission.
//
// A test cell shows the student the lesson's own feedback and, hidden, fails when the answer is not right:
//
//     exercise("02.1", answer1);
//     // BEGIN HIDDEN TESTS
//     import { judgeExercise } from "optimlab";
//     { const verdict = judgeExercise("02.1", answer1); if (verdict.ok !== true) throw new Error(verdict.message); }
//     // END HIDDEN TESTS
import { readFileSync } from "node:fs";

/** The text of a cell's source, whether stored as one string or a list of lines. */
const sourceOf = (cell) => (Array.isArray(cell.source) ? cell.source.join("") : String(cell.source ?? ""));

/**
 * Reference solutions from a file of sections, each headed `// %% <id>` (e.g. `// %% 02.1`); text
 * before the first heading is a comment for the reader. Returns a Map id → code.
 */
export function parseSolutions(text, file = "solutions") {
  const solutions = new Map();
  let id = null;
  let lines = [];
  const flush = () => {
    if (id === null) return;
    const code = lines.join("\n").trim();
    if (!code) throw new Error(`${file}: the solution of ${id} is empty`);
    if (solutions.has(id)) throw new Error(`${file}: ${id} has two solutions`);
    solutions.set(id, code);
  };
  for (const line of text.split("\n")) {
    const heading = /^\/\/ %% (\S+)\s*$/.exec(line);
    if (heading) {
      flush();
      id = heading[1];
      lines = [];
    } else if (id !== null) {
      lines.push(line);
    }
  }
  flush();
  return solutions;
}

export function readSolutions(file) {
  return parseSolutions(readFileSync(file, "utf8"), file);
}

/** Splits `a, b, { c: 1 }` at its top-level commas (strings and brackets respected). */
function splitArguments(text) {
  const parts = [];
  let depth = 0;
  let quote = null;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quote) {
      if (ch === "\\") i++;
      else if (ch === quote) quote = null;
    } else if (ch === '"' || ch === "'" || ch === "`") quote = ch;
    else if ("([{".includes(ch)) depth++;
    else if (")]}".includes(ch)) depth--;
    else if (ch === "," && depth === 0) {
      parts.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  const last = text.slice(start).trim();
  if (last) parts.push(last);
  return parts;
}

/**
 * The `exercise(...)` statements of a cell, each on its own line(s) at the start of a line:
 * [{ id, answer, knobs, first, last }] with first/last the line numbers the statement spans.
 */
export function findExerciseCalls(source, where = "cell") {
  const lines = source.split("\n");
  const calls = [];
  for (let i = 0; i < lines.length; i++) {
    if (!/^exercise\(/.test(lines[i])) continue;
    // Gather lines until the parentheses balance.
    let text = "";
    let j = i;
    let depth = 0;
    let end = -1;
    for (; j < lines.length && end < 0; j++) {
      const offset = text.length;
      text += (j > i ? "\n" : "") + lines[j];
      for (let k = offset; k < text.length; k++) {
        if (text[k] === "(") depth++;
        else if (text[k] === ")" && --depth === 0) {
          end = k;
          break;
        }
      }
    }
    if (end < 0) throw new Error(`${where}: unbalanced exercise( call: ${lines[i]}`);
    const args = splitArguments(text.slice("exercise(".length, end));
    const id = /^"([^"]+)"$/.exec(args[0] ?? "")?.[1];
    if (!id) throw new Error(`${where}: exercise(...) needs a string id as its first argument: ${lines[i]}`);
    if (!/^[A-Za-z_$][\w$]*$/.test(args[1] ?? "")) throw new Error(`${where}: exercise("${id}", …)'s answer must be a variable name, got ${args[1]}`);
    calls.push({ id, answer: args[1], knobs: args[2] === undefined ? null : expandShorthand(args[2]), first: i, last: j - 1 });
    i = j - 1;
  }
  return calls;
}

/**
 * `{ eta, beta: 0.9 }` → `{ eta: eta, beta: 0.9 }`. The check moves to a cell of its own, and tslab
 * does not resolve a shorthand property that names a variable of an earlier cell ("eta is not defined").
 */
export function expandShorthand(knobs) {
  const inner = /^\{([\s\S]*)\}$/.exec(knobs.trim());
  if (!inner) return knobs;
  const props = splitArguments(inner[1]);
  if (!props.some((p) => /^[A-Za-z_$][\w$]*$/.test(p))) return knobs;
  return `{ ${props.map((p) => (/^[A-Za-z_$][\w$]*$/.test(p) ? `${p}: ${p}` : p)).join(", ")} }`;
}

const gradeId = (id) => `exercise-${id.replace(/[^A-Za-z0-9]+/g, "-")}`;

function nbgraderMeta(fields) {
  return { nbgrader: { schema_version: 3, task: false, ...fields } };
}

function codeCell(id, source, metadata) {
  return { cell_type: "code", id, metadata, execution_count: null, outputs: [], source };
}

/**
 * Turns a lesson (notebook JSON) into an nbgrader source notebook with the given reference solutions
 * (Map id → code). Throws, naming the exercise, when a solution is missing or an answer has no
 * `… = undefined` declaration to attach it to. Returns { notebook, exercises: [ids] }.
 */
export function toSourceNotebook(lesson, solutions, { name = "lesson" } = {}) {
  const cells = lesson.cells.map((cell) => ({ ...cell, source: sourceOf(cell), ...(cell.cell_type === "code" ? { outputs: [], execution_count: null } : {}) }));
  const out = [];
  const exercises = [];
  const solutionCells = new Set();
  for (const [index, cell] of cells.entries()) {
    const calls = cell.cell_type === "code" ? findExerciseCalls(cell.source, `${name} cell ${index}`) : [];
    if (!calls.length) {
      out.push(cell);
      continue;
    }
    // The cell without its checks: the student's answers (with the solutions inserted below).
    const lines = cell.source.split("\n").filter((_, i) => !calls.some((c) => i >= c.first && i <= c.last));
    while (lines.length && !lines[lines.length - 1].trim()) lines.pop();
    const answers = { ...cell, source: lines.join("\n"), metadata: { ...cell.metadata } };
    out.push(answers);
    for (const call of calls) {
      const solution = solutions.get(call.id);
      if (solution === undefined) throw new Error(`${name}: no reference solution for exercise ${call.id} (add a section "// %% ${call.id}" to its solutions file)`);
      // The answer's declaration, in this cell or an earlier one.
      const declaration = new RegExp(`^(\\s*)(?:const|let|var)(\\s+${call.answer.replace(/\$/g, "\\$")}\\b.*=\\s*undefined\\s*;.*)$`);
      const owner = [answers, ...out.slice(0, -1).reverse()].find((c) => c.cell_type === "code" && c.source.split("\n").some((l) => declaration.test(l)));
      if (!owner) throw new Error(`${name}: exercise ${call.id}'s answer \`${call.answer}\` has no \`… ${call.answer} … = undefined;\` declaration before its check`);
      const ownerLines = owner.source.split("\n");
      const at = ownerLines.findIndex((l) => declaration.test(l));
      const [, indent, rest] = declaration.exec(ownerLines[at]);
      ownerLines.splice(at, 1, `${indent}let${rest}`, `${indent}// BEGIN SOLUTION`, ...solution.split("\n").map((l) => indent + l), `${indent}// END SOLUTION`);
      owner.source = ownerLines.join("\n");
      solutionCells.add(owner);
      const args = [`"${call.id}"`, call.answer, ...(call.knobs ? [call.knobs] : [])].join(", ");
      const original = cell.source.split("\n").slice(call.first, call.last + 1).join("\n");
      const check = call.knobs && !original.includes(call.knobs) ? `exercise(${args});` : original;
      out.push(
        codeCell(gradeId(call.id), [check, "// BEGIN HIDDEN TESTS", 'import { judgeExercise } from "optimlab";', `{ const verdict = judgeExercise(${args}); if (verdict.ok !== true) throw new Error(verdict.message); }`, "// END HIDDEN TESTS"].join("\n"), nbgraderMeta({ grade: true, solution: false, locked: true, points: 1, grade_id: gradeId(call.id) })),
      );
      exercises.push(call.id);
    }
  }
  for (const [i, cell] of [...solutionCells].entries()) {
    cell.metadata = { ...cell.metadata, ...nbgraderMeta({ grade: false, solution: true, locked: false, grade_id: `answers-${i + 1}` }) };
  }
  const unused = [...solutions.keys()].filter((id) => !exercises.includes(id));
  if (unused.length) throw new Error(`${name}: solutions for exercises the lesson does not check: ${unused.join(", ")}`);
  return { notebook: { ...lesson, cells: out }, exercises };
}
