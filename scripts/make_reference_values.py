#!/usr/bin/python3
"""Reference values that pin VqDna.Torch (our C# binding) to PyTorch's own results.

Writes tests/VqDna.Torch.Tests/Reference/reference_values.json, read by
ReferenceValueTests.cs and AdamWParityTests.cs. Every input is stored literally (flat data +
shape + dtype), so the C# side builds the same tensors without relying on the RNG; the only
RNG-dependent entries are the "rng" cases, which check that our torch.manual_seed gives
PyTorch's streams.

Regenerate (Debian's interpreter, which has torch 1.13 from python3-torch; not pyenv's):

    /usr/bin/python3 scripts/make_reference_values.py

The output is deterministic: the same torch version writes the same bytes. Commit the JSON with
any change to this script.
"""

import json
import pathlib

import numpy as np
import torch
import torch.nn.functional as F

OUT = pathlib.Path(__file__).resolve().parent.parent / "tests/VqDna.Torch.Tests/Reference/reference_values.json"

DTYPES = {torch.float32: "float32", torch.float64: "float64", torch.int64: "int64", torch.bool: "bool"}


def enc(t):
    """A tensor as {dtype, shape, data}; floats in the shortest text that parses back to the same value."""
    t = t.detach().contiguous()
    dtype = DTYPES[t.dtype]
    flat = t.reshape(-1).tolist()
    if dtype == "float32":
        # numpy's repr of a float32 is the shortest decimal that float.Parse (C#) maps back to it.
        flat = [float(repr(np.float32(x))) for x in flat]
    return {"dtype": dtype, "shape": list(t.shape), "data": flat}


def inp(gen, *shape, low=-2.0, high=2.0):
    """A float32 input with 4-decimal values: short in JSON, and C# parses the same floats."""
    x = torch.rand(*shape, generator=gen, dtype=torch.float64) * (high - low) + low
    return torch.tensor((x * 1e4).round().div(1e4).tolist(), dtype=torch.float32).reshape(*shape)


def idx(gen, high, *shape):
    return torch.randint(0, high, shape, generator=gen)


def case(**tensors):
    return {k: (enc(v) if isinstance(v, torch.Tensor) else v) for k, v in tensors.items()}


def elementwise_cases(g):
    a, b = inp(g, 2, 3, 4), inp(g, 3, 1)
    nz = inp(g, 3, 1, low=0.5, high=2.0)  # divisor away from zero
    pos = inp(g, 3, 4, low=0.1, high=3.0)
    x = inp(g, 3, 4, low=-3.0, high=3.0)
    return {
        "add": case(a=a, b=b, out=a + b),
        "sub": case(a=a, b=b, out=a - b),
        "mul": case(a=a, b=b, out=a * b),
        "div": case(a=a, b=nz, out=a / nz),
        "exp": case(x=x, out=torch.exp(x)),
        "log": case(x=pos, out=torch.log(pos)),
        "sqrt": case(x=pos, out=torch.sqrt(pos)),
        "pow": case(x=pos, exponent=2.5, out=torch.pow(pos, 2.5)),
        "pow_tensor": case(x=pos, e=x, out=torch.pow(pos, x)),
        "tanh": case(x=x, out=torch.tanh(x)),
        "sigmoid": case(x=x, out=torch.sigmoid(x)),
        "relu": case(x=x, out=torch.relu(x)),
        "gelu": case(x=x, out=F.gelu(x)),
        "gelu_tanh": case(x=x, out=F.gelu(x, approximate="tanh")),
        "clamp": case(x=x, min=-0.5, max=0.75, out=torch.clamp(x, -0.5, 0.75)),
    }


def product_cases(g):
    a, b = inp(g, 2, 3, 4), inp(g, 4, 5)
    c = inp(g, 2, 4, 5)
    w, bias = inp(g, 5, 4), inp(g, 5)
    return {
        "matmul": case(a=a, b=b, out=torch.matmul(a, b)),
        "matmul_2d": case(a=a[0], b=b, out=torch.matmul(a[0], b)),
        "bmm": case(a=a, b=c, out=torch.bmm(a, c)),
        "linear": case(x=a, weight=w, bias=bias, out=F.linear(a, w, bias)),
    }


def reduction_cases(g):
    x = inp(g, 3, 5, 4)
    cases = {
        "softmax": case(x=x, dim=1, out=torch.softmax(x, 1)),
        "softmax_last": case(x=x, dim=-1, out=torch.softmax(x, -1)),
        "log_softmax": case(x=x, dim=1, out=torch.log_softmax(x, 1)),
        "sum": case(x=x, dim=1, out=x.sum(1)),
        "sum_keepdim": case(x=x, dim=1, out=x.sum(1, keepdim=True)),
        "mean": case(x=x, dim=1, out=x.mean(1)),
        "var_unbiased": case(x=x, dim=1, out=x.var(1)),
        "var_correction0": case(x=x, dim=1, out=torch.var(x, 1, correction=0)),
        "argmax": case(x=x, dim=1, out=x.argmax(1)),
        "argmin": case(x=x, dim=1, out=x.argmin(1)),
        "cumsum": case(x=x, dim=1, out=x.cumsum(1)),
    }
    mx, imx = x.max(1)
    mn, imn = x.min(1)
    tv, ti = x.topk(2, dim=1)
    cases["max"] = case(x=x, dim=1, values=mx, indices=imx)
    cases["min"] = case(x=x, dim=1, values=mn, indices=imn)
    cases["topk"] = case(x=x, k=2, dim=1, values=tv, indices=ti)
    return cases


