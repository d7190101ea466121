#!/usr/bin/env node
// `npm run class -- <command>`: the lessons' exercises as nbgrader assignments (class/README.md).
//   assignment <lesson>   the student version of a lesson ("02" or a path): course/source/ with the
//                         reference solutions (class/solutions/<lesson>.ts), course/release/ without them;
//                         "all": every lesson that has exercises, in one nbgrader run
//   release <assignment>  copies the student version into every student's folder on the class hub
//   collect <assignment>  copies the students' notebooks from the hub into course/submitted/<student>/
//   grade <assignment>    `nbgrader autograde` every submission and prints the scores
// Options: --course DIR (default build/course), --homes DIR (the hub's student folders, default build/hub/homes).
import { copyFileSync, existsSync, mkdirSync, readdirSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { ensureClassEnvironment } from "./python.mjs";
import { autograde, defaultCourseDir, ensureCourse, gradableLessons, makeAssignment, makeAssignments, submittedStudents } from "./lib/course.mjs";
import { listNotebooks, root } from "../scripts/lib/notebooks.mjs";

const args = process.argv.slice(2);
const option = (flag, fallback) => {
  const i = args.indexOf(flag);
  if (i < 0) return fallback;
  const [, value] = args.splice(i, 2);
  return value;
};
const courseDir = resolve(option("--course", defaultCourseDir));
const homes = resolve(option("--homes", process.env.OPTIMLAB_HUB_HOMES ?? join(root, "build", "hub", "homes")));
const [command, target] = args;
const usage = "usage: npm run class -- assignment <lesson>|all | release <assignment> | collect <assignment> | grade <assignment> [--course DIR] [--homes DIR]";
if (!command || !target) {
  console.error(usage);
  process.exit(2);
}
const env = ensureClassEnvironment();
if (!env.ok) {
  console.error(`optimlab class: ${env.reason}`);
  process.exit(1);
}
const students = () => (existsSync(homes) ? readdirSync(homes).filter((s) => existsSync(join(homes, s, "lessons"))) : []);

try {
  if (command === "assignment") {
    const report = (made) => {
      console.log(`${made.name}: ${made.exercises.length} graded exercises (${made.exercises.join(", ")}), 1 point each`);
      console.log(`  instructor version (with solutions): ${made.source}`);
      console.log(`  student version:                    ${made.release}`);
    };
    if (target === "all") {
      makeAssignments(gradableLessons(), courseDir).forEach(report);
    } else {
      const lesson = existsSync(target) ? resolve(target) : listNotebooks().find((p) => basename(p).split("-")[0] === target);
      if (!lesson) throw new Error(`no lesson "${target}" in notebooks/ (give its number, e.g. 02, a path, or all)`);
      report(makeAssignment(lesson, courseDir));
    }
  } else if (command === "release") {
    const dir = join(courseDir, "release", target);
    if (!existsSync(dir)) throw new Error(`no released assignment ${dir}; run \`npm run class -- assignment …\` first`);
    for (const s of students()) {
      const to = join(homes, s, "assignments", target);
      mkdirSync(to, { recursive: true });
      for (const f of readdirSync(dir).filter((f) => f.endsWith(".ipynb"))) if (!existsSync(join(to, f))) copyFileSync(join(dir, f), join(to, f));
      console.log(`${s}: assignments/${target}/`);
    }
  } else if (command === "collect") {
    ensureCourse(courseDir);
    for (const s of students()) {
      const from = join(homes, s, "assignments", target);
      if (!existsSync(from)) continue;
      const to = join(courseDir, "submitted", s, target);
      mkdirSync(to, { recursive: true });
      for (const f of readdirSync(from).filter((f) => f.endsWith(".ipynb"))) copyFileSync(join(from, f), join(to, f));
      console.log(`${s}: collected`);
    }
  } else if (command === "grade") {
    const who = submittedStudents(courseDir, target);
    if (!who.length) throw new Error(`no submissions of ${target} under ${join(courseDir, "submitted")}`);
    const { scores } = autograde(courseDir, target);
    for (const [student, s] of Object.entries(scores).sort()) {
      console.log(`${student}: ${s.score} / ${s.max_score}  (${Object.entries(s.cells).map(([k, v]) => `${k} ${v}`).join(", ")})`);
    }
    console.log(`graded copies in ${join(courseDir, "autograded")}; \`nbgrader generate_feedback ${target}\` in ${courseDir} writes feedback pages`);
  } else {
    throw new Error(usage);
  }
} catch (e) {
  console.error(`optimlab class: ${e.message}`);
  process.exit(1);
}
