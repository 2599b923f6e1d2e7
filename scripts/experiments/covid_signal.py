"""Where the covid variant signal is lost (issue 16, item 4); run by covid_signal.sh in its output folder.

Reads train/dev/test.fa (ids "row|label"), the learned tokenizer's codes (train.tsv: level1, level2 per nucleotide) and a
frozen backbone's mean-max pooled features after its last layer (emb_SPLIT.npy) and of its embedded input (emb0_SPLIT.npy,
layer 0). Two questions, on the same MAX_TRAIN training windows:

1. Which features carry the signal? Counts per window standardised on train, multinomial logistic regression (LBFGS),
   L2 chosen on dev MCC, as `vqdna baseline`'s kmer-lr and the bench's linear probe do: 6-mer counts, each level's code
   counts, the backbone's pooled features at its input and after its last layer.
2. Does the fine-tuning budget fit them? The same features read as the head reads a mean-pooled window (raw, not
   standardised), or standardised, fitted by AdamW for 1,250 steps of 32 rows (20 epochs of 2,000, the default recipe).
"""
import itertools
import sys

import numpy as np
import torch

torch.set_num_threads(1)
SPLITS = ("train", "dev", "test")


def read_fasta(path):
    labels, seqs = [], []
    for line in open(path):
        line = line.strip()
        if line.startswith(">"):
            labels.append(line.split("|")[1])
        else:
            seqs.append(line)
    return labels, seqs


def read_codes(path):
    rows = [line.rstrip("\n").split("\t") for line in list(open(path))[1:]]
    return [(np.array(r[2].split(), int), np.array(r[3].split(), int)) for r in rows]


KMER = {"".join(p): i for i, p in enumerate(itertools.product("ACGT", repeat=6))}


def kmer_counts(seq):
    v = np.zeros(len(KMER), np.float32)
    for i in range(len(seq) - 5):
        j = KMER.get(seq[i:i + 6])
        if j is not None:                       # k-mers with N are skipped, as kmer-lr does
            v[j] += 1
    return v


def code_counts(codes, size):
    return np.bincount(codes[codes >= 0], minlength=size).astype(np.float32)


def confusion(truth, predicted, k):
    c = torch.zeros(k, k)
    c.index_put_((truth, predicted), torch.ones(len(truth)), accumulate=True)
    return c


def mcc(truth, predicted, k):
    c = confusion(truth, predicted, k)
    t, p, n = c.sum(1), c.sum(0), c.sum()
    den = ((n * n - (p * p).sum()) * (n * n - (t * t).sum())).sqrt()
    return float((c.trace() * n - (p * t).sum()) / den) if den > 0 else 0.0


def macro_f1(truth, predicted, k):
    c = confusion(truth, predicted, k)
    tp, fp, fn = c.diag(), c.sum(0) - c.diag(), c.sum(1) - c.diag()
    return float(torch.where(tp > 0, 2 * tp / (2 * tp + fp + fn), torch.zeros(k)).mean())


def standardiser(x):
    keep = x.std(0) > 0
    mean, std = x[:, keep].mean(0), x[:, keep].std(0)
    return lambda z: (z[:, keep] - mean) / std


def lbfgs_lr(x, y, k):
    """Multinomial LR by LBFGS on standardised features, L2 chosen on dev MCC; (dev MCC, L2, test predictions)."""
    scale = standardiser(x["train"])
    z = {s: scale(x[s]) for s in SPLITS}
    best = None
    for l2 in (1e-4, 1e-3, 1e-2, 1e-1, 1.0):
        w = torch.zeros(z["train"].shape[1], k, requires_grad=True)
        b = torch.zeros(k, requires_grad=True)
        opt = torch.optim.LBFGS([w, b], max_iter=200, line_search_fn="strong_wolfe")

        def closure():
            opt.zero_grad()
            loss = torch.nn.functional.cross_entropy(z["train"] @ w + b, y["train"]) + l2 * (w * w).sum() / 2
            loss.backward()
            return loss
        opt.step(closure)
        with torch.no_grad():
            dev = mcc(y["dev"], (z["dev"] @ w + b).argmax(1), k)
            if best is None or dev > best[0]:
                best = (dev, l2, (z["test"] @ w + b).argmax(1))
    return best