def indexing_cases(g):
    x = inp(g, 3, 5)
    gi = idx(g, 5, 3, 2)
    si = torch.tensor([[0, 3], [4, 1], [2, 0]])  # unique per row, so scatter is deterministic
    src = inp(g, 3, 2)
    sel = torch.tensor([4, 0, 2, 0])
    add_idx = torch.tensor([2, 0, 2])
    add_src = inp(g, 3, 5)
    mask = torch.rand(3, 5, generator=g) > 0.5
    other = inp(g, 3, 5)
    y = inp(g, 3, 2)
    labels = idx(g, 5, 2, 3)
    weight = inp(g, 6, 3)
    tokens = idx(g, 6, 2, 4)
    return {
        "gather": case(x=x, dim=1, index=gi, out=x.gather(1, gi)),
        "scatter": case(x=x, dim=1, index=si, src=src, out=x.scatter(1, si, src)),
        "index_select_0": case(x=x, dim=0, index=sel[sel < 3], out=x.index_select(0, sel[sel < 3])),
        "index_select_1": case(x=x, dim=1, index=sel, out=x.index_select(1, sel)),
        "index_add": case(x=x, dim=0, index=add_idx, source=add_src, out=x.index_add(0, add_idx, add_src)),
        "masked_fill": case(x=x, mask=mask, value=-1.5, out=x.masked_fill(mask, -1.5)),
        "where": case(cond=mask, x=x, y=other, out=torch.where(mask, x, other)),
        "cat": case(a=x, b=y, dim=1, out=torch.cat([x, y], 1)),
        "stack": case(a=x, b=other, dim=0, out=torch.stack([x, other], 0)),
        "stack_1": case(a=x, b=other, dim=1, out=torch.stack([x, other], 1)),
        "one_hot": case(x=labels, num_classes=5, out=F.one_hot(labels, 5)),
        "embedding": case(weight=weight, x=tokens, out=F.embedding(tokens, weight)),
    }


def nn_cases(g):
    x, w, b = inp(g, 2, 3, 10), inp(g, 4, 3, 5), inp(g, 4)
    xd, wd, bd = inp(g, 2, 4, 12), inp(g, 4, 1, 7), inp(g, 4)
    xl, gamma, beta = inp(g, 2, 3, 6), inp(g, 6), inp(g, 6)
    logits = inp(g, 6, 5, low=-3.0, high=3.0)
    target = idx(g, 5, 6)
    target_ignored = target.clone()
    target_ignored[[1, 4]] = -100
    cw = inp(g, 5, low=0.2, high=2.0)
    logits_nd, target_nd = inp(g, 2, 5, 3), idx(g, 5, 2, 3)
    pred, goal = inp(g, 3, 4), inp(g, 3, 4)
    return {
        "conv1d": case(x=x, weight=w, bias=b, padding=2, groups=1, out=F.conv1d(x, w, b, padding=2)),
        "conv1d_depthwise": case(x=xd, weight=wd, bias=bd, padding=3, groups=4, out=F.conv1d(xd, wd, bd, padding=3, groups=4)),
        "layer_norm": case(x=xl, weight=gamma, bias=beta, eps=1e-5, out=F.layer_norm(xl, (6,), gamma, beta, 1e-5)),
        "cross_entropy": case(logits=logits, target=target, out=F.cross_entropy(logits, target)),
        "cross_entropy_sum": case(logits=logits, target=target, out=F.cross_entropy(logits, target, reduction="sum")),
        "cross_entropy_none": case(logits=logits, target=target, out=F.cross_entropy(logits, target, reduction="none")),
        "cross_entropy_ignore_index": case(logits=logits, target=target_ignored, ignore_index=-100,
                                           out=F.cross_entropy(logits, target_ignored, ignore_index=-100)),
        "cross_entropy_ignore_index_2": case(logits=logits, target=target, ignore_index=2,
                                             out=F.cross_entropy(logits, target, ignore_index=2)),
        "cross_entropy_label_smoothing": case(logits=logits, target=target, label_smoothing=0.1,
                                              out=F.cross_entropy(logits, target, label_smoothing=0.1)),
        "cross_entropy_weight": case(logits=logits, target=target, weight=cw, out=F.cross_entropy(logits, target, weight=cw)),
        "cross_entropy_weight_ignore_index": case(logits=logits, target=target_ignored, weight=cw, ignore_index=-100,
                                                  out=F.cross_entropy(logits, target_ignored, weight=cw)),
        "cross_entropy_nd": case(logits=logits_nd, target=target_nd, out=F.cross_entropy(logits_nd, target_nd)),
        "mse_loss": case(input=pred, target=goal, out=F.mse_loss(pred, goal)),
        **attention_case(g),
    }


