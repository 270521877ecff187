#!/usr/bin/env python3
"""Benchmark `workos-widgets init`.

1. `init --dry-run --no-install` on fixtures/vite-ts, against a process-start
   baseline (`workos-widgets --version`) timed in the same run. Target: median
   <= 50 ms on a 2-core machine.
2. A full `init --yes` (one package-manager install + file writes) on create-vite's
   template-react-ts, against a plain `npm install` of the same four packages on
   an identical copy. Target: little more than the install itself.

Usage: python3 bench/init.py [--runs N] [--full-runs N] [--skip-full]
Needs: cargo (builds the release binary), node/npm and the npm registry for part 2.
"""

import argparse
import shutil
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
BIN = REPO / "target" / "release" / "workos-widgets"
WIDGETS = "--widgets=user-profile,users-management"
PACKAGES = ["@workos-inc/widgets", "@radix-ui/themes", "@tanstack/react-query", "@workos-inc/node"]


def timed(cmd, cwd=None):
    start = time.perf_counter()
    subprocess.run(cmd, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def median_ms(samples):
    return statistics.median(samples) * 1000


def dry_run(runs):
    with tempfile.TemporaryDirectory() as tmp:
        app = Path(tmp) / "app"
        shutil.copytree(REPO / "fixtures" / "vite-ts", app)
        cmd = [str(BIN), "init", str(app), WIDGETS, "--dry-run", "--no-install"]
        baseline = [str(BIN), "--version"]
        timed(cmd)  # warm the file cache
        init_s, base_s = [], []
        for _ in range(runs):  # interleaved so both see the same machine state
            init_s.append(timed(cmd))
            base_s.append(timed(baseline))
    init_ms, base_ms = median_ms(init_s), median_ms(base_s)
    print(f"init --dry-run --no-install (fixtures/vite-ts), {runs} runs:")
    print(f"  median {init_ms:.1f} ms (min {min(init_s)*1000:.1f}, max {max(init_s)*1000:.1f}); target <= 50 ms: {'met' if init_ms <= 50 else 'MISSED'}")
    print(f"  baseline `workos-widgets --version`: median {base_ms:.1f} ms; ratio init/baseline = {init_ms / base_ms:.2f}x")


def create_vite_template(workdir):
    subprocess.run(["npm", "pack", "create-vite", "--silent"], cwd=workdir, check=True, stdout=subprocess.DEVNULL)
    tarball = next(Path(workdir).glob("create-vite-*.tgz"))
    subprocess.run(["tar", "xzf", tarball.name], cwd=workdir, check=True)
    template = Path(workdir) / "package" / "template-react-ts"
    shutil.move(template / "_gitignore", template / ".gitignore")
    return template


def full_init(runs):
    with tempfile.TemporaryDirectory() as tmp:
        template = create_vite_template(tmp)
        # Both sides start from an app whose own dependencies are installed, so
        # the comparison is the widget packages alone.
        subprocess.run(["npm", "install", "--no-audit", "--no-fund"], cwd=template, check=True, stdout=subprocess.DEVNULL)
        init_s, npm_s = [], []
        for i in range(runs):
            a, b = Path(tmp) / f"init{i}", Path(tmp) / f"npm{i}"
            shutil.copytree(template, a, symlinks=True)
            shutil.copytree(template, b, symlinks=True)
            npm_s.append(timed(["npm", "install", "--no-audit", "--no-fund", *PACKAGES], cwd=b))
            init_s.append(timed([str(BIN), "init", str(a), WIDGETS, "--yes"]))
    init_ms, npm_ms = median_ms(init_s), median_ms(npm_s)
    print(f"full init --yes (create-vite template-react-ts, deps preinstalled), {runs} runs:")
    print(f"  median {init_ms/1000:.2f} s; baseline `npm install` of the same {len(PACKAGES)} packages: median {npm_ms/1000:.2f} s")
    print(f"  ratio init/npm install = {init_ms / npm_ms:.2f}x")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--full-runs", type=int, default=3)
    parser.add_argument("--skip-full", action="store_true")
    args = parser.parse_args()
    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=REPO, check=True)
    dry_run(args.runs)
    if not args.skip_full:
        full_init(args.full_runs)


if __name__ == "__main__":
    main()
