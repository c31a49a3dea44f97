#!/usr/bin/env python3
"""Checks that two V2 servers give the same answers: every held-out MNIST digit gets the same
argmax from both, and no logit differs by more than the tolerance. Only the standard library.

  python3 ml-python/tools/parity.py http://localhost:18081 http://localhost:18082

Exits 1 when the servers disagree.
"""

import argparse
import functools
import json
import pathlib
import sys
import urllib.request

SAMPLE = pathlib.Path(__file__).resolve().parents[2] / "ml-service/src/test/resources/mnist-held-out-sample.json"


def call(url, body=None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.load(response)


@functools.cache
def input_name(base, model):
    return call(f"{base}/v2/models/{model}")["inputs"][0]["name"]


def logits(base, model, image):
    name = input_name(base, model)
    request = {"inputs": [{"name": name, "shape": [1, 1, 28, 28], "datatype": "FP32", "data": image}]}
    return call(f"{base}/v2/models/{model}/infer", request)["outputs"][0]["data"]


def argmax(values):
    return max(range(len(values)), key=values.__getitem__)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("reference", help="base URL of the reference server, e.g. ml-service")
    parser.add_argument("candidate", help="base URL of the server to compare with it")
    parser.add_argument("--model", default="mnist")
    parser.add_argument("--sample", type=pathlib.Path, default=SAMPLE, help="JSON with 'images' and 'labels'")
    parser.add_argument("--tolerance", type=float, default=1e-4, help="largest allowed logit difference")
    args = parser.parse_args()

    sample = json.loads(args.sample.read_text())
    differing, worst, correct = 0, 0.0, [0, 0]
    for image, label in zip(sample["images"], sample["labels"]):
        reference = logits(args.reference, args.model, image)
        candidate = logits(args.candidate, args.model, image)
        differing += argmax(reference) != argmax(candidate)
        worst = max(worst, max(abs(a - b) for a, b in zip(reference, candidate)))
        correct[0] += argmax(reference) == label
        correct[1] += argmax(candidate) == label
    count = len(sample["labels"])
    print(f"{count} digits: argmax differs for {differing}; largest logit difference {worst:.3g} "
          f"(tolerance {args.tolerance:g}); correct: reference {correct[0]}, candidate {correct[1]}")
    return 0 if differing == 0 and worst <= args.tolerance else 1


if __name__ == "__main__":
    sys.exit(main())
