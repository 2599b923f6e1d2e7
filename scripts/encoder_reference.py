#!/usr/bin/python3
"""The VQDNA.NET encoder in plain PyTorch: proof that a saved model folder is usable from PyTorch.

Defines DnaEncoder, DnaForMaskedModeling and DnaForSequenceClassification exactly as
src/VqDna/Models/Encoder does (same module names, so the same state-dict keys), builds the model
that config.json describes, loads model.safetensors (parsed with the standard library and
torch.frombuffer: no safetensors package needed) or a torch.save file, runs an input and writes
the outputs.

    /usr/bin/python3 scripts/encoder_reference.py MODEL_DIR INPUT.safetensors OUTPUT.safetensors \
        [--weights model.pt] [--adapter ADAPTER_DIR]

INPUT holds "input_ids" (B, T) int64 or "input_vectors" (B, T, InputDim) float32,
"attention_mask" (B, T) bool, and optionally "masked_positions" (B, T) bool. OUTPUT gets
"hidden_states", "pooled", and "logits.<i>" per masked-modeling head or "logits" for a classifier.
--weights reads a torch.save state dict (our TorchFile export) with torch.load instead of
model.safetensors. --adapter applies a LoRA adapter folder in Hugging Face peft's layout
(adapter_config.json, adapter_model.safetensors with "base_model.model.<path>.lora_A.weight" [r, in]
and ".lora_B.weight" [out, r], modules_to_save stored whole) by merging W += B A * lora_alpha / r, as
peft's merge_and_unload. Runs in eval mode (no dropout). tests/VqDna.Tests/Models/Encoder/
EncoderInteropTests.cs runs it and compares with the C# outputs.
"""

import argparse
import json
import math
import pathlib
import struct

import torch
import torch.nn as nn
import torch.nn.functional as F

# float32's lowest value at padded keys, as Hugging Face BERT (DnaEncoder.PaddingBias).
PADDING_BIAS = torch.finfo(torch.float32).min


def alibi_slopes(heads):
    """Press et al.'s head slopes: 2^(-8h/H) for a power of two, interleaved otherwise."""
    def power_of_two(n):
        return [2 ** (-8.0 * h / n) for h in range(1, n + 1)]
    lower = 2 ** math.floor(math.log2(heads))
    if lower == heads:
        return power_of_two(heads)
    return power_of_two(lower) + power_of_two(2 * lower)[0::2][: heads - lower]


def alibi_bias(heads, length):
    """-m_h * |i - j|, (H, T, T): symmetric, since the encoder is bidirectional."""
    m = torch.tensor(alibi_slopes(heads), dtype=torch.float32).view(heads, 1, 1)
    i = torch.arange(length, dtype=torch.float32).view(length, 1)
    j = torch.arange(length, dtype=torch.float32).view(1, length)
    return -(m * (j - i).abs())


class SelfAttention(nn.Module):
    def __init__(self, width, heads, attention_dropout):
        super().__init__()
        self.heads = heads
        self.query = nn.Linear(width, width)
        self.key = nn.Linear(width, width)
        self.value = nn.Linear(width, width)
        self.output = nn.Linear(width, width)
        self.attention_dropout = nn.Dropout(attention_dropout)

    def forward(self, x, bias):
        B, T, D = x.shape
        hd = D // self.heads
        q = self.query(x).view(B, T, self.heads, hd).transpose(1, 2)  # (B, H, T, hd)
        k = self.key(x).view(B, T, self.heads, hd).transpose(1, 2)
        v = self.value(x).view(B, T, self.heads, hd).transpose(1, 2)
        scores = q @ k.transpose(-2, -1) / math.sqrt(hd) + bias  # (B, H, T, T)
        weights = self.attention_dropout(scores.softmax(-1))
        return self.output((weights @ v).transpose(1, 2).reshape(B, T, D))


class FeedForward(nn.Module):
    def __init__(self, width, inner):
        super().__init__()
        self.fc1 = nn.Linear(width, inner)
        self.fc2 = nn.Linear(inner, width)

    def forward(self, x):
        return self.fc2(F.gelu(self.fc1(x)))


