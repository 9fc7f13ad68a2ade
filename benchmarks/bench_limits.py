"""One document at the size limits, through the full profile, on one core: time and peak
memory, ordinary and hostile shapes.

Each shape runs in its own process (so peak RSS is that document's), pinned to one thread.
The baseline, in the same process, is the same pipeline on a 10,000-character version of
the same shape; the ratio (seconds per character at the limit / at the baseline) says
whether cost grows linearly (about 1) or faster. Targets (issue 15): under 60 s and under
1.5 GB peak for a document at ``analysis.max_chars`` (text) or ``input.max_bytes`` (HTML:
read in full, then analysed, or refused with E402 when its text is longer than
``analysis.max_chars``).

    python benchmarks/bench_limits.py            # every shape
    python benchmarks/bench_limits.py prose      # one
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

PARA = ("The council met on Tuesday to discuss the ferry timetable, and Maya Okafor said the "
        "change was \u201ca disgrace\u201d for the island. Critics were quick to respond. "
        "\u2014 Ann Lee (@annlee) March 14, 2022\n\nSome residents argued that the new "
        "schedule would cut them off from jobs on the mainland, while others welcomed the "
        "later crossing.\n\n")


def shape(name: str, n: int) -> tuple[str, str]:
    if name == "prose":
        return "text", (PARA * (n // len(PARA) + 1))[:n]
    if name == "quote marks":
        return "text", ("He said " + '"' * n)[:n]
    if name == "no full stops":
        return "text", ("word and Okafor said " * (n // 21 + 1))[:n]
    if name == "one-letter words":
        return "text", ("x " * (n // 2 + 1))[:n]
    if name == "quotes everywhere":
        return "text", (' "Maya" said "Ann" x' * (n // 20 + 1))[:n]
    if name == "embeds":
        return "html", "".join(
            f"<p>Paragraph {i} of the story goes on here.</p><blockquote class=\"twitter-tweet\">"
            f"<p>Post {i} says a thing.</p>&mdash; N (@n{i}) <a href=\"https://twitter.com/n/"
            f"status/{i + 100}\">May 1, 2020</a></blockquote>" for i in range(n // 200))
    if name == "nested blockquotes":
        k = n // 45
        return "html", ("<p>An intro paragraph of the story.</p>"
                        + '<blockquote class="twitter-tweet"><p>x</p>' * k
                        + "&mdash; A (@a) May 1, 2020" + "</blockquote>" * k)
    if name == "many attributes":
        return "html", ("<p " + " ".join(f'a{i}="v"' for i in range(n // 9))
                        + ">The only text of the page.</p>")
    raise KeyError(name)


SHAPES = ["prose", "quote marks", "no full stops", "one-letter words", "quotes everywhere",
          "embeds",
          "nested blockquotes", "many attributes"]


def child(name: str) -> dict:
    import resource
    import time

    from echoscope import build_pipeline, load_settings
    from echoscope.errors import EchoscopeError
    from echoscope.readers import RawInput, to_doc

    settings = load_settings()
    pipeline = build_pipeline(settings)
    limit = (settings.get("analysis.max_chars") if shape(name, 10)[0] == "text"
             else settings.max_bytes)

    refused = []

    def run(n: int) -> tuple[float, int]:
        kind, text = shape(name, n)
        data = text.encode()[: settings.max_bytes]
        t0 = time.perf_counter()
        try:
            doc = to_doc(RawInput(name, kind, data), settings)
            pipeline(doc)
        except EchoscopeError as exc:  # E402 over analysis.max_chars, E305 no text: by design
            refused.append(exc.code)
            return time.perf_counter() - t0, 0
        return time.perf_counter() - t0, len(doc.text)

    run(2_000)  # load every model
    base_s, base_chars = run(10_000)
    refused.clear()
    loaded = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    big_s, big_chars = run(limit)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    ratio = ((big_s / max(big_chars, 1)) / (base_s / max(base_chars, 1))
             if big_chars and base_chars else None)
    return {"shape": name, "input": limit, "chars_read": big_chars,
            "refused": refused[0] if refused else None,
            "seconds": round(big_s, 1), "peak_rss_mb": round(peak),
            "rss_after_models_mb": round(loaded),
            "per_char_ratio_vs_10k": round(ratio, 2) if ratio is not None else None}


def main(names: list[str]) -> list[dict]:
    out = []
    env = {**os.environ, "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1",
           "MKL_NUM_THREADS": "1"}
    for name in names:
        proc = subprocess.run([sys.executable, __file__, "--child", name], env=env,
                              capture_output=True, text=True, timeout=1800)
        if proc.returncode != 0:
            out.append({"shape": name, "error": proc.stderr[-500:]})
        else:
            out.append(json.loads(proc.stdout.strip().splitlines()[-1]))
        print(json.dumps(out[-1]), flush=True)
    return out


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        print(json.dumps(child(sys.argv[2])))
    else:
        results = main(sys.argv[1:] or SHAPES)
        target = Path(__file__).parent / "results" / "limits.json"
        earlier = json.loads(target.read_text("utf-8")) if target.exists() else []
        merged = {r["shape"]: r for r in [*earlier, *results]}  # a rerun replaces its shape
        target.write_text(json.dumps([merged[k] for k in SHAPES if k in merged], indent=1)
                          + "\n", "utf-8")
