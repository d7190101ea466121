// A lesson's exercises as an nbgrader assignment: the student version has no solutions and no hidden
// tests; `nbgrader autograde` gives an untouched notebook 0, the reference solution full marks, a partly
// answered one the points of the answers it got right, and grades a submission that throws without crashing.
import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { cellSource, listNotebooks, readNotebook, root } from "../../scripts/lib/notebooks.mjs";
import { ensureClassEnvironment } from "../../class/python.mjs";
import { autograde, makeAssignment, solutionsFileOf } from "../../class/lib/course.mjs";
import { expandShorthand, findExerciseCalls, parseSolutions, toSourceNotebook } from "../../class/lib/assignment.mjs";

const course = join(root, "build", "class-test", "course");
// The first lesson that checks exercises with exercise("<id>", answer) and has reference solutions.
const lesson = listNotebooks().find((p) => existsSync(solutionsFileOf(p)) && readNotebook(p).cells.some((c) => /^exercise\("/m.test(cellSource(c))));

describe("converting a lesson", () => {
  const lessonNb = {
    metadata: { kernelspec: { name: "tslab", language: "typescript" } },
    nbformat: 4,
    nbformat_minor: 5,
    cells: [
      { cell_type: "markdown", id: "a", metadata: {}, source: "# Exercises" },
      { cell_type: "code", id: "b", metadata: {}, outputs: [], execution_count: null, source: 'const answer1: number | undefined = undefined; // the rate\nconst k = 2;\nlet f: ((x: number) => number) | undefined = undefined;\n\nexercise("07.1", answer1);\nexercise("07.2", f, {\n  k,\n});' },
    ],
  };
  const solutions = parseSolutions("// header\n// %% 07.1\nanswer1 = 0.5;\n// %% 07.2\nf = (x: number) => k * x;\n");

  test("answers become one solution cell, each check a one-point test cell with a hidden strict check", () => {
    const { notebook, exercises } = toSourceNotebook(lessonNb, solutions, { name: "07" });
    assert.deepEqual(exercises, ["07.1", "07.2"]);
    const [, answers, t1, t2] = notebook.cells;
    assert.equal(notebook.cells.length, 4);
    assert.equal(answers.metadata.nbgrader.solution, true);
    assert.equal(
      answers.source,
      "let answer1: number | undefined = undefined; // the rate\n// BEGIN SOLUTION\nanswer1 = 0.5;\n// END SOLUTION\nconst k = 2;\nlet f: ((x: number) => number) | undefined = undefined;\n// BEGIN SOLUTION\nf = (x: number) => k * x;\n// END SOLUTION",
    );
    assert.deepEqual([t1.metadata.nbgrader.points, t1.metadata.nbgrader.grade, t1.metadata.nbgrader.locked], [1, true, true]);
    assert.match(t1.source, /^exercise\("07\.1", answer1\);\n\/\/ BEGIN HIDDEN TESTS\n.*judgeExercise\("07\.1", answer1\)/s);
    // tslab does not resolve `{ k }` naming an earlier cell's k, so shorthand knobs are written out.
    assert.match(t2.source, /^exercise\("07\.2", f, \{ k: k \}\);\n/);
    assert.match(t2.source, /judgeExercise\("07\.2", f, \{ k: k \}\)/);
  });

  test("a missing solution, an answer without a declaration and a stray solution are named", () => {
    assert.throws(() => toSourceNotebook(lessonNb, new Map([["07.1", "answer1 = 1;"]]), { name: "07" }), /no reference solution for exercise 07\.2/);
    assert.throws(() => toSourceNotebook(lessonNb, new Map([...solutions, ["07.9", "x = 1;"]]), { name: "07" }), /07\.9/);
    const undeclared = structuredClone(lessonNb);
    undeclared.cells[1].source = 'exercise("07.1", answer1);';
    assert.throws(() => toSourceNotebook(undeclared, solutions, { name: "07" }), /answer `answer1` has no/);
    assert.throws(() => findExerciseCalls('exercise("07.1", answers[0]);'), /must be a variable name/);
    assert.equal(expandShorthand("{ lr, beta: 0.5, eps }"), "{ lr: lr, beta: 0.5, eps: eps }");
    assert.equal(expandShorthand("{ lr: 1 }"), "{ lr: 1 }");
  });
});

describe("grading a lesson with nbgrader", { skip: lesson ? false : "no lesson in notebooks/ checks exercise(\"<id>\", answer) with solutions in class/solutions/ (the exercise API of issue 12)" }, () => {
  let made;
  let result;
  let expected;
  before(() => {
    const env = ensureClassEnvironment();
    assert.ok(env.ok, env.reason);
    rmSync(course, { recursive: true, force: true });
    made = makeAssignment(lesson, course);
    const release = readNotebook(made.release);
    const source = readNotebook(made.source);
    // The k-th "// YOUR CODE HERE" of an answer cell is the k-th solution region of the source's cell.
    const regions = (text) => [...text.matchAll(/\/\/ BEGIN SOLUTION\n([\s\S]*?)\n\s*\/\/ END SOLUTION/g)].map((m) => m[1]);
    const fill = (choose) => {
      const nb = structuredClone(release);
      let k = 0;
      for (const [i, cell] of nb.cells.entries()) {
        if (!cell.metadata?.nbgrader?.solution) continue;
        const solved = regions(cellSource(source.cells[i]));
        cell.source = cellSource(cell).replace(/\/\/ YOUR CODE HERE/g, () => choose(k++, solved.shift()));
      }
      return nb;
    };
    const total = made.exercises.length;
    const half = Math.ceil(total / 2);
    const submissions = {
      untouched: release,
      reference: fill((k, solution) => solution),
      partial: fill((k, solution) => (k < half ? solution : "// YOUR CODE HERE")),
      throws: fill((k, solution) => (k === 0 ? 'throw new Error("a student\'s bug");' : solution)),
    };
    // Exercises sit in answer cells in the order of their tests, so `partial` answers the first `half`.
    expected = { untouched: 0, reference: total, partial: half };
    for (const [student, nb] of Object.entries(submissions)) {
      const dir = join(course, "submitted", student, made.name);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, `${made.name}.ipynb`), JSON.stringify(nb, null, 1));
    }
    result = autograde(course, made.name);
  });

  test("the student version has neither the solutions nor the hidden tests", () => {
    const text = readNotebook(made.release).cells.map(cellSource).join("\n");
    assert.doesNotMatch(text, /BEGIN SOLUTION|END SOLUTION|HIDDEN TESTS|judgeExercise/);
    assert.match(text, /\/\/ YOUR CODE HERE/);
    const source = readNotebook(made.source).cells.map(cellSource).join("\n");
    assert.match(source, /BEGIN SOLUTION/);
  });

  test("untouched scores 0, the reference full marks, a partly answered notebook its right answers", (t) => {
    t.diagnostic(`${basename(lesson)}: ${JSON.stringify(result.scores)}`);
    for (const [student, points] of Object.entries(expected)) {
      assert.equal(result.scores[student]?.score, points, `${student}: ${JSON.stringify(result.scores[student])}`);
      assert.equal(result.scores[student].max_score, made.exercises.length);
    }
    const partial = result.scores.partial.score;
    assert.ok(partial > 0 && partial < made.exercises.length);
  });

  test("a submission that throws is graded: the failing cell's answers score 0, grading goes on", () => {
    const s = result.scores.throws;
    assert.ok(s, "no grade for the submission that throws");
    assert.ok(s.score < made.exercises.length, JSON.stringify(s));
    const graded = readNotebook(join(course, "autograded", "throws", made.name, `${made.name}.ipynb`));
    const errors = graded.cells.flatMap((c) => (c.outputs ?? []).filter((o) => o.output_type === "error").map((o) => o.evalue));
    assert.ok(errors.some((e) => /a student's bug/.test(e)), `the student's error is not in the graded notebook: ${errors.join(" | ")}`);
    // The cells after the failure still ran: the last test cell has output.
    const lastTest = graded.cells.filter((c) => c.metadata?.nbgrader?.grade).pop();
    assert.ok(lastTest.outputs.length > 0, "the cells after the failing one did not run");
  });
});