def attention_case(g):
    """nn.MultiheadAttention(8, 2, batch_first=True) self-attention with a key padding mask."""
    mha = torch.nn.MultiheadAttention(8, 2, batch_first=True).eval()
    state = {k: inp(g, *v.shape, low=-0.5, high=0.5) for k, v in mha.state_dict().items()}
    mha.load_state_dict(state)
    x = inp(g, 2, 5, 8)
    mask = torch.tensor([[False] * 5, [False, False, False, True, True]])
    with torch.no_grad():
        out, _ = mha(x, x, x, key_padding_mask=mask, need_weights=False)
    return {"multihead_attention": case(x=x, key_padding_mask=mask, out=out,
                                        **{"state." + k: v for k, v in state.items()})}


def composite_grad_case(g):
    """loss = CE(LN(gelu(x Wᵀ + b))) + 0.5 mean(h²) + 0.01 Σ exp(-x), gradients w.r.t. every input."""
    x, w, b = inp(g, 4, 3), inp(g, 5, 3), inp(g, 5)
    gamma, beta = inp(g, 5, low=0.5, high=1.5), inp(g, 5)
    y = idx(g, 5, 4)
    leaves = [t.clone().requires_grad_(True) for t in (x, w, b, gamma, beta)]
    lx, lw, lb, lg, lbeta = leaves
    h = F.layer_norm(F.gelu(F.linear(lx, lw, lb)), (5,), lg, lbeta, 1e-5)
    loss = F.cross_entropy(h, y) + 0.5 * h.pow(2).mean() + 0.01 * torch.exp(-lx).sum()
    loss.backward()
    return {"composite_grad": case(x=x, weight=w, bias=b, gamma=gamma, beta=beta, target=y, loss=loss,
                                   grad_x=lx.grad, grad_weight=lw.grad, grad_bias=lb.grad,
                                   grad_gamma=lg.grad, grad_beta=lbeta.grad)}


def rng_cases():
    torch.manual_seed(1234)
    stream = case(rand=torch.rand(5), randn=torch.randn(5), randint=torch.randint(0, 10, (5,)), randperm=torch.randperm(8))
    # 16 elements and more take libtorch's vectorised normal path; check that one too.
    torch.manual_seed(1234)
    large = case(rand=torch.rand(20), randn=torch.randn(20))
    return {"rng_stream": stream, "rng_large": large}


def adamw_case(g):
    """100 AdamW steps (lr 1e-2, weight decay 0.1) on a 2-layer tanh regression with fixed data."""
    x, y = inp(g, 16, 4), inp(g, 16, 2, low=-1.0, high=1.0)
    w1, b1 = inp(g, 8, 4, low=-0.5, high=0.5), inp(g, 8, low=-0.5, high=0.5)
    w2, b2 = inp(g, 2, 8, low=-0.5, high=0.5), inp(g, 2, low=-0.5, high=0.5)
    params = [t.clone().requires_grad_(True) for t in (w1, b1, w2, b2)]
    opt = torch.optim.AdamW(params, lr=1e-2, weight_decay=0.1)
    losses = []
    for _ in range(100):
        opt.zero_grad()
        pred = F.linear(torch.tanh(F.linear(x, params[0], params[1])), params[2], params[3])
        loss = F.mse_loss(pred, y)
        loss.backward()
        opt.step()
        losses.append(loss.item())
    return case(lr=1e-2, weight_decay=0.1, steps=100, x=x, y=y, w1=w1, b1=b1, w2=w2, b2=b2,
                first_loss=losses[0], last_loss=losses[-1],
                final_w1=params[0], final_b1=params[1], final_w2=params[2], final_b2=params[3])


def compact(value):
    return json.dumps(value, separators=(",", ":"))


def main():
    torch.set_num_threads(1)
    g = torch.Generator().manual_seed(20240521)
    cases = {}
    for make in (elementwise_cases, product_cases, reduction_cases, indexing_cases, nn_cases, composite_grad_case):
        cases.update(make(g))
    cases.update(rng_cases())
    adamw = adamw_case(g)
    header = {"generator": "scripts/make_reference_values.py", "torch_version": torch.__version__}

    # Compact, but one case per line so that a regenerated file diffs readably.
    lines = [f" {json.dumps(k)}: {json.dumps(v)}," for k, v in header.items()]
    lines.append(f' "adamw": {compact(adamw)},')
    lines.append(' "cases": {')
    lines.append(",\n".join(f"  {json.dumps(name)}: {compact(value)}" for name, value in cases.items()))
    text = "{\n" + "\n".join(lines) + "\n }\n}\n"
    json.loads(text)  # the hand-made layout must still be valid JSON
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(text)
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes, {len(cases)} cases)")


if __name__ == "__main__":
    main()
