"""PyTorch peer for bench/train-step: the same encoder, batch and optimizer as the C# side.

Protocol (stdin/stdout, one line each): on start it loads weights and batch from the torch.save file
given as argv[1], prints "parity <eval-mode loss>", then answers each "step" with "ms <step time> loss <loss>"
and exits on "quit". The driver alternates C# and Python steps so both see the same machine state.
"""
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


class BenchEncoder(nn.Module):
    def __init__(self, vocab, length, dim, heads, layers, feed_forward, dropout):
        super().__init__()
        self.embed = nn.Embedding(vocab, dim)
        self.position = nn.Embedding(length, dim)
        self.layers = nn.ModuleList(
            nn.TransformerEncoderLayer(dim, heads, feed_forward, dropout, activation="gelu",
                                       batch_first=True, norm_first=True)
            for _ in range(layers))
        self.norm = nn.LayerNorm(dim)
        self.head = nn.Linear(dim, vocab)

    def forward(self, tokens, padding_mask):
        positions = torch.arange(tokens.size(1))
        x = self.embed(tokens) + self.position(positions)
        for layer in self.layers:
            x = layer(x, src_key_padding_mask=padding_mask)
        return self.head(self.norm(x))


def main():
    path, threads, foreach = sys.argv[1], int(sys.argv[2]), sys.argv[3] == "foreach"
    torch.set_num_threads(threads)
    assert torch.get_num_threads() == threads
    state = torch.load(path)
    cfg = {k[len("config."):]: int(v.item()) for k, v in state.items() if k.startswith("config.")}
    dropout = state["config_dropout"].item()
    model = BenchEncoder(cfg["vocab"], cfg["length"], cfg["dim"], cfg["heads"], cfg["layers"], cfg["feed_forward"], dropout)
    model.load_state_dict({k[len("model."):]: v for k, v in state.items() if k.startswith("model.")}, strict=True)
    tokens, mask, targets = state["batch.tokens"], state["batch.padding_mask"], state["batch.targets"]
    vocab = cfg["vocab"]

    model.eval()
    with torch.no_grad():
        loss = F.cross_entropy(model(tokens, mask).view(-1, vocab), targets.view(-1), ignore_index=-100)
    print(f"parity {loss.item():.9f}", flush=True)

    model.train()
    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-4, weight_decay=0.01, foreach=foreach)
    for line in sys.stdin:
        command = line.strip()
        if command == "quit":
            break
        if command != "step":
            print(f"error unknown command {command!r}", flush=True)
            continue
        start = time.perf_counter()
        logits = model(tokens, mask)
        loss = F.cross_entropy(logits.view(-1, vocab), targets.view(-1), ignore_index=-100)
        loss.backward()
        optimizer.step()
        optimizer.zero_grad(set_to_none=True)
        elapsed = (time.perf_counter() - start) * 1000
        print(f"ms {elapsed:.3f} loss {loss.item():.6f}", flush=True)


if __name__ == "__main__":
    main()
