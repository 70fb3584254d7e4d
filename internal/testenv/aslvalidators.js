// aslvalidators.js runs ASL definitions through the two outside validators
// baton's tests compare against: asl-validator and the AWS Toolkit's
// amazon-states-language-service. Usage:
//
//   node aslvalidators.js NODE_MODULES_DIR < files.txt
//
// files.txt holds one definition path per line. For each it prints one JSON
// line: {"file", "aslValidator": {"valid", "errors"}, "asls": {"valid",
// "errors"}}. A definition that is not JSON is reported invalid by both.
'use strict';
const fs = require('fs');
const path = require('path');

const modules = process.argv[2];
const aslValidator = require(path.join(modules, 'asl-validator'));
const asls = require(path.join(modules, 'amazon-states-language-service'));
const { TextDocument } = require(path.join(modules, 'vscode-languageserver-textdocument'));

const service = asls.getLanguageService({});

function runAslValidator(def) {
  const { isValid, errors } = aslValidator(def);
  return { valid: isValid, errors: (errors || []).map((e) => e.message || JSON.stringify(e)) };
}

async function runAsls(text) {
  const doc = TextDocument.create('file:///definition.asl.json', 'json', 1, text);
  const json = service.parseJSONDocument(doc);
  const diags = await service.doValidation(doc, json);
  const errors = diags.filter((d) => d.severity === 1).map((d) => d.message);
  return { valid: errors.length === 0, errors };
}

async function main() {
  const files = fs.readFileSync(0, 'utf8').split('\n').filter(Boolean);
  for (const file of files) {
    const text = fs.readFileSync(file, 'utf8');
    let def;
    try {
      def = JSON.parse(text);
    } catch (e) {
      const bad = { valid: false, errors: ['not JSON: ' + e.message] };
      console.log(JSON.stringify({ file, aslValidator: bad, asls: bad }));
      continue;
    }
    const out = { file, aslValidator: runAslValidator(def), asls: await runAsls(text) };
    console.log(JSON.stringify(out));
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
