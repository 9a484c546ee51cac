"""Regenerate sales.csv, the showcase spec's small data set (fixed seed, deterministic)."""

import csv
import random
from pathlib import Path

REGIONS = {"华东": 1.0, "华南": 0.8, "华北": 0.6}
CHANNELS = {"线上": 1.2, "门店": 0.7, "分销": 0.4}
SEASON = [0.8, 0.7, 0.9, 0.9, 1.0, 1.4, 0.9, 0.9, 1.0, 1.1, 1.6, 1.2]


def main() -> None:
    rng = random.Random(7)
    rows = []
    for year, growth in ((2024, 1.0), (2025, 1.18)):
        for month in range(1, 13):
            for region, r in REGIONS.items():
                for channel, c in CHANNELS.items():
                    sales = 1_000_000 * r * c * SEASON[month - 1] * growth * rng.uniform(0.9, 1.1)
                    orders = int(sales / rng.uniform(180, 220))
                    rows.append([f"{year}-{month:02d}-01", region, channel, round(sales, 2), orders])
    out = Path(__file__).with_name("sales.csv")
    with out.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["date", "region", "channel", "sales", "orders"])
        writer.writerows(rows)


if __name__ == "__main__":
    main()
