"""What the full-text index costs a library build, at scale: the synthetic archive of bench/scale.py
built as `Library.add_many` builds it, and built again with SQLite's FTS5 statements left out
(everything else the same), in alternating rounds, each build in its own process. Reports MB of
text per second per core for both, the difference in CPU per MB, and user / system CPU.

    python bench/build_costs.py --sizes 100000,1000000 --rounds 1 -o build/build-costs.md

The library built without its full-text index is only timed, never searched, and deleted after
its build like the other (a 1M library takes 13 GB). The machine is shared: every round is
reported, none picked.
"""

from __future__ import annotations

import shutil
import sys
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import scale  # noqa: E402  (bench/ is not a package)

VARIANTS = (None, "full-text")  # as built, then without the full-text index


@dataclass
class Build:
    n: int
    round: int
    without: str | None
    stats: dict

    @property
    def mb(self) -> float:
        return self.stats["text_bytes"] / 1e6

    @property
    def seconds(self) -> float:  # wall time less generating the synthetic text, as in bench/scale.py
        return self.stats["wall_seconds"] - self.stats["generate_seconds"]

    @property
    def cpu(self) -> float:  # the build's CPU less generating (which runs in the build's process)
        return max(0.0, self.stats["build_cpu_seconds"] - self.stats["generate_seconds"])

    @property
    def per_core(self) -> float:
        return self.mb / self.seconds / max(1.0, self.cpu / self.seconds)

    @property
    def system_share(self) -> float:
        return self.stats["build_system_seconds"] / max(self.cpu, 1e-9)


def measure(sizes: list[int], rounds: int, seed: int = scale.SEED) -> list[Build]:
    builds = []
    for n in sizes:
        for r in range(1, rounds + 1):
            for without in VARIANTS:
                folder = scale.SCALE_DIR / f"costs-seed{seed}-n{n}-{without or 'as-built'}"
                how = f"without the {without} index" if without else "as the library builds it"
                scale._log(f"{n:,} documents, round {r}: building {how}")
                try:
                    stats = scale.build(folder, n, seed, rebuild=True, without=without)
                finally:
                    shutil.rmtree(folder, ignore_errors=True)
                builds.append(Build(n, r, without, stats))
    return builds


def section(builds: list[Build], command: str) -> list[str]:
    import platform

    lines = [
        "## Build costs: what the full-text index takes (issue 5)", "",
        f"Produced by `{command}` (bench/build_costs.py) on {time.strftime('%Y-%m-%d')}, "
        f"{platform.system()} {platform.machine()}, Python {platform.python_version()}, commit {scale._commit()}; "
        "shared, noisy machine.", "",
        "The archive of the Scale section, built twice in each round, each build in its own process: as "
        "`Library.add_many` builds a library, and with SQLite's FTS5 statements left out (the inserts into the "
        "full-text index and its merges; the rows, the quote index and everything else as in a build). MB/s per "
        "core and cores as in the Scale section (text over the build's wall time less generating the synthetic "
        "text; per core = MB/s ÷ max(1, cores)). The full-text index's cost: the difference in the build's CPU "
        "per MB of text. System: the share of the build's CPU spent in the kernel (page cache, page faults, "
        "thread wake-ups). Every round is shown.", "",
        "| documents | text | round | as built: MB/s per core | without the full-text index: MB/s per core "
        "| full-text index: CPU ms per MB | its share of the build's CPU | build CPU ms per MB (as built / without) "
        "| system share (as built / without) | peak RSS (as built / without) | disk (as built / without) |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    pairs = {}
    for b in builds:
        pairs.setdefault((b.n, b.round), {})[b.without] = b
    for (n, r), pair in pairs.items():
        full, bare = pair.get(None), pair.get("full-text")
        if full is None or bare is None:
            continue
        full_ms, bare_ms = 1000 * full.cpu / full.mb, 1000 * bare.cpu / bare.mb
        lines.append(
            f"| {n:,} | {full.mb:,.1f} MB | {r} | {full.per_core:.2f} | {bare.per_core:.2f} | {full_ms - bare_ms:.1f} "
            f"| {(full_ms - bare_ms) / full_ms:.0%} | {full_ms:.1f} / {bare_ms:.1f} "
            f"| {full.system_share:.0%} / {bare.system_share:.0%} "
            f"| {full.stats['maxrss_mb']:,.0f} / {bare.stats['maxrss_mb']:,.0f} MB "
            f"| {full.stats['disk_bytes'] / 2**20:,.0f} / {bare.stats['disk_bytes'] / 2**20:,.0f} MB |")
    lines += ["", f"Target (issue 5): ≥ {scale.TARGETS['mb_s_per_core']} MB/s per core."]
    return lines


def main(argv: list[str]) -> None:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100000", help="comma-separated document counts (default 100000)")
    parser.add_argument("--rounds", type=int, default=1, help="rounds of the two builds per size (default 1)")
    parser.add_argument("--seed", type=int, default=scale.SEED, help="the archive's seed")
    parser.add_argument("-o", "--output", type=Path, help="also write the section to this file")
    args = parser.parse_args(argv)
    sizes = [int(x) for x in args.sizes.replace("_", "").split(",") if x]
    if not sizes or args.rounds < 1:
        parser.error("give at least one size and one round")
    command = " ".join(["python bench/build_costs.py", *argv])
    text = "\n".join(section(measure(sizes, args.rounds, args.seed), command))
    print(text)
    if args.output:
        args.output.write_text(text + "\n")


if __name__ == "__main__":
    main(sys.argv[1:])
