// Reference harness: runs Hugging Face `tokenizers` (npm) for the BPE equivalence tests and
// bench/tokenize. Usage:
//   node hf_bpe.js train  <lines.txt> <out-tokenizer.json>      train with HF's default BpeTrainer
//                                                               (vocab 30000, no special tokens)
//                                                               behind a WhitespaceSplit pre-tokenizer
//   node hf_bpe.js encode <tokenizer.json> <lines.txt> <out.txt> one line of space-separated ids per input line
//   node hf_bpe.js bench  <tokenizer.json> <lines.txt> <repeats> encodeBatch throughput
// Prints one JSON object on stdout. The module is found through NODE_PATH.
'use strict';
const fs = require('fs');
const { Tokenizer, BPE, whitespaceSplitPreTokenizer } = require('tokenizers');

function readLines(path) {
  return fs.readFileSync(path, 'utf8').split('\n').filter((l) => l.length > 0);
}

async function main() {
  const [mode, a, b, c] = process.argv.slice(2);
  if (mode === 'train') {
    const tokenizer = new Tokenizer(BPE.empty());
    tokenizer.setPreTokenizer(whitespaceSplitPreTokenizer());
    const t0 = process.hrtime.bigint();
    tokenizer.train([a]);
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    tokenizer.save(b, false);
    console.log(JSON.stringify({ train_s: seconds }));
  } else if (mode === 'encode') {
    const tokenizer = Tokenizer.fromFile(a);
    const lines = readLines(b);
    const encodings = await tokenizer.encodeBatch(lines, { addSpecialTokens: false });
    fs.writeFileSync(c, encodings.map((e) => e.getIds().join(' ')).join('\n') + '\n');
    console.log(JSON.stringify({ lines: lines.length }));
  } else if (mode === 'bench') {
    const tokenizer = Tokenizer.fromFile(a);
    const lines = readLines(b);
    const repeats = Number(c || 3);
    let bases = 0;
    for (const l of lines) bases += l.length;
    await tokenizer.encodeBatch(lines.slice(0, 64), { addSpecialTokens: false }); // warm-up
    let best = Infinity;
    let tokens = 0;
    for (let r = 0; r < repeats; r++) {
      const t0 = process.hrtime.bigint();
      const encodings = await tokenizer.encodeBatch(lines, { addSpecialTokens: false });
      const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
      best = Math.min(best, seconds);
      tokens = 0;
      for (const e of encodings) tokens += e.getLength();
    }
    console.log(JSON.stringify({ bases, tokens, seconds: best, mbps: bases / best / 1e6 }));
  } else {
    console.error('usage: node hf_bpe.js train|encode|bench ...');
    process.exit(2);
  }
}

main().catch((e) => { console.error(e && e.stack ? e.stack : String(e)); process.exit(1); });
