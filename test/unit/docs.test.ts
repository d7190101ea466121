// Contextual help where students look for it: JupyterLab's Shift+Tab and editors' hover show the doc
// comment of what a name refers to. Every function the package exports must carry one, and every
// optimizer, schedule and transform factory its update rule or formula and its defaults.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import ts from "typescript";
import { formatDefault } from "../../src/core/schema";

const root = join(__dirname, "..", "..");
const entry = join(root, "src", "index.ts");
const program = ts.createProgram([entry], { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, strict: true, skipLibCheck: true });
const checker = program.getTypeChecker();
const moduleSymbol = checker.getSymbolAtLocation(program.getSourceFile(entry)!)!;

interface Exported {
  name: string;
  file: string;
  doc: string;
  /** The declared type of the first parameter ("AdamOptions", …), or "". */
  firstParameter: string;
}

function exportedFunctions(): Exported[] {
  const out: Exported[] = [];
  for (const symbol of checker.getExportsOfModule(moduleSymbol)) {
    const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
    if (!(target.flags & ts.SymbolFlags.Function)) continue;
    const declaration = target.declarations?.[0];
    const doc = ts.displayPartsToString(target.getDocumentationComment(checker));
    const parameter = declaration && ts.isFunctionDeclaration(declaration) ? declaration.parameters[0]?.type?.getText() ?? "" : "";
    out.push({ name: symbol.name, file: declaration ? declaration.getSourceFile().fileName.slice(root.length + 1) : "?", doc, firstParameter: parameter });
  }
  return out;
}

const functions = exportedFunctions();

test("the package exports functions (the check below sees them)", () => {
  assert.ok(functions.length > 40, `only ${functions.length} exported functions found`);
});

test("every exported function has a doc comment (shown by Shift+Tab in JupyterLab and by editor hover)", () => {
  const missing = functions.filter((f) => f.doc.trim().length < 20).map((f) => `${f.name} (${f.file})`);
  assert.deepEqual(missing, [], `no doc comment on: ${missing.join(", ")}`);
});

/** Exported helpers of the three folders that are machinery, not factories of a rule. */
const MACHINERY = new Set(["makeOptimizer", "biasCorrection", "chain", "statelessTransform", "globalNorm", "warmupFactor", "constantLr", "luSolve"]);

test("every optimizer, schedule and transform factory documents its rule, and its defaults where it has options", () => {
  const factories = functions.filter((f) => /src\/(optimizers|schedules|transforms)\//.test(f.file) && !MACHINERY.has(f.name));
  assert.ok(factories.length > 25, `only ${factories.length} factories found`);
  const noRule = factories.filter((f) => !/[←=]/.test(f.doc)).map((f) => f.name);
  assert.deepEqual(noRule, [], `no formula (← or =) in the doc comment of: ${noRule.join(", ")}`);
  const takesOptions = factories.filter((f) => /src\/(optimizers|schedules)\//.test(f.file) && /Options\b/.test(f.firstParameter));
  const noDefaults = takesOptions.filter((f) => !/Defaults?:/.test(f.doc) && !/default/i.test(f.doc)).map((f) => f.name);
  assert.deepEqual(noDefaults, [], `no defaults in the doc comment of: ${noDefaults.join(", ")}`);
});

test("the defaults an optimizer's doc comment states are its schema's, every option in declaration order", async () => {
  const library = await import("../../src/index");
  const optimizers = functions.filter((f) => f.file.startsWith("src/optimizers/") && /Defaults: /.test(f.doc));
  assert.ok(optimizers.length >= 12, `only ${optimizers.length} optimizers state their defaults`);
  for (const f of optimizers) {
    const stated = f.doc.slice(f.doc.indexOf("Defaults: ") + "Defaults: ".length).replace(/\s+/g, " ").replace(/\.$/, "").trim();
    const make = (library as unknown as Record<string, (o: object) => { options: Record<string, unknown> }>)[f.name];
    const required = /lr \(required\)/.test(stated);
    if (required) assert.throws(() => make({}), /lr is required/, `${f.name}: the doc comment says lr is required, the schema has a default`);
    else assert.doesNotThrow(() => make({}), `${f.name}: the schema requires an option the doc comment gives a default`);
    // The resolved options hold every option of the schema, defaults filled in, in declaration order.
    const options = make(required ? { lr: 0.1 } : {}).options;
    const expected = Object.entries(options)
      .map(([key, value]) => `${key} ${key === "lr" && required ? "(required)" : formatDefault(value)}`)
      .join(", ");
    assert.equal(stated, expected, `${f.name}: the doc comment's Defaults line is not the schema's`);
  }
});

test("the defaults a schedule's doc comment states are its schema's", async () => {
  const schedules = functions.filter((f) => f.file.startsWith("src/schedules/") && /Defaults: /.test(f.doc));
  assert.ok(schedules.length >= 10, `only ${schedules.length} schedules state their defaults`);
  for (const f of schedules) {
    const module = (await import(join(root, f.file))) as Record<string, unknown>;
    const schema = Object.entries(module).find(([key]) => key.endsWith("Schema"))?.[1] as { defaultsLine(): string } | undefined;
    assert.ok(schema, `${f.name}: ${f.file} exports no option schema`);
    const stated = f.doc.slice(f.doc.indexOf("Defaults: ") + "Defaults: ".length).replace(/\s+/g, " ").replace(/\.$/, "").trim();
    assert.equal(stated, schema.defaultsLine(), `${f.name}: the doc comment's Defaults line is not the schema's`);
  }
});
