"""The text heads' encoder alone at each precision, and where an int8 pass spends its time.

Over the posts and prose sentences of ``N`` seed-sized articles (as ``classify`` encodes
them), one thread: the shipped text adapters in ``mixed``, wholly in ``int8`` without
smoothing, and in ``int8`` with the artifact's smoothing scales (the default), best of
three passes each, the three alternating in one process. With ``--profile``, onnxruntime's
own profile of one int8 (smoothed) pass: the share of each operator type.

    python benchmarks/experiments/encoder_precisions.py [N] [--profile]
"""

from __future__ import annotations

import collections
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from _corpus import make_article  # noqa: E402
from echoscope import build_pipeline, load_settings  # noqa: E402
from echoscope.analyzers.common import scored_texts  # noqa: E402
from echoscope.ml import encoder as enc  # noqa: E402
from echoscope.readers.text import parse_text  # noqa: E402


def article_texts(n: int) -> list[str]:
    """The distinct posts and prose sentences of ``n`` synthetic articles."""
    settings = load_settings(overrides={"analysis.profile": "full"})
    names = settings.analyzer_names()
    pipeline = build_pipeline(settings, names[:names.index("sentences") + 1])
    texts: list[str] = []
    for i in range(n):
        texts += scored_texts(pipeline(parse_text(make_article(i)[0], f"a{i}")))[1]
    return list(dict.fromkeys(texts))


def op_shares(config: dict, arrays: dict, texts: list[str]) -> dict[str, float]:
    """Share of an int8 (smoothed) pass's kernel time per onnxruntime operator type."""
    import onnxruntime as ort

    adapter = {k: v for k, v in arrays.items() if ".lora_" in k}
    smooth = {k[len(enc.SMOOTH_PREFIX):]: v for k, v in arrays.items()
              if k.startswith(enc.SMOOTH_PREFIX)}
    large: dict = {}
    graph = enc.build_graph(enc.merged_weights(adapter, float(config["lora_scale"])), large,
                            precision="int8", smooth=smooth)
    options = ort.SessionOptions()
    options.intra_op_num_threads = 1
    options.enable_profiling = True
    with tempfile.TemporaryDirectory() as tmp:
        options.profile_file_prefix = str(Path(tmp) / "encoder")
        values = [ort.OrtValue.ortvalue_from_numpy(a) for a in large.values()]
        options.add_external_initializers(list(large), values)
        runner = enc.Encoder()
        runner.session = ort.InferenceSession(graph, options,
                                              providers=["CPUExecutionProvider"])
        runner._run(texts)
        events = json.loads(Path(runner.session.end_profiling()).read_text())
    kinds: collections.Counter = collections.Counter()
    for event in events:
        if event.get("cat") == "Node" and event["name"].endswith("_kernel_time"):
            kinds[event["args"]["op_name"]] += event["dur"]
    total = sum(kinds.values())
    return {k: round(100 * v / total, 1) for k, v in kinds.most_common()}


def main(n: int = 40, profile: bool = False) -> dict:
    texts = article_texts(n)
    config, arrays = enc.load_artifact(enc.ENCODER_DIR / "text")
    encoders = {"mixed": enc.artifact_encoder(config, arrays, "mixed"),
                "int8": enc.artifact_encoder(config, arrays, "int8", smoothed=False),
                "int8_smoothed": enc.artifact_encoder(config, arrays, "int8")}
    best = enc.best_seconds(encoders, texts, 3)
    out = {"articles": n, "texts": len(texts),
           "seconds": {k: round(v, 3) for k, v in best.items()},
           "vs_mixed": {k: round(v / best["mixed"], 3) for k, v in best.items()}}
    if profile:
        out["int8_smoothed_op_shares_percent"] = op_shares(config, arrays, texts)
    return out


if __name__ == "__main__":
    args = [a for a in sys.argv[1:] if a != "--profile"]
    print(json.dumps(main(int(args[0]) if args else 40, "--profile" in sys.argv)))