class EncoderLayer(nn.Module):
    """Pre-LN: x + Attn(LN(x)), then x + MLP(LN(x))."""

    def __init__(self, c):
        super().__init__()
        self.attention_norm = nn.LayerNorm(c["width"], eps=c["layer_norm_eps"])
        self.attention = SelfAttention(c["width"], c["heads"], c["attention_dropout"])
        self.mlp_norm = nn.LayerNorm(c["width"], eps=c["layer_norm_eps"])
        self.mlp = FeedForward(c["width"], c["feed_forward"] or 4 * c["width"])
        self.dropout = nn.Dropout(c["dropout"])

    def forward(self, x, bias):
        x = x + self.dropout(self.attention(self.attention_norm(x), bias))
        return x + self.dropout(self.mlp(self.mlp_norm(x)))


class DnaEncoder(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.c = c
        if c["vocab_size"] > 0:
            self.token_embedding = nn.Embedding(c["vocab_size"], c["width"], padding_idx=c["pad_id"])
        else:
            self.input_projection = nn.Linear(c["input_dim"], c["width"])
            self.mask_vector = nn.Parameter(torch.zeros(c["width"]))
        self.dropout = nn.Dropout(c["dropout"])
        self.layers = nn.ModuleList(EncoderLayer(c) for _ in range(c["layers"]))
        self.final_norm = nn.LayerNorm(c["width"], eps=c["layer_norm_eps"])

    def forward(self, attention_mask, input_ids=None, input_vectors=None, masked_positions=None):
        if input_ids is not None:
            if masked_positions is not None:
                input_ids = input_ids.masked_fill(masked_positions, self.c["mask_id"])
            x = self.token_embedding(input_ids)
        else:
            x = self.input_projection(input_vectors)
            if masked_positions is not None:  # the learned [MASK] vector, after the projection
                x = torch.where(masked_positions.unsqueeze(-1), self.mask_vector, x)
        keep = attention_mask.bool()
        B, T = keep.shape
        padding = torch.zeros(B, 1, 1, T, device=keep.device).masked_fill(~keep.view(B, 1, 1, T), PADDING_BIAS)
        bias = alibi_bias(self.c["heads"], T).to(keep.device) + padding  # (B, H, T, T)
        x = self.dropout(x)
        for layer in self.layers:
            x = layer(x, bias)
        hidden = self.final_norm(x)
        weights = keep.to(hidden.dtype).unsqueeze(-1)
        pooled = (hidden * weights).sum(1) / weights.sum(1).clamp(min=1)
        return hidden, pooled


class MaskedModelingHead(nn.Module):
    def __init__(self, width, classes, eps):
        super().__init__()
        self.dense = nn.Linear(width, width)
        self.layer_norm = nn.LayerNorm(width, eps=eps)
        self.decoder = nn.Linear(width, classes)

    def forward(self, hidden):
        return self.decoder(self.layer_norm(F.gelu(self.dense(hidden))))


class DnaForMaskedModeling(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.encoder = DnaEncoder(c)
        self.heads = nn.ModuleList(MaskedModelingHead(c["width"], v, c["layer_norm_eps"]) for v in c["output_vocab"])

    def forward(self, **inputs):
        hidden, pooled = self.encoder(**inputs)
        return hidden, pooled, [head(hidden) for head in self.heads]


class ClassificationHead(nn.Module):
    def __init__(self, width, classes, dropout):
        super().__init__()
        self.dense = nn.Linear(width, width)
        self.dropout = nn.Dropout(dropout)
        self.out_proj = nn.Linear(width, classes)

    def forward(self, pooled):
        return self.out_proj(self.dropout(torch.tanh(self.dense(self.dropout(pooled)))))


class DnaForSequenceClassification(nn.Module):
    def __init__(self, c, classifier):
        super().__init__()
        self.encoder = DnaEncoder(c)
        n = classifier["num_labels"]
        self.classifier = (nn.Linear(c["width"], n) if classifier["probe"]
                           else ClassificationHead(c["width"], n, classifier["dropout"]))

    def forward(self, **inputs):
        hidden, pooled = self.encoder(**inputs)
        return hidden, pooled, self.classifier(pooled)


SAFETENSORS_DTYPES = {"F32": torch.float32, "F64": torch.float64, "F16": torch.float16, "BF16": torch.bfloat16,
                      "I64": torch.int64, "I32": torch.int32, "U8": torch.uint8, "BOOL": torch.bool}


def read_safetensors(path):
    """name -> tensor, from the format's spec: u64 header length, JSON header, raw little-endian data."""
    data = pathlib.Path(path).read_bytes()
    (n,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + n])
    start = 8 + n
    tensors = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        begin, end = info["data_offsets"]
        dtype = SAFETENSORS_DTYPES[info["dtype"]]
        if end == begin:
            tensors[name] = torch.empty(info["shape"], dtype=dtype)
        else:
            tensors[name] = torch.frombuffer(bytearray(data[start + begin:start + end]), dtype=dtype).reshape(info["shape"])
    return tensors


def write_safetensors(path, tensors):
    names = {torch.float32: "F32", torch.int64: "I64", torch.bool: "BOOL"}
    header, blobs, offset = {}, [], 0
    for name, t in tensors.items():
        blob = t.detach().contiguous().numpy().tobytes()
        header[name] = {"dtype": names[t.dtype], "shape": list(t.shape), "data_offsets": [offset, offset + len(blob)]}
        blobs.append(blob)
        offset += len(blob)
    text = json.dumps(header).encode()
    text += b" " * (-len(text) % 8)
    pathlib.Path(path).write_bytes(struct.pack("<Q", len(text)) + text + b"".join(blobs))


def apply_peft_adapter(model, directory):
    """Folds a peft LoRA adapter into the model and loads its modules_to_save, from the files alone."""
    directory = pathlib.Path(directory)
    config = json.loads((directory / "adapter_config.json").read_text())
    assert config["peft_type"] == "LORA" and config.get("bias", "none") == "none", config
    scaling = config["lora_alpha"] / config["r"]
    prefix = "base_model.model."
    state = {k[len(prefix):]: v for k, v in read_safetensors(directory / "adapter_model.safetensors").items()}
    modules = dict(model.named_modules())
    own = model.state_dict()
    with torch.no_grad():
        for key in [k for k in state if k.endswith(".lora_A.weight")]:
            path = key[: -len(".lora_A.weight")]
            a, b = state.pop(key), state.pop(path + ".lora_B.weight")
            linear = modules[path]
            assert a.shape == (config["r"], linear.in_features) and b.shape == (linear.out_features, config["r"]), path
            linear.weight += (b @ a) * scaling
        for key, value in state.items():  # modules_to_save, e.g. classifier.dense.weight
            assert any(key.startswith(m + ".") for m in config.get("modules_to_save") or []), key
            own[key].copy_(value)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model_dir")
    parser.add_argument("input")
    parser.add_argument("output")
    parser.add_argument("--weights", help="a torch.save state dict to load instead of model.safetensors")
    parser.add_argument("--adapter", help="a peft LoRA adapter folder to merge into the model")
    args = parser.parse_args()

    config = json.loads((pathlib.Path(args.model_dir) / "config.json").read_text())
    c = config["encoder"]
    if config["architecture"] == "DnaForMaskedModeling":
        model = DnaForMaskedModeling(c)
    elif config["architecture"] == "DnaForSequenceClassification":
        model = DnaForSequenceClassification(c, config["classifier"])
    else:
        raise SystemExit(f"unknown architecture {config['architecture']!r}")
    state = torch.load(args.weights) if args.weights else read_safetensors(pathlib.Path(args.model_dir) / "model.safetensors")
    model.load_state_dict(state, strict=True)
    if args.adapter:
        apply_peft_adapter(model, args.adapter)
    model.eval()

    inputs = read_safetensors(args.input)
    with torch.no_grad():
        hidden, pooled, logits = model(
            attention_mask=inputs["attention_mask"],
            input_ids=inputs.get("input_ids"),
            input_vectors=inputs.get("input_vectors"),
            masked_positions=inputs.get("masked_positions"))
    out = {"hidden_states": hidden, "pooled": pooled}
    if isinstance(logits, list):
        out.update({f"logits.{i}": l for i, l in enumerate(logits)})
    else:
        out["logits"] = logits
    write_safetensors(args.output, out)


if __name__ == "__main__":
    main()
