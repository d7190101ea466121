// An nbgrader course folder for the lessons: source/ (the instructor's notebooks, with solutions),
// release/ (what students get), submitted/<student>/, autograded/, feedback/ and gradebook.db.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, lstatSync, mkdirSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { jupyterEnv, root, venvBin, venvPython } from "../../scripts/lib/python-env.mjs";
import { readSolutions, toSourceNotebook } from "./assignment.mjs";
import { cellSource, listNotebooks, readNotebook } from "../../scripts/lib/notebooks.mjs";

export const defaultCourseDir = join(root, "build", "course");
export const solutionsDir = join(root, "class", "solutions");

/** Creates the course folder: its nbgrader_config.py (loading class/nbgrader_config.py) and the library link. */
export function ensureCourse(courseDir) {
  courseDir = resolve(courseDir);
  mkdirSync(courseDir, { recursive: true });
  writeFileSync(
    join(courseDir, "nbgrader_config.py"),
    [
      "# Written by optimlab's class/lib/course.mjs; the settings are in the checkout's class/nbgrader_config.py.",
      "c = get_config()  # noqa: F821",
      `load_subconfig(${JSON.stringify(join(root, "class", "nbgrader_config.py"))})  # noqa: F821`,
      `c.CourseDirectory.root = ${JSON.stringify(courseDir)}`,
      "",
    ].join("\n"),
  );
  // Notebooks anywhere under the course folder import "optimlab" from here (node resolves upwards).
  const link = join(courseDir, "node_modules", "optimlab");
  mkdirSync(join(courseDir, "node_modules"), { recursive: true });
  try {
    lstatSync(link);
  } catch {
    symlinkSync(root, link, "dir");
  }
  return courseDir;
}

/** Runs an nbgrader command in the course folder; returns { status, output }. */
export function nbgrader(courseDir, args) {
  const r = spawnSync(venvBin("nbgrader"), args, { cwd: courseDir, env: jupyterEnv(), encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  return { status: r.status, output: `${r.stdout ?? ""}${r.stderr ?? ""}` };
}

/** nbgrader() without blocking: resolves to { status, output } when the command ends. */
export function nbgraderAsync(courseDir, args) {
  return new Promise((done) => {
    const child = spawn(venvBin("nbgrader"), args, { cwd: courseDir, env: jupyterEnv() });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("error", (e) => done({ status: null, output: `${output}${e.message}` }));
    child.on("close", (status) => done({ status, output }));
  });
}

function checked(args, r) {
  if (r.status !== 0) throw new Error(`nbgrader ${args.join(" ")} failed (exit ${r.status}):\n${r.output.slice(-4000)}`);
  return r.output;
}

function must(courseDir, args) {
  return checked(args, nbgrader(courseDir, args));
}

/** The solutions file of a lesson: class/solutions/<number prefix>.ts ("02-gradient-descent" → 02.ts). */
export function solutionsFileOf(lessonPath) {
  return join(solutionsDir, `${basename(lessonPath).split("-")[0]}.ts`);
}

/** The lessons that check exercises with `exercise("<id>", answer)`: the ones that make assignments. */
export function gradableLessons() {
  return listNotebooks().filter((p) => readNotebook(p).cells.some((c) => c.cell_type === "code" && /^exercise\("/m.test(cellSource(c))));
}

/** Writes a lesson's nbgrader source notebook, source/<name>/<name>.ipynb, with the reference solutions. */
function writeSource(lessonPath, courseDir, solutionsFile = solutionsFileOf(lessonPath)) {
  const name = basename(lessonPath, ".ipynb");
  if (!existsSync(solutionsFile)) throw new Error(`${name}: no reference solutions (expected ${solutionsFile})`);
  const { notebook, exercises } = toSourceNotebook(readNotebook(lessonPath), readSolutions(solutionsFile), { name });
  if (!exercises.length) throw new Error(`${name}: the lesson has no exercise("…", answer) checks to grade`);
  const sourceDir = join(courseDir, "source", name);
  rmSync(sourceDir, { recursive: true, force: true });
  mkdirSync(sourceDir, { recursive: true });
  const source = join(sourceDir, `${name}.ipynb`);
  writeFileSync(source, JSON.stringify(notebook, null, 1) + "\n");
  return { name, exercises, source, release: join(courseDir, "release", name, `${name}.ipynb`) };
}

/**
 * Makes the assignment of a lesson: source/<name>/<name>.ipynb with the solutions, then
 * `nbgrader generate_assignment` writes the student version to release/<name>/<name>.ipynb.
 */
export function makeAssignment(lessonPath, courseDir, { solutionsFile = solutionsFileOf(lessonPath) } = {}) {
  courseDir = ensureCourse(courseDir);
  const made = writeSource(lessonPath, courseDir, solutionsFile);
  must(courseDir, ["generate_assignment", made.name, "--force"]);
  return made;
}

/**
 * Makes the assignments of several lessons with one `nbgrader generate_assignment` run (one Python start
 * instead of one per lesson); it also regenerates any other assignment already in the course's source/.
 * Returns the list of makeAssignment's results, in the order of `lessonPaths`.
 */
export function makeAssignments(lessonPaths, courseDir) {
  courseDir = ensureCourse(courseDir);
  const made = lessonPaths.map((p) => writeSource(p, courseDir));
  if (made.length) must(courseDir, ["generate_assignment", "*", "--force"]);
  return made;
}

/**
 * Scores every submission of an assignment (`nbgrader autograde`); returns the gradebook's scores.
 * `assignment` "*" grades every assignment of the course in one run; scores are then keyed by assignment.
 */
export function autograde(courseDir, assignment, { students } = {}) {
  courseDir = ensureCourse(courseDir);
  const output = must(courseDir, autogradeArgs(assignment, students));
  return { output, scores: scores(courseDir, assignment) };
}

/** autograde() without blocking, so that several course folders can be graded at once, one per core. */
export async function autogradeAsync(courseDir, assignment, { students } = {}) {
  courseDir = ensureCourse(courseDir);
  const args = autogradeArgs(assignment, students);
  const output = checked(args, await nbgraderAsync(courseDir, args));
  return { output, scores: scores(courseDir, assignment) };
}

function autogradeArgs(assignment, students) {
  const args = ["autograde", assignment, "--force", "--create"];
  if (students) args.push(`--CourseDirectory.student_id=${students.length === 1 ? students[0] : `[${students.join(",")}]`}`);
  return args;
}

/**
 * An assignment's scores from the gradebook: { student: { score, max_score, cells: { grade_id: score } } };
 * for assignment "*", every assignment's: { assignment: { student: … } }.
 */
export function scores(courseDir, assignment) {
  const r = spawnSync(venvPython, [join(root, "class", "lib", "scores.py"), resolve(courseDir), assignment], { encoding: "utf8", env: jupyterEnv() });
  if (r.status !== 0) throw new Error(`reading the gradebook failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split("\n").pop());
}

/** The students with a submission of the assignment in the course folder. */
export function submittedStudents(courseDir, assignment) {
  const dir = join(courseDir, "submitted");
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((s) => existsSync(join(dir, s, assignment)));
}