def adamw_fit(x_train, y_train, x_test, k, lr, seed=0):
    """A linear head on x, BERT's init, AdamW (weight decay 0.01) for 1,250 steps of 32; (train loss, test predictions)."""
    torch.manual_seed(seed)
    sampler = torch.Generator().manual_seed(seed)
    head = torch.nn.Linear(x_train.shape[1], k)
    torch.nn.init.normal_(head.weight, std=0.02)
    torch.nn.init.zeros_(head.bias)
    opt = torch.optim.AdamW(head.parameters(), lr=lr, weight_decay=0.01)
    for _ in range(1250):
        rows = torch.randint(0, len(y_train), (32,), generator=sampler)
        loss = torch.nn.functional.cross_entropy(head(x_train[rows]), y_train[rows])
        opt.zero_grad()
        loss.backward()
        opt.step()
    with torch.no_grad():
        return torch.nn.functional.cross_entropy(head(x_train), y_train).item(), head(x_test).argmax(1)


def main():
    max_train = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    fasta = {s: read_fasta(f"{s}.fa") for s in SPLITS}
    classes = sorted(set(fasta["train"][0]))
    k = len(classes)
    y = {s: torch.tensor([classes.index(c) for c in fasta[s][0]]) for s in SPLITS}
    rows = torch.randperm(len(y["train"]), generator=torch.Generator().manual_seed(0))
    rows = rows[:max_train] if max_train > 0 else rows
    y["train"] = y["train"][rows]
    codes = {s: read_codes(f"{s}.tsv") for s in SPLITS}
    size = 1 + max(int(c.max()) for s in SPLITS for r in codes[s] for c in r)
    features = {
        "6-mer counts": lambda s: np.stack([kmer_counts(q) for q in fasta[s][1]]),
        "level-1 code counts": lambda s: np.stack([code_counts(r[0], size) for r in codes[s]]),
        "level-2 code counts": lambda s: np.stack([code_counts(r[1], size) for r in codes[s]]),
        "backbone input (layer 0), mean-max pooled": lambda s: np.load(f"emb0_{s}.npy"),
        "backbone output (last layer), mean-max pooled": lambda s: np.load(f"emb_{s}.npy"),
    }
    print(f"{len(y['train'])} training windows, {len(y['dev'])} dev, {len(y['test'])} test, {k} classes")
    print("| features | LR (LBFGS, standardised): test MCC / macro F1 | AdamW 1,250 steps, raw: train loss / test MCC "
          "| AdamW, standardised: train loss / test MCC |")
    print("| --- | ---: | ---: | ---: |")
    for name, build in features.items():
        x = {s: torch.from_numpy(build(s)).float() for s in SPLITS}
        x["train"] = x["train"][rows]
        _, _, predicted = lbfgs_lr(x, y, k)
        probe = f"{mcc(y['test'], predicted, k):.3f} / {macro_f1(y['test'], predicted, k):.3f}"
        # Raw as a mean-pooled head reads them: counts divided by the window's length; pooled features as they are.
        per_nt = 1.0 if name.startswith("backbone") else float(len(fasta["train"][1][0]))
        scale = standardiser(x["train"])
        cells = []
        for label, f in (("raw", lambda z: z / per_nt), ("standardised", scale)):
            loss, predicted = min((adamw_fit(f(x["train"]), y["train"], f(x["test"]), k, lr) for lr in (1e-4, 1e-3)),
                                  key=lambda r: r[0])
            cells.append(f"{loss:.2f} / {mcc(y['test'], predicted, k):.3f}")
        print(f"| {name} | {probe} | {cells[0]} | {cells[1]} |", flush=True)


if __name__ == "__main__":
    main()
