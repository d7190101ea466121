// Options declared once (src/core/schema.ts): the type, the defaults, the checks and the docs of every
// optimizer's options come from one object literal of descriptors. These tests check each of the four
// against the schema: hover through the TypeScript language service (what editors and JupyterLab's
// contextual help show), the types through the compiler, the defaults and the errors at run time.
import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import ts from "typescript";
import { adam, adamw, sgd, rmsprop, nadam, heavyBall, newton } from "../../src/index";
import { boolean, decayRate, learningRate, nonNegative, oneOf, optionSchema, type OptionsOf, type ResolvedOf } from "../../src/core/schema";

const root = join(__dirname, "..", "..");
const probe = join(root, "test", "unit", "__option_schema_probe__.ts");

/** A language service over one in-memory file that imports the library's source. */
function service(text: string) {
  const options: ts.CompilerOptions = { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.CommonJS, strict: true, skipLibCheck: true, noEmit: true };
  const host: ts.LanguageServiceHost = {
    getScriptFileNames: () => [probe],
    getScriptVersion: () => "1",
    getScriptSnapshot: (file) => {
      const content = file === probe ? text : ts.sys.readFile(file);
      return content === undefined ? undefined : ts.ScriptSnapshot.fromString(content);
    },
    getCurrentDirectory: () => root,
    getCompilationSettings: () => options,
    getDefaultLibFileName: ts.getDefaultLibFilePath,
    fileExists: (file) => file === probe || ts.sys.fileExists(file),
    readFile: (file) => (file === probe ? text : ts.sys.readFile(file)),
    readDirectory: ts.sys.readDirectory,
    directoryExists: ts.sys.directoryExists,
    getDirectories: ts.sys.getDirectories,
  };
  return ts.createLanguageService(host, ts.createDocumentRegistry());
}

function hover(text: string, marker: string): string {
  const ls = service(text.replace("|", ""));
  const position = text.indexOf("|");
  assert.ok(position >= 0 && text.slice(position + 1).startsWith(marker), `no marker before ${marker}`);
  const info = ls.getQuickInfoAtPosition(probe, position + 1);
  return info ? ts.displayPartsToString(info.documentation) : "";
}

