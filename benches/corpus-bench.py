#!/usr/bin/env python3
"""Whole-process wall time and peak memory of chartrs and the reference Helm
on every corpus case, side by side.

    python3 benches/corpus-bench.py [--chartrs target/release/chartrs] [--helm PATH]
                                    [--runs 5] [--corpus ../shared/corpus] [--filter REGEX]

Each case runs once to warm up, then RUNS times per binary, alternating; the
table reports medians (wall seconds, peak RSS) and the ratio. Peak RSS is
read through /usr/bin/time: wait4's ru_maxrss of a child forked from Python
counts Python's own pages from before the exec.
"""
import argparse, os, re, statistics, subprocess, sys, tempfile, time

ENV = {"PATH": "/usr/bin:/bin", "HOME": "/tmp/corpus-bench-home"}

def run(argv, cwd):
    """Wall seconds of one run."""
    t0 = time.perf_counter()
    p = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV)
    p.wait()
    return time.perf_counter() - t0

def peak_rss(argv, cwd):
    """Peak RSS in KiB of one run, as GNU time reports it."""
    with tempfile.NamedTemporaryFile("r") as out:
        subprocess.run(["/usr/bin/time", "-f", "%M", "-o", out.name] + argv, cwd=cwd,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV)
        return int(out.read().strip().splitlines()[-1])

def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(here)
    ap = argparse.ArgumentParser()
    ap.add_argument("--chartrs", default=os.path.join(root, "target/release/chartrs"))
    ap.add_argument("--helm", default=None)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--corpus", default=os.path.join(root, "../shared/corpus"))
    ap.add_argument("--filter", default="")
    a = ap.parse_args()
    helm = a.helm or subprocess.run([os.path.join(a.corpus, "../tools/install-reference-helm")],
                                    capture_output=True, text=True, check=True).stdout.strip() + "/helm"
    os.makedirs("/tmp/corpus-bench-home", exist_ok=True)
    cases = sorted(c for c in os.listdir(os.path.join(a.corpus, "cases")) if re.search(a.filter, c))
    rows, ratios = [], []
    for case in cases:
        d = os.path.join(a.corpus, "cases", case)
        args = [l.rstrip("\n") for l in open(os.path.join(d, "args")) if l.rstrip("\n")]
        ours, theirs = [], []
        run([a.chartrs] + args, d); run([helm] + args, d)
        for _ in range(a.runs):
            ours.append(run([a.chartrs] + args, d))
            theirs.append(run([helm] + args, d))
        ow, hw = statistics.median(ours), statistics.median(theirs)
        om = statistics.median(peak_rss([a.chartrs] + args, d) for _ in range(3))
        hm = statistics.median(peak_rss([helm] + args, d) for _ in range(3))
        ratios.append(hw / ow)
        rows.append(f"| {case} | {hw*1000:.0f} ms | {ow*1000:.1f} ms | {hw/ow:.1f}x | {hm/1024:.0f} MB | {om/1024:.1f} MB |")
        print(rows[-1], file=sys.stderr)
    print("| case | helm v4.3.1 | chartrs | speed-up | helm peak RSS | chartrs peak RSS |")
    print("| --- | ---: | ---: | ---: | ---: | ---: |")
    print("\n".join(rows))
    print(f"\nmedian speed-up {statistics.median(ratios):.1f}x, min {min(ratios):.1f}x over {len(ratios)} cases")

if __name__ == "__main__":
    main()
