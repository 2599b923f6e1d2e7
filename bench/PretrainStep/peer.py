"""PyTorch peer for bench/pretrain-step: the VQDNA.NET encoder (scripts/encoder_reference.py) on our weights.

argv: encoder_reference.py, model folder (config.json + model.safetensors written by C#), batch file
(safetensors: input_ids, attention_mask, labels.<i>), threads, device (cpu, cuda...), precision (fp32 or bf16:
bfloat16 autocast over float32 weights). On CUDA each timed region ends with torch.cuda.synchronize(). Prints "parity <eval-mode loss>", then
answers "step" with "ms <time> loss <loss>" (forward + backward + clipping + AdamW, as our TrainingLoop),
"profile" with "profile <attention ms> <mlp ms>" (forward + backward of every layer's attention and MLP
sub-block on the layer input) and exits on "quit".
"""
import importlib.util
import json
import pathlib
import sys
import time

import torch
import torch.nn.functional as F


def load_reference(path):
    spec = importlib.util.spec_from_file_location("encoder_reference", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def masked_loss(logits, labels):
    """Σ over heads of the mean cross-entropy at labelled positions (DnaForMaskedModeling's loss)."""
    return sum(F.cross_entropy(l.reshape(-1, l.size(-1)), y.reshape(-1), ignore_index=-100) for l, y in zip(logits, labels))


def layer_norm_in_float32():
    """CUDA autocast's float32 policy for layer_norm, which libtorch 1.13's CPU autocast lists lack (a bfloat16 matmul
    output into a float32-weighted norm is then an error): the same rule as the C# side's Functional.layer_norm."""
    original = F.layer_norm

    def layer_norm(input, normalized_shape, weight=None, bias=None, eps=1e-5):
        if weight is not None and input.dtype in (torch.bfloat16, torch.float16) and weight.dtype == torch.float32:
            input = input.float()
        return original(input, normalized_shape, weight, bias, eps)

    F.layer_norm = layer_norm


def main():
    reference, model_dir, batch_file, threads = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    device = torch.device(sys.argv[5] if len(sys.argv) > 5 else "cpu")
    precision = sys.argv[6] if len(sys.argv) > 6 else "fp32"
    autocast = lambda: torch.autocast(device_type=device.type, dtype=torch.bfloat16, enabled=precision == "bf16")
    if device.type == "cpu" and precision == "bf16":
        layer_norm_in_float32()
    sync = (lambda: torch.cuda.synchronize(device)) if device.type == "cuda" else (lambda: None)
    if device.type == "cuda":
        torch.set_float32_matmul_precision("high")
    torch.set_num_threads(threads)
    assert torch.get_num_threads() == threads
    ref = load_reference(reference)
    config = json.loads((pathlib.Path(model_dir) / "config.json").read_text())
    c = config["encoder"]
    model = ref.DnaForMaskedModeling(c)
    model.load_state_dict(ref.read_safetensors(pathlib.Path(model_dir) / "model.safetensors"), strict=True)
    model.to(device)
    batch = {k: v.to(device) for k, v in ref.read_safetensors(batch_file).items()}
    ids, mask = batch["input_ids"], batch["attention_mask"].bool()
    labels = [batch[f"labels.{i}"] for i in range(len(c["output_vocab"]))]

    model.eval()
    with torch.no_grad(), autocast():
        loss = masked_loss(model(attention_mask=mask, input_ids=ids)[2], labels)
    print(f"parity {loss.item():.9f}", flush=True)

    model.train()
    params = [p for p in model.parameters() if p.requires_grad]
    optimizer = torch.optim.AdamW(params, lr=1e-4, weight_decay=0.01, foreach=True)
    for line in sys.stdin:
        command = line.strip()
        if command == "quit":
            break
        if command == "step":
            start = time.perf_counter()
            with autocast():
                loss = masked_loss(model(attention_mask=mask, input_ids=ids)[2], labels)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(params, 1.0)
            optimizer.step()
            optimizer.zero_grad(set_to_none=True)
            sync()
            elapsed = (time.perf_counter() - start) * 1000
            print(f"ms {elapsed:.3f} loss {loss.item():.6f}", flush=True)
        elif command == "profile":
            print("profile " + " ".join(f"{t:.3f}" for t in profile(ref, model, ids, mask, autocast, sync)), flush=True)
        else:
            print(f"error unknown command {command!r}", flush=True)


def profile(ref, model, ids, mask, autocast, sync):
    """Forward + backward time of the attention and MLP sub-blocks of every layer, summed (ms)."""
    encoder = model.encoder
    B, T = ids.shape
    heads = encoder.c["heads"]
    padding = torch.zeros(B, 1, 1, T, device=ids.device).masked_fill(~mask.view(B, 1, 1, T), ref.PADDING_BIAS)
    bias = ref.alibi_bias(heads, T).to(ids.device) + padding
    x = encoder.token_embedding(ids).detach()
    attention = mlp = 0.0
    for layer in encoder.layers:
        for name in ("attention", "mlp"):
            h = x.clone().requires_grad_(True)
            start = time.perf_counter()
            with autocast():
                out = layer.attention(layer.attention_norm(h), bias) if name == "attention" else layer.mlp(layer.mlp_norm(h))
            out.sum().backward()
            sync()
            elapsed = (time.perf_counter() - start) * 1000
            if name == "attention":
                attention += elapsed
            else:
                mlp += elapsed
        model.zero_grad(set_to_none=True)
    return attention, mlp


if __name__ == "__main__":
    main()
