#!/usr/bin/env python3
"""Checks an ONNX file written by `vqdna export --onnx` with the ONNX project's own checker.

Usage: /usr/bin/python3 scripts/onnx_check.py MODEL.onnx
Runs onnx.checker.check_model(model, full_check=True) (Debian's python3-onnx 1.12: structure, operator
schemas of the declared opset, and shape inference with errors on), then prints one JSON line: IR version,
opsets, inputs and outputs with their element types and shapes, the metadata keys and the node count.
Exits non-zero with the checker's message when the model is invalid.
"""
import json
import sys

import onnx


def value_info(v):
    t = v.type.tensor_type
    dims = [d.dim_param if d.dim_param else d.dim_value for d in t.shape.dim]
    return {"name": v.name, "elem_type": onnx.TensorProto.DataType.Name(t.elem_type), "shape": dims}


def main(path):
    model = onnx.load(path)
    onnx.checker.check_model(model, full_check=True)
    print(json.dumps({
        "ir_version": model.ir_version,
        "opset": {o.domain or "ai.onnx": o.version for o in model.opset_import},
        "producer": model.producer_name,
        "inputs": [value_info(v) for v in model.graph.input],
        "outputs": [value_info(v) for v in model.graph.output],
        "metadata": sorted(p.key for p in model.metadata_props),
        "nodes": len(model.graph.node),
        "onnx": onnx.__version__,
    }))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: onnx_check.py MODEL.onnx")
    main(sys.argv[1])
