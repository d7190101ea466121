// Every lesson's exercises as an nbgrader assignment: the student version has no solutions and no hidden
// tests; `nbgrader autograde` gives an untouched notebook 0 and the reference solution full marks in every
// lesson, a partly answered one the points of the answers it got right, and grades a submission that
// throws without crashing. The lessons are shared out between one course folder per core (at most 4);
// each folder's assignments are generated in one nbgrader run, and the folders are graded at the same time,
// one `nbgrader autograde "*"` each.
import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { basename, join } from "node:path";
import { cellSource, readNotebook, root } from "../../scripts/lib/notebooks.mjs";
import { ensureClassEnvironment } from "../../class/python.mjs";
import { autogradeAsync, gradableLessons, makeAssignments, solutionsFileOf } from "../../class/lib/course.mjs";
import { expandShorthand, findExerciseCalls, parseSolutions, toSourceNotebook } from "../../class/lib/assignment.mjs";

const courses = join(root, "build", "class-test", "grading");
// Every lesson that checks exercises with exercise("<id>", answer); each must have reference solutions.
// OPTIMLAB_GRADING_LESSONS=05b,07b grades only those (while writing a lesson's solutions).
const gradable = gradableLessons();
const only = process.env.OPTIMLAB_GRADING_LESSONS?.split(",").map((s) => s.trim());
const lessons = only ? gradable.filter((p) => only.includes(basename(p).split("-")[0])) : gradable;

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

describe("grading every lesson with nbgrader", { skip: lessons.length ? false : "no lesson in notebooks/ checks exercise(\"<id>\", answer) (the exercise API of issue 12)" }, () => {
  let made; // makeAssignments' result per lesson, in lesson order, each with its course folder
  let result;
  let expected; // { assignment: { student: points } }
  let seconds;
  // The partly answered and the throwing submission are made of the first lesson only.
  const first = () => made[0];

  before(async () => {
    const env = ensureClassEnvironment();
    assert.ok(env.ok, env.reason);
    const missing = gradable.filter((p) => !existsSync(solutionsFileOf(p))).map((p) => basename(p));
    assert.deepEqual(missing, [], `lessons with exercises but no class/solutions/<lesson>.ts: ${missing.join(", ")}`);
    rmSync(courses, { recursive: true, force: true });
    const started = Date.now();
    // Lesson i goes to folder i mod jobs, so that every folder gets early and late (longer) lessons.
    const jobs = Math.max(1, Math.min(4, availableParallelism(), lessons.length));
    const folders = Array.from({ length: jobs }, (_, j) => join(courses, `course-${j + 1}`));
    made = [];
    for (const [j, course] of folders.entries()) {
      const share = lessons.filter((_, i) => i % jobs === j);
      makeAssignments(share, course).forEach((m) => made.push({ ...m, course }));
    }
    made.sort((a, b) => lessons.findIndex((p) => basename(p, ".ipynb") === a.name) - lessons.findIndex((p) => basename(p, ".ipynb") === b.name));
    const submit = (m, student, nb) => {
      const dir = join(m.course, "submitted", student, m.name);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, `${m.name}.ipynb`), JSON.stringify(nb, null, 1));
    };
    // The k-th "// YOUR CODE HERE" of an answer cell is the k-th solution region of the source's cell.
    const regions = (text) => [...text.matchAll(/\/\/ BEGIN SOLUTION\n([\s\S]*?)\n\s*\/\/ END SOLUTION/g)].map((m) => m[1]);
    const fill = (m, choose) => {
      const nb = readNotebook(m.release);
      const source = readNotebook(m.source);
      let k = 0;
      for (const [i, cell] of nb.cells.entries()) {
        if (!cell.metadata?.nbgrader?.solution) continue;
        const solved = regions(cellSource(source.cells[i]));
        cell.source = cellSource(cell).replace(/\/\/ YOUR CODE HERE/g, () => choose(k++, solved.shift()));
      }
      return nb;
    };
    expected = {};
    for (const m of made) {
      submit(m, "untouched", readNotebook(m.release));
      submit(m, "reference", fill(m, (k, solution) => solution));
      expected[m.name] = { untouched: 0, reference: m.exercises.length };
    }
    const total = first().exercises.length;
    const half = Math.ceil(total / 2);
    // Exercises sit in answer cells in the order of their tests, so `partial` answers the first `half`.
    submit(first(), "partial", fill(first(), (k, solution) => (k < half ? solution : "// YOUR CODE HERE")));
    submit(first(), "throws", fill(first(), (k, solution) => (k === 0 ? 'throw new Error("a student\'s bug");' : solution)));
    expected[first().name].partial = half;
    const graded = await Promise.all(folders.map((course) => autogradeAsync(course, "*")));
    result = { scores: Object.assign({}, ...graded.map((g) => g.scores)), jobs };
    seconds = (Date.now() - started) / 1000;
  });

  test("the student versions have neither the solutions nor the hidden tests", (t) => {
    t.diagnostic(`${made.length} assignments, ${made.reduce((n, m) => n + m.exercises.length, 0)} exercises; generating and grading ${Object.values(expected).reduce((n, e) => n + Object.keys(e).length, 0)} submissions in ${result.jobs} course folders at once took ${seconds.toFixed(0)} s`);
    for (const m of made) {
      const text = readNotebook(m.release).cells.map(cellSource).join("\n");
      assert.doesNotMatch(text, /BEGIN SOLUTION|END SOLUTION|HIDDEN TESTS|judgeExercise/, m.name);
      assert.match(text, /\/\/ YOUR CODE HERE/, m.name);
      assert.match(readNotebook(m.source).cells.map(cellSource).join("\n"), /BEGIN SOLUTION/, m.name);
    }
  });

  for (const lesson of lessons) {
    const name = basename(lesson, ".ipynb");
    test(`${name}: untouched scores 0, the reference full marks`, (t) => {
      const got = result.scores[name] ?? {};
      t.diagnostic(JSON.stringify(Object.fromEntries(Object.entries(got).map(([s, v]) => [s, `${v.score}/${v.max_score}`]))));
      const m = made.find((x) => x.name === name);
      for (const [student, points] of Object.entries(expected[name])) {
        assert.equal(got[student]?.score, points, `${name}, ${student}: ${JSON.stringify(got[student])}`);
        assert.equal(got[student].max_score, m.exercises.length);
      }
    });
  }

  test("a partly answered notebook scores its right answers", () => {
    const s = result.scores[first().name].partial;
    assert.ok(s.score > 0 && s.score < first().exercises.length, JSON.stringify(s));
  });

  test("a submission that throws is graded: the failing cell's answers score 0, grading goes on", () => {
    const { name, course } = first();
    const s = result.scores[name].throws;
    assert.ok(s, "no grade for the submission that throws");
    assert.ok(s.score < first().exercises.length, JSON.stringify(s));
    const graded = readNotebook(join(course, "autograded", "throws", name, `${name}.ipynb`));
    const errors = graded.cells.flatMap((c) => (c.outputs ?? []).filter((o) => o.output_type === "error").map((o) => o.evalue));
    assert.ok(errors.some((e) => /a student's bug/.test(e)), `the student's error is not in the graded notebook: ${errors.join(" | ")}`);
    // The cells after the failure still ran: the last test cell has output.
    const lastTest = graded.cells.filter((c) => c.metadata?.nbgrader?.grade).pop();
    assert.ok(lastTest.outputs.length > 0, "the cells after the failing one did not run");
  });
});
