#!/usr/bin/env bash
# Batch job throughput on a running stack: uploads a ZIP of BENCH_IMAGES handwritten digits (PNG,
# made from the 200 held-out MNIST digits, each drawn at one of four sizes so that decoding does real
# work) through the gateway, follows the job to the end and prints how many images per second
# were classified and stored, from the job's own start and finish times (the upload is not
# counted: it is measured separately, as the time until POST /api/jobs answered).
#
#   ./berth up && benchmarks/batch-job.sh
#
# A first, smaller job warms the JIT of web and ml. Environment: BERTH_PORT [8080],
# BENCH_IMAGES [10000], BENCH_WARM_IMAGES [3000].
set -euo pipefail
cd "$(dirname "$0")/.."
port=${BERTH_PORT:-8080}
images=${BENCH_IMAGES:-10000}
warm_images=${BENCH_WARM_IMAGES:-3000}
base="http://localhost:$port"
curl -fsS "$base/api/status" >/dev/null || { echo "no stack answers on :$port (./berth up)" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

make_zip() { # count file
  python3 - ml-service/src/test/resources/mnist-held-out-sample.json "$1" "$2" <<'PY'
import json, struct, sys, zlib, zipfile
digits = json.load(open(sys.argv[1]))["images"]
count, target = int(sys.argv[2]), sys.argv[3]
def png(pixels, scale):
    side = 28 * scale
    rows = b"".join(b"\0" + bytes(int(pixels[(y // scale) * 28 + x // scale] * 255) for x in range(side))
                    for y in range(side))
    chunk = lambda kind, data: struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", side, side, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))
pictures = [png(d, s) for s in (1, 2, 3, 4) for d in digits]
with zipfile.ZipFile(target, "w", zipfile.ZIP_STORED) as z:
    for i in range(count):
        z.writestr(f"digit-{i:05d}.png", pictures[i % len(pictures)])
PY
}

run_job() { # zip -> prints "images seconds_processing seconds_upload"
  local started answer id job
  started=$(date +%s.%N)
  answer=$(curl -fsS -F "files=@$1;type=application/zip" "$base/api/jobs")
  id=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["id"])' "$answer")
  local uploaded; uploaded=$(date +%s.%N)
  while :; do
    job=$(curl -fsS "$base/api/jobs/$id")
    python3 -c 'import json,sys; sys.exit(0 if json.loads(sys.argv[1])["status"] == "COMPLETED" else 1)' "$job" && break
    sleep 0.2
  done
  python3 - "$job" "$started" "$uploaded" <<'PY'
import json, sys
from datetime import datetime
job = json.loads(sys.argv[1])
t = lambda s: datetime.fromisoformat(s.replace("Z", "+00:00")).timestamp()
print(job["succeeded"], job["failed"], t(job["finishedAt"]) - t(job["startedAt"]), float(sys.argv[3]) - float(sys.argv[2]))
PY
}

echo "making ZIPs of $warm_images and $images digits" >&2
make_zip "$warm_images" "$work/warm.zip"
make_zip "$images" "$work/job.zip"
echo "warm-up job ($warm_images images)" >&2
run_job "$work/warm.zip" >/dev/null
echo "measured job ($images images, $(du -h "$work/job.zip" | cut -f1) ZIP)" >&2
read -r succeeded failed seconds upload < <(run_job "$work/job.zip")
python3 - "$succeeded" "$failed" "$seconds" "$upload" <<'PY'
import sys
ok, failed, seconds, upload = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
print("| batch job | images | failed | processing s | images/s | upload until 202 s |")
print("|---|---:|---:|---:|---:|---:|")
print(f"| ZIP of PNG digits through the gateway | {ok} | {failed} | {seconds:.2f} | {ok / seconds:,.0f} | {upload:.2f} |")
PY
