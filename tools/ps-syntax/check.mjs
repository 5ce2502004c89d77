// Usage: node check.mjs FILE...  — prints one line a file and exits 1 when any file has a syntax error.
// The WASM build of the grammar is used so no native addon has to compile on a fresh machine.
import { Parser, Language } from 'web-tree-sitter';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
await Parser.init();
const powershell = await Language.load(path.join(here, 'node_modules/tree-sitter-powershell/tree-sitter-powershell.wasm'));
const parser = new Parser();
parser.setLanguage(powershell);

function problems(node, found = []) {
  if (node.type === 'ERROR' || node.isMissing) found.push(node);
  for (const child of node.children) problems(child, found);
  return found;
}

let failed = 0;
for (const file of process.argv.slice(2)) {
  // A byte-order mark is legal in PowerShell files but not part of the grammar.
  const source = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  const found = problems(parser.parse(source).rootNode);
  if (found.length === 0) { console.log(`ok ${file}`); continue; }
  failed++;
  console.log(`FAIL ${file}: ${found.length} syntax problem(s)`);
  for (const node of found.slice(0, 10)) {
    const where = `${node.startPosition.row + 1}:${node.startPosition.column + 1}`;
    const what = node.isMissing ? `missing ${node.type}` : `cannot parse '${node.text.slice(0, 60).replace(/\s+/g, ' ')}'`;
    console.log(`  line ${where} ${what}`);
  }
}
process.exit(failed ? 1 : 0);
