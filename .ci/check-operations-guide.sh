#!/usr/bin/env bash
# Runs every command that the operator's guide (docs/operations.md) shows, in order, against a running
# stack, so that the guide cannot rot. Needs the stack up (./berth up, with COMPOSE_PROJECT_NAME and
# BERTH_PORT exported and `./berth env` eval'd). Prints one line per block, exits non-zero on the
# first failure (--keep-going: after all of them), and leaves the stack as it found it.
#
#   .ci/check-operations-guide.sh               every block of the guide
#   .ci/check-operations-guide.sh --per-engine  only the blocks marked for each engine (run it again
#                                               with the stack on another engine: compose/postgres.yml)
#   .ci/check-operations-guide.sh --list        print the blocks and what CI does with each; run none
#
# The convention (the guide says it too): every ```bash block is run, in its own `bash -eo pipefail`
# in the repository root; ```console and ```text blocks are example output and never run. An HTML
# comment right before a block, invisible on the rendered page, says what CI must type or check:
#
#   <!-- ci
#   tty                      run it on a pseudo-terminal (script(1)), as interactive commands need
#   stdin: <shell command>   what it prints is what CI types (default: nothing; end of input)
#   interrupt: <seconds>     press Ctrl-C (SIGINT to the block's process group) after that long;
#                            ending that way counts as success
#   expect: <regex>          the output must match (Python regex, searched; repeatable)
#   reject: <regex>          the output must not match (repeatable)
#   status: 0|<n>|nonzero|any   the exit status wanted (default 0)
#   retry: <seconds>         run it again until it passes, for up to that long (waiting for a reload)
#   timeout: <seconds>       for each run of it; default 120
#   engine: mariadb|postgresql   run only when the stack's database is that engine
#   per-engine               run in the --per-engine pass as well
#   needs-registry           fetches from a public registry: when none answers, it is skipped
#   undo: <shell command>    what CI runs at the end, last first, to put the stack back (repeatable)
#   skip: <reason>           not run here, for that reason
#   -->
#
# The guide speaks of the default project `berth` on port 8080. CI runs under its own project name
# and ports, so before running a block it rewrites the container names berth-<service>-<n>, the
# networks and volumes berth_<name>, the guide's own containers berth-ml-alone and the like, and
# localhost/127.0.0.1 ports 8080 (BERTH_PORT), 8081 (BERTH_ADMINER_PORT), 8090 (the standalone ml
# server) and 5000 (the local registry); with BERTH_TAG set, berth/<image>:latest becomes that tag.
set -euo pipefail
cd "$(dirname "$0")/.."
# The Debian client first: a newer client on PATH may lack the buildx plugin.
[ -x /usr/bin/docker ] && export PATH="/usr/bin:$PATH"

export COMPOSE_PROJECT_NAME=${COMPOSE_PROJECT_NAME:-berth} BERTH_PORT=${BERTH_PORT:-8080}
export BERTH_ADMINER_PORT=${BERTH_ADMINER_PORT:-$((BERTH_PORT + 1))}
export OPS_GUIDE_ML_PORT=${OPS_GUIDE_ML_PORT:-$((BERTH_PORT + 10))}
export OPS_GUIDE_REGISTRY_PORT=${OPS_GUIDE_REGISTRY_PORT:-$((BERTH_PORT + 20))}

