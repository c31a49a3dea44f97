#!/usr/bin/python3
"""Writes echo/1/model.pt: a tiny TorchScript module for ml-service's protocol and batching tests.

It takes one input per Open Inference Protocol datatype the server supports, each [batch, width]
(no INT16: DJL's PyTorch bridge cannot pass it), and returns one output per input, row by row, so a
test can tell what came back for which row: floats doubled, integers plus one, booleans negated.
No weights, no training.

Run from this folder with Debian's python3-torch (apt-get install python3-torch):
  PYTHONHASHSEED=0 /usr/bin/python3 make_echo_model.py
"""
import os

import torch


class Echo(torch.nn.Module):
    def forward(self, fp32: torch.Tensor, fp64: torch.Tensor, int8: torch.Tensor, int32: torch.Tensor,
                int64: torch.Tensor, uint8: torch.Tensor, flag: torch.Tensor):
        return fp32 * 2, fp64 * 2, int8 + 1, int32 + 1, int64 + 1, uint8 + 1, torch.logical_not(flag)


if __name__ == "__main__":
    here = os.path.dirname(os.path.abspath(__file__))
    out = os.path.join(here, "echo", "1", "model.pt")
    os.makedirs(os.path.dirname(out), exist_ok=True)
    torch.jit.save(torch.jit.script(Echo()), out)
    print("wrote", out)
