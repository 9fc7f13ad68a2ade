"""Write the word lists the subjectivity analyzer ships, derived from ../shared/data/lexicons.

Only lists whose licences allow redistribution with attribution are written (Recasens et al.
2013 bias-related lexicons and the Hu & Liu 2004 opinion lexicon, via the NELA features
package); MPQA (GPL) lists are not. Entries are lower-cased, de-duplicated and sorted.
Run: python scripts/build_lexicons.py [DATA_DIR]
"""

from __future__ import annotations

import sys
from pathlib import Path

LISTS = {
    "bias": "ACL13_DICT.bias_words.txt",
    "hedges": "ACL13_DICT.hedges.txt",
    "assertives": "ACL13_DICT.assertatives.txt",
    "factives": "ACL13_DICT.factives.txt",
    "implicatives": "ACL13_DICT.implicatives.txt",
    "report_verbs": "ACL13_DICT.report_verbs.txt",
    "positive": "ACL13_DICT.positive.txt",
    "negative": "ACL13_DICT.negative.txt",
}


def main(data: Path) -> None:
    src = data / "lexicons" / "nela_features_3.0.1"
    out = Path(__file__).resolve().parents[1] / "src" / "echoscope" / "lexicons"
    out.mkdir(parents=True, exist_ok=True)
    for name, fname in LISTS.items():
        raw = (src / fname).read_text("utf-8", errors="replace").splitlines()
        words = sorted({" ".join(w.lower().split()) for w in raw
                        if w.strip() and not w.lstrip().startswith("#")})
        (out / f"{name}.txt").write_text("\n".join(words) + "\n", "utf-8")
        print(f"{name}: {len(words)}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("../shared/data"))
