// Runs an exported VQDNA tokenizer (`vqdna export --onnx`) with ONNX Runtime for Node.js, a client we did not
// write: the test suite checks that it gives the codes our C# engines give.
//
//   npm install onnxruntime-node --onnxruntime-node-install=skip      # skip: no GPU binaries to download
//   node scripts/onnx/tokenize.mjs model.onnx genome.fa > codes.jsonl
//
// The input is FASTA (one or more records; line breaks ignored) or one bare DNA sequence. Each record runs as one
// window, batch 1: the graph takes any length. It prints one line per record,
// {"id": "…", "levels": L, "codes": [[level 1…], [level 2…]]} (no "id" for a bare sequence). N and other
// ambiguity codes are refused: vqdna cuts records at N runs and gives N the code -1; do the same before calling.
// ORT_NODE_PREFIX may name the npm prefix onnxruntime-node was installed into (its node_modules' parent).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(process.env.ORT_NODE_PREFIX ? join(process.env.ORT_NODE_PREFIX, 'index.js') : import.meta.url);
const ort = require('onnxruntime-node');

const [model, sequenceFile] = process.argv.slice(2);
if (!model || !sequenceFile) {
  console.error('usage: node tokenize.mjs MODEL.onnx SEQUENCES.fa|SEQUENCE.txt');
  process.exit(2);
}

// FASTA records as [id, sequence], or one unnamed record for a bare sequence.
function records(text) {
  if (!text.trimStart().startsWith('>')) return [[null, text.replace(/\s+/g, '')]];
  return text.split(/^>/m).filter((r) => r.trim().length > 0).map((record) => {
    const newline = record.indexOf('\n');
    const header = newline < 0 ? record : record.slice(0, newline);
    return [header.trim().split(/\s+/)[0], newline < 0 ? '' : record.slice(newline + 1).replace(/\s+/g, '')];
  });
}

// Nucleotide ids as the tokenizer was trained with them: A C G T = 0 1 2 3 (4 is N, which our C# tokenizer
// never sends to the network: it cuts the sequence at N runs and gives N the code -1).
const ids = { A: 0n, C: 1n, G: 2n, T: 3n };
const session = await ort.InferenceSession.create(model, { graphOptimizationLevel: 'all', executionMode: 'sequential' });
// One output per level, codes_level1 (coarse) … codes_levelL (fine); margins, near-tie flags and the embedding are there too.
const level = (name) => Number(/^codes_level(\d+)$/.exec(name)?.[1] ?? NaN);
const levelOutputs = session.outputNames.filter((name) => !Number.isNaN(level(name))).sort((a, b) => level(a) - level(b));
for (const [id, raw] of records(readFileSync(sequenceFile, 'utf8'))) {
  const sequence = raw.toUpperCase();
  const nucleotides = new BigInt64Array(sequence.length);
  for (let i = 0; i < sequence.length; i++) {
    const value = ids[sequence[i]];
    if (value === undefined) throw new Error(`${sequenceFile}${id ? `, record ${id}` : ''}: position ${i + 1} is '${sequence[i]}', expected A, C, G or T`);
    nucleotides[i] = value;
  }
  const results = await session.run({ nucleotides: new ort.Tensor('int64', nucleotides, [1, sequence.length]) }, levelOutputs);
  const codes = levelOutputs.map((name) => Array.from(results[name].data, Number));
  process.stdout.write(JSON.stringify(id === null ? { levels: codes.length, codes } : { id, levels: codes.length, codes }) + '\n');
}