if [ "${1:-}" != --list ]; then
  for tool in docker python3 script curl git; do
    command -v "$tool" >/dev/null || { echo "check-operations-guide: needs $tool" >&2; exit 1; }
  done
  docker compose ps --status running --services 2>/dev/null | grep -qx gateway \
    || { echo "check-operations-guide: no running stack in project $COMPOSE_PROJECT_NAME: ./berth up first" >&2; exit 1; }
  # Where the base images are local stand-ins there is no registry either: the guide's Adminer and
  # registry then come from the same place (base-images/build.sh builds only what is missing).
  if [[ ${MARIADB_IMAGE:-} == berth-base/* && ( -z ${ADMINER_IMAGE:-} || -z ${REGISTRY_IMAGE:-} ) ]]; then
    eval "$(base-images/build.sh --quiet)"
  fi
fi

exec python3 - "$@" <<'PY'
import os, re, shlex, signal, subprocess, sys, tempfile, time

GUIDE = os.environ.get("OPS_GUIDE", "docs/operations.md")  # another file: to test this script
KEYS = {"tty", "stdin", "interrupt", "expect", "reject", "status", "retry", "timeout", "engine",
        "per-engine", "needs-registry", "undo", "skip"}
REPEATABLE = {"expect", "reject", "undo"}
NO_REGISTRY = re.compile(r"dial tcp|no such host|connection refused|i/o timeout|TLS handshake timeout|"
                         r"Temporary failure in name resolution|server misbehaving|pull access denied|"
                         r"context deadline exceeded|failed to resolve reference")
ANSI = re.compile(r"\x1b(\[[0-9;?]*[ -/]*[@-~]|\][^\x07]*\x07|[()][A-Z0-9])")

args = sys.argv[1:]
unknown = [a for a in args if a not in ("--per-engine", "--list", "--keep-going")]
if unknown:
    sys.exit(f"check-operations-guide: unknown argument {unknown[0]} (--per-engine, --list, --keep-going)")
per_engine, listing, keep_going = "--per-engine" in args, "--list" in args, "--keep-going" in args
env = os.environ
project = env["COMPOSE_PROJECT_NAME"]
ports = {"8080": env["BERTH_PORT"], "8081": env["BERTH_ADMINER_PORT"], "8090": env["OPS_GUIDE_ML_PORT"],
         "5000": env["OPS_GUIDE_REGISTRY_PORT"]}
tag = env.get("BERTH_TAG", "")
# The containers the guide starts on its own, beside the stack's.
OWN = "ml-alone|ml-spare|shell|registry|models"


def rewrite(text):
    """The guide's default project name and ports -> this run's."""
    text = re.sub(r"\b(localhost|127\.0\.0\.1):(8080|8081|8090|5000)\b", lambda m: f"{m[1]}:{ports[m[2]]}", text)
    text = re.sub(r"\bberth-(db|db-migrate|web|ml|gateway|adminer|portainer)-(\d+)\b", rf"{project}-\1-\2", text)
    text = re.sub(r"\bberth_(edge|backend|data|tools|db-data|db-data-postgres|portainer-data)\b", rf"{project}_\1", text)
    text = re.sub(rf"\bberth-({OWN})\b", rf"{project}-\1", text)
    if tag and tag != "latest":
        text = re.sub(r"\bberth/(db-migrate|web|ml-service|gateway):latest\b", rf"berth/\1:{tag}", text)
    return text


def parse(path):
    """The guide's ```bash blocks, each with the directives of the HTML comment right before it."""
    lines = open(path, encoding="utf-8").read().split("\n")
    blocks, pending, pending_line, i = [], None, 0, 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("<!-- ci"):
            start = i
            body = line[len("<!-- ci"):]
            while "-->" not in body:
                i += 1
                if i == len(lines):
                    sys.exit(f"{path}:{start + 1}: a ci comment without its closing -->")
                body += "\n" + lines[i]
            body = body[: body.index("-->")]
            directives = {}
            for entry in body.split("\n"):
                entry = entry.strip()
                if not entry:
                    continue
                key, _, value = entry.partition(":") if ":" in entry.split(" ")[0] else (entry, "", "")
                key, value = key.strip(), value.strip()
                if key not in KEYS:
                    sys.exit(f"{path}:{start + 1}: unknown ci directive '{key}'")
                if key in REPEATABLE:
                    directives.setdefault(key, []).append(value)
                else:
                    directives[key] = value
            if pending is not None:
                sys.exit(f"{path}:{pending_line}: two ci comments before one block")
            pending, pending_line = directives, start + 1
        elif line.strip() == "```bash":
            start = i + 1
            i += 1
            text = []
            while i < len(lines) and lines[i].strip() != "```":
                text.append(lines[i])
                i += 1
            if i == len(lines):
                sys.exit(f"{path}:{start}: a ```bash block without its end")
            blocks.append({"line": start, "text": "\n".join(text) + "\n", "d": pending or {}})
            pending = None
        elif line.strip() and pending is not None:
            sys.exit(f"{path}:{pending_line}: a ci comment must come right before a ```bash block")
        i += 1
    return blocks


def title(block):
    commands = [l for l in block["text"].split("\n") if l.strip() and not l.lstrip().startswith("#")]
    first = commands[0] if commands else "(empty)"
    first = re.sub(r"\s+#.*$", "", first).strip()
    if len(first) > 90:
        first = first[:87] + "..."
    more = len(commands) - 1
    return first + (f"  (+{more} lines)" if more > 0 else "")


def clean(raw):
    return ANSI.sub("", raw.decode("utf-8", "replace")).replace("\r\n", "\n").replace("\r", "")


def execute(text, d, timeout):
    """Runs one block; returns (status, output, interrupted)."""
    command = ["bash", "-eo", "pipefail", "-c", text]
    if "tty" in d:
        # script(1) gives the commands a terminal and passes what CI types through it; -e: its status.
        command = ["script", "-qefc", shlex.join(command), "/dev/null"]
    feeder = None
    stdin = subprocess.DEVNULL
    if d.get("stdin"):
        feeder = subprocess.Popen(["bash", "-c", rewrite(d["stdin"])], stdout=subprocess.PIPE)
        stdin = feeder.stdout
    with tempfile.TemporaryFile() as out:
        proc = subprocess.Popen(command, stdin=stdin, stdout=out, stderr=subprocess.STDOUT,
                                start_new_session=True)
        if feeder:
            feeder.stdout.close()
        interrupted = False
        interrupt = float(d["interrupt"]) if d.get("interrupt") else None
        try:
            proc.wait(timeout=interrupt if interrupt is not None else timeout)
        except subprocess.TimeoutExpired:
            # Ctrl-C: SIGINT to the whole process group, as a terminal sends it.
            os.killpg(proc.pid, signal.SIGINT if interrupt is not None else signal.SIGKILL)
            interrupted = interrupt is not None
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
                if interrupted:
                    interrupted = False  # Ctrl-C did not end it
        if feeder:
            feeder.kill()
            feeder.wait()
        out.seek(0)
        return proc.returncode, clean(out.read()), interrupted


def verdict(d, status, output, interrupted, timeout_hit):
    """None when the block did what the guide promises, else why not."""
    if timeout_hit:
        return "timed out"
    wanted = d.get("status", "0")
    if not interrupted:
        if wanted == "nonzero" and status == 0:
            return "exited 0, but the guide shows it failing"
        if wanted not in ("nonzero", "any") and status != int(wanted):
            return f"exited {status}" + (f", wanted {wanted}" if wanted != "0" else "")
    for pattern in d.get("expect", []):
        if not re.search(rewrite(pattern), output, re.M):
            return f"output lacks /{pattern}/"
    for pattern in d.get("reject", []):
        if re.search(rewrite(pattern), output, re.M):
            return f"output has /{pattern}/"
    return None


def sh(command, timeout=120):
    r = subprocess.run(["bash", "-c", command], capture_output=True, text=True, timeout=timeout)
    return r.stdout.strip()


def engine():
    names = sh("docker compose exec -T db env")
    for variable, name in (("POSTGRES_DB=", "postgresql"), ("MARIADB_DATABASE=", "mariadb"),
                           ("MYSQL_DATABASE=", "mysql")):
        if variable in names:
            return name
    return "unknown"


def snapshot():
    """What the guide must leave as it was: the project's containers (service, replica, state),
    networks and volumes, the database container, the guide's own containers and registry tags, and
    the working tree."""
    label = f"label=com.docker.compose.project={project}"
    return {
        "networks": sh(f"docker network ls --filter {label} --format '{{{{.Name}}}}' | sort"),
        "volumes": sh(f"docker volume ls --filter {label} --format '{{{{.Name}}}}' | sort"),
        "containers": sh(f"docker ps -a --filter {label} --format "
                         "'{{.Label \"com.docker.compose.service\"}}-{{.Label \"com.docker.compose.container-number\"}}"
                         " {{.State}}' | sort"),
        "db": sh("docker compose ps -q db"),
        "own containers": sh(f"docker ps -a --format '{{{{.Names}}}}' | grep -E "
                             f"'^{re.escape(project)}-({OWN})$' | sort || true"),
        "registry tags": sh(f"docker image ls --format '{{{{.Repository}}}}:{{{{.Tag}}}}' "
                            f"| grep -E '^(localhost|127\\.0\\.0\\.1):{ports['5000']}/' | sort || true"),
        "working tree": sh("git status --porcelain --untracked-files=all"),
    }


def healthy_again(limit=300):
    """Waits until every container that was healthy is so again (a restart or rebuild takes a while)."""
    deadline = time.time() + limit
    while True:
        unhealthy = sh(f"docker ps --filter label=com.docker.compose.project={project} "
                       "--filter health=starting --filter health=unhealthy -q")
        if not unhealthy or time.time() > deadline:
            return not unhealthy
        time.sleep(3)


blocks = parse(GUIDE)
if listing:
    for n, b in enumerate(blocks, 1):
        d = b["d"]
        notes = ", ".join(sorted(d))
        print(f"{n:3} L{b['line']:<4} {title(b)}" + (f"   [{notes}]" if notes else ""))
    sys.exit(0)

logs = tempfile.mkdtemp(prefix="berth-ops-guide.")
current = engine()
print(f"operator's guide: {len(blocks)} blocks from {GUIDE}; project {project}, port {env['BERTH_PORT']}, "
      f"database {current}{', per-engine blocks only' if per_engine else ''}")
before = snapshot()
undo, failures, counts = [], [], {"ok": 0, "skip": 0, "FAIL": 0}
started = time.time()
for n, b in enumerate(blocks, 1):
    d = b["d"]
    head = f"L{b['line']:<4} {title(b)}"
    if per_engine and "engine" not in d and "per-engine" not in d:
        continue
    if "skip" in d:
        counts["skip"] += 1
        print(f"  skip          {head}\n                  not run here: {d['skip']}", flush=True)
        continue
    if d.get("engine") and d["engine"] != current:
        counts["skip"] += 1
        print(f"  skip          {head}\n                  for {d['engine']}; the stack runs {current}", flush=True)
        continue
    undo.extend(rewrite(u) for u in d.get("undo", []))
    timeout = float(d.get("timeout", 120))
    deadline = time.time() + float(d.get("retry", 0))
    t0 = time.time()
    while True:
        a0 = time.time()
        status, output, interrupted = execute(rewrite(b["text"]), d, timeout)
        timeout_hit = status == -signal.SIGKILL and time.time() - a0 >= timeout
        why = verdict(d, status, output, interrupted, timeout_hit)
        if why is None or time.time() > deadline:
            break
        time.sleep(2)
    with open(os.path.join(logs, f"{n:03}.log"), "w") as log:
        log.write(f"# {GUIDE}:{b['line']}, exit status {status}{' (Ctrl-C)' if interrupted else ''}\n")
        log.write(rewrite(b["text"]) + "# ---- output\n" + output)
    took = f"[{time.time() - t0:5.1f}s]"
    if why is not None and "needs-registry" in d and NO_REGISTRY.search(output):
        counts["skip"] += 1
        print(f"  skip  {took} {head}\n                  needs a registry; none answers here: "
              f"{NO_REGISTRY.search(output)[0]}", flush=True)
        continue
    if why is None:
        counts["ok"] += 1
        print(f"  ok    {took} {head}", flush=True)
        continue
    counts["FAIL"] += 1
    failures.append(head)
    print(f"  FAIL  {took} {head}\n                  {GUIDE}:{b['line']}: {why}; its output ends:", flush=True)
    for line in output.rstrip().split("\n")[-25:]:
        print(f"                  | {line}")
    if not keep_going:
        break

print("putting the stack back as it was:", flush=True)
for command in reversed(undo):
    r = subprocess.run(["bash", "-c", command], capture_output=True, text=True, timeout=300)
    print(f"  undo  {command}" + ("" if r.returncode == 0 else f"   (exit {r.returncode}: nothing to undo?)"),
          flush=True)
changed = [] if healthy_again() else ["a container of the stack did not become healthy again"]
after = snapshot()
# Networks and volumes that compose made on the way (the tools profile's), now unused.
for kind in ("network", "volume"):
    for name in sorted(set(after[kind + "s"].split()) - set(before[kind + "s"].split())):
        r = subprocess.run(["docker", kind, "rm", name], capture_output=True, text=True)
        print(f"  undo  docker {kind} rm {name}" + ("" if r.returncode == 0 else f"   (exit {r.returncode})"))
after = snapshot()
for what in before:
    if before[what] != after[what]:
        changed.append(f"the guide changed {what}:\n    before: {before[what]!r}\n    after:  {after[what]!r}")
for what in changed:
    print(f"  FAIL  {what}")
print(f"operator's guide: {counts['ok']} ok, {counts['skip']} skipped, {counts['FAIL']} failed, "
      f"in {time.time() - started:.0f} s; the stack is {'NOT ' if changed else ''}as it was (logs: {logs})")
sys.exit(1 if failures or changed else 0)
PY
