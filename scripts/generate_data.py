"""Write a synthetic data directory with N money rows (and events in proportion), for benchmarks.

Usage: python -m scripts.generate_data OUT_DIR N [--seed S]
The result is valid against data/datapackage.yaml: the bundled vocabularies, actors and source are
copied, and rows are drawn with a realistic spread over recipients, kinds, statuses and years
(some periods open, some missing, some qualifiers vague). Seeded, so runs are repeatable.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

import numpy as np
import pandas as pd

REPO_ROOT = Path(__file__).resolve().parents[1]
DATA = REPO_ROOT / "data"
COPIED = ["datapackage.yaml", "translations.csv", "sources.csv", "actors.csv", "memberships.csv", "statuses.csv",
          "flow_kinds.csv", "categories.csv", "figures.csv", "principles.csv"]  # fmt: skip
EVENTS_PER_MONEY_ROW = 0.1


def generate(out: Path, rows: int, seed: int = 7) -> None:
    rng = np.random.default_rng(seed)
    out.mkdir(parents=True, exist_ok=True)
    for name in COPIED:
        shutil.copyfile(DATA / name, out / name)
    actors = pd.read_csv(DATA / "actors.csv", dtype=str, keep_default_na=False)
    codes = actors["code"].to_numpy()
    # Central Asia gets most rows, as an aid-activity export about the region would.
    weights = np.where(actors["role"] == "central_asia", 6.0, 1.0)
    weights = weights / weights.sum()
    money = _money(rng, rows, codes, weights)
    events = _events(rng, max(1, int(rows * EVENTS_PER_MONEY_ROW)), codes, weights)
    # In the bundled files' column order, with their other columns (a meeting's city, say) empty.
    for name, frame in (("money", money), ("events", events)):
        header = (DATA / f"{name}.csv").read_text(encoding="utf-8").splitlines()[0].split(",")
        frame.reindex(columns=header, fill_value="").to_csv(out / f"{name}.csv", index=False)
    _evidence(rng, money["flow_id"], events["event_id"]).to_csv(out / "evidence.csv", index=False)


def _evidence(rng: np.random.Generator, flow_ids: pd.Series, event_ids: pd.Series) -> pd.DataFrame:
    """The bundled evidence of the copied tables (figures, principles), and one row per generated fact."""
    bundled = pd.read_csv(DATA / "evidence.csv", dtype=str, keep_default_na=False)
    kept = bundled[bundled["resource"].isin(["figures", "principles"])]
    generated = [
        pd.DataFrame(
            {
                "resource": resource,
                "key": ids.to_numpy(),
                "source_id": "usubaliev_2020",
                "quote": "synthetic row for benchmarks",
                "locator": np.char.add("¶", rng.integers(3, 24, len(ids)).astype(str)),
                "gloss": "",
                "note": "",
            }
        )
        for resource, ids in (("money", flow_ids), ("events", event_ids))
    ]
    return pd.concat([kept, *generated], ignore_index=True)


def _money(rng: np.random.Generator, n: int, codes: np.ndarray, weights: np.ndarray) -> pd.DataFrame:
    start = rng.integers(1954, 2020, n)
    length = rng.integers(0, 15, n)
    end = np.minimum(start + length, 2020)
    period = rng.choice(["closed", "open", "none"], n, p=[0.8, 0.05, 0.15])
    kind = rng.choice(["aid", "contribution", "investment"], n, p=[0.6, 0.1, 0.3])
    status = rng.choice(["realised", "agreed", "contracts_signed"], n, p=[0.7, 0.2, 0.1])
    qualifier = rng.choice(["", "approximately", "some", "more than"], n, p=[0.7, 0.2, 0.05, 0.05])
    amount = (rng.lognormal(17, 2, n)).astype(np.int64)
    words = np.array(["Grant for", "Loan to", "Investment in", "Agreement with", "Contract in"])
    return pd.DataFrame(
        {
            "flow_id": [f"G{i:08d}" for i in range(n)],
            "donor_code": "JPN",
            "recipient_code": rng.choice(codes, n, p=weights),
            "location_code": "",
            "amount": amount,
            "currency": "USD",
            "qualifier": qualifier,
            "year_start": np.where(period == "none", "", start.astype(str)),
            "year_end": np.where(period == "closed", end.astype(str), ""),
            "kind": kind,
            "status": status,
            "description": np.char.add(rng.choice(words, n), " a synthetic project"),
            "note": "",
        }
    )


def _events(rng: np.random.Generator, n: int, codes: np.ndarray, weights: np.ndarray) -> pd.DataFrame:
    categories = pd.read_csv(DATA / "categories.csv")["category"].to_numpy()
    start = rng.integers(1951, 2021, n)
    span = rng.random(n) < 0.1
    dated = rng.random(n) < 0.95
    end = np.where(span, np.minimum(start + rng.integers(1, 6, n), 2021), start)
    first = rng.choice(codes, n, p=weights)
    second = rng.choice(codes, n, p=weights)
    countries = np.where(first == second, first, np.char.add(np.char.add(first.astype(str), ";"), second.astype(str)))
    return pd.DataFrame(
        {
            "event_id": [f"S{i:08d}" for i in range(n)],
            "year_start": np.where(dated, start.astype(str), ""),
            "year_end": np.where(dated, end.astype(str), ""),
            "date_precision": np.where(~dated, "not_stated", np.where(span, "span", "year")),
            "category": rng.choice(categories, n),
            "countries": countries,
            "title": np.char.add("Synthetic event ", np.arange(n).astype(str)),
            "description": "A synthetic event for benchmarks.",
        }
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("rows", type=int)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    generate(args.out, args.rows, args.seed)
    print(f"wrote {args.out} with {args.rows:,} money rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