describe("editor hover shows an option's doc comment, written once in the schema", () => {
  const cases: [string, string, RegExp][] = [
    [`import { adam } from "../../src/index";\nadam({ |beta1: 0.8 });`, "beta1", /Decay β₁ of the first moment.*default 0\.9/],
    [`import { adam } from "../../src/index";\nadam({ |recordUpdate: true });`, "recordUpdate", /Keep the last update.*default false/],
    // Options spread from a shared group (src/optimizers/momentOptions.ts) keep their doc.
    [`import { nadam } from "../../src/index";\nnadam({ |beta2: 0.99 });`, "beta2", /Decay β₂ of the second moment.*default 0\.999/],
    [`import { adamax } from "../../src/index";\nadamax({ |beta1: 0.8 });`, "beta1", /Decay β₁ of the first moment.*default 0\.9/],
    [`import type { NadamOptions } from "../../src/index";\nconst o: NadamOptions = { |decoupledWeightDecay: true };`, "decoupledWeightDecay", /Decay the weights directly/],
    [`import { adamw } from "../../src/index";\nadamw({ |weightDecay: 0.1 });`, "weightDecay", /Decoupled weight decay.*default 0\.01/],
    [`import { adamw } from "../../src/index";\nadamw({ |amsgradMax: "raw" });`, "amsgradMax", /AMSGrad's maximum/],
    [`import { sgd } from "../../src/index";\nsgd({ |lr: 0.1, momentum: 0.9 });`, "lr", /Learning rate η, or a schedule \(required/],
    [`import { heavyBall } from "../../src/index";\nheavyBall({ lr: 0.1, |beta: 0.5 });`, "beta", /Momentum β in \[0, 1\)/],
    [`import { cosineDecay } from "../../src/index";\ncosineDecay({ lr: 0.1, |totalSteps: 100 });`, "totalSteps", /Half-period T of the cosine/],
    [`import type { RmspropOptions } from "../../src/index";\nconst o: RmspropOptions = { |centered: true };`, "centered", /estimate of the variance/],
  ];
  for (const [text, marker, expected] of cases) {
    it(`${marker} in ${text.split("\n")[1]}`, () => {
      assert.match(hover(text, marker), expected);
    });
  }
});

describe("every optimizer's lr hover uses the course's letter for the learning rate", () => {
  // notebooks/notation.ipynb: the learning rate is η; γ is a schedule's decay factor, never a learning rate.
  for (const name of ["sgd", "adagrad", "rmsprop", "adadelta", "adam", "adamw", "adamax", "nadam", "yogi", "heavyBall", "nesterov", "emaMomentum", "newton"]) {
    it(name, () => {
      const doc = hover(`import { ${name} } from "../../src/index";\n${name}({ |lr: 0.1 });`, "lr");
      assert.match(doc, / η[ ,]/);
      assert.doesNotMatch(doc, /[γα]/);
    });
  }
});

describe("the options' types come from the schema", () => {
  const diagnostics = (body: string) => {
    const ls = service(`import { adam, adamw, sgd, heavyBall } from "../../src/index";\n${body}`);
    return ls.getSemanticDiagnostics(probe).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
  };
  it("accepts the right types and a schedule for lr", () => {
    assert.deepEqual(diagnostics(`adam({ beta1: 0.8, amsgradMax: "corrected", lr: (t: number) => 1 / (t + 1) }); sgd({ lr: 0.1 }); adamw();`), []);
  });
  it("rejects a wrong type, a wrong choice, an unknown option and a missing required lr", () => {
    assert.match(diagnostics(`adam({ beta1: "0.9" });`).join("\n"), /not assignable to type 'number'/);
    assert.match(diagnostics(`adam({ amsgradMax: "max" });`).join("\n"), /"raw" \| "corrected"/);
    assert.match(diagnostics(`adamw({ decoupledWeightDecay: true });`).join("\n"), /decoupledWeightDecay/);
    assert.match(diagnostics(`sgd({ momentum: 0.9 });`).join("\n"), /Property 'lr' is missing/);
    assert.match(diagnostics(`heavyBall({});`).join("\n"), /Property 'lr' is missing/);
  });
  it("the resolved options are the schema's values, all present", () => {
    const opt = adam();
    const beta1: number = opt.options.beta1;
    const max: "raw" | "corrected" = opt.options.amsgradMax;
    assert.equal(beta1, 0.9);
    assert.equal(max, "raw");
  });
});

describe("optionSchema", () => {
  const schema = optionSchema({
    /** Rate. */
    rate: decayRate(0.5),
    /** Flag. */
    flag: boolean(true),
    /** Mode. */
    mode: oneOf("a", ["a", "b"]),
    /** Step. */
    lr: learningRate(),
    /** Size. */
    size: nonNegative(2),
  });
  type In = OptionsOf<typeof schema>;
  type Out = ResolvedOf<typeof schema>;

  it("fills in defaults in declaration order, keeps given values, treats undefined as missing", () => {
    const given: In = { lr: 0.1, flag: undefined, size: 3 };
    const out: Out = schema.read("demo", given);
    assert.deepEqual(Object.entries(out), [["rate", 0.5], ["flag", true], ["mode", "a"], ["lr", 0.1], ["size", 3]]);
  });
  it("writes the doc comment's Defaults line", () => {
    assert.equal(schema.defaultsLine(), 'rate 0.5, flag true, mode "a", lr (required), size 2');
    assert.equal(adam().name, "adam");
  });
  it("rejects bad values naming the owner, the option and the value", () => {
    assert.throws(() => schema.read("demo", { lr: 0.1, rate: 1 }), { name: "RangeError", message: "demo: rate must be in [0, 1), got 1" });
    assert.throws(() => schema.read("demo", { lr: 0.1, flag: 1 }), { name: "TypeError", message: "demo: flag must be true or false, got 1" });
    assert.throws(() => schema.read("demo", { lr: 0.1, mode: "c" }), { name: "RangeError", message: 'demo: mode must be one of "a", "b", got "c"' });
    assert.throws(() => schema.read("demo", {}), { name: "TypeError", message: "demo: lr is required (a number ≥ 0 or a schedule), got undefined" });
    assert.throws(() => schema.read("demo", { lr: 1, rates: 1 }), { name: "TypeError", message: 'demo: unknown option "rates" (known options: rate, flag, mode, lr, size)' });
    assert.throws(() => schema.read("demo", [1]), { name: "TypeError", message: "demo: options must be an object, got [1]" });
  });
  it("an optimizer's errors name it, the option and the value", () => {
    assert.throws(() => adam({ beta2: 1 }), { message: "adam: beta2 must be in [0, 1), got 1" });
    assert.throws(() => adamw({ weightDecay: -1 }), { message: "adamw: weightDecay must be a finite number ≥ 0, got -1" });
    assert.throws(() => rmsprop({ centered: "yes" as never }), { message: 'rmsprop: centered must be true or false, got "yes"' });
    assert.throws(() => nadam({ recordUpdate: 0 as never }), { message: "nadam: recordUpdate must be true or false, got 0" });
    assert.throws(() => newton({ damping: NaN }), { message: "newton: damping must be a finite number ≥ 0, got NaN" });
    assert.throws(() => sgd({ lr: -1 }), { message: "sgd: lr must be a finite number ≥ 0, got -1" });
  });
});
