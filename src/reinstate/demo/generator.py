"""Write the whole demo dataset: every account's files, `AS_OF` and `manifest.json`."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import numpy as np

from reinstate.demo import amazon_reports, reinstate_files
from reinstate.demo.clock import MarketplaceClock, day_number
from reinstate.demo.defects import MarketplaceDefects, draw_defects
from reinstate.demo.orders import HISTORY_DAYS, MarketplaceOrders, generate_orders
from reinstate.demo.performance import marketplace_metrics, performance_report
from reinstate.demo.plan import ACCOUNTS, AccountPlan, order_counts
from reinstate.demo.text import write_delimited
from reinstate.domain.errors import InputError

MANIFEST = "manifest.json"
AS_OF_FILE = "AS_OF"
MANIFEST_SCHEMA = "reinstate.demo/1"
Progress = Callable[[str, int, int], None]


@dataclass(frozen=True, slots=True)
class DemoFile:
    """One written file: where, what kind, how it is encoded, how many data rows."""

    path: str  # relative to the output folder
    kind: str  # all_orders, feedback, fulfilment, defects, performance
    encoding: str
    rows: int
    marketplace: str = ""


@dataclass(frozen=True, slots=True)
class DemoAccount:
    """One generated account and the story its numbers tell."""

    name: str
    story: str
    summary: str
    marketplaces: tuple[str, ...]
    orders: int


@dataclass(frozen=True, slots=True)
class DemoManifest:
    """What `generate_demo_data` wrote."""

    as_of: date
    seed: int
    orders: int
    accounts: tuple[DemoAccount, ...]
    files: tuple[DemoFile, ...] = field(default=())

    def to_json(self) -> dict[str, Any]:
        """Return the manifest as written to manifest.json."""
        return {
            "schema": MANIFEST_SCHEMA,
            "as_of": self.as_of.isoformat(),
            "seed": self.seed,
            "orders": self.orders,
            "accounts": [asdict(a) | {"marketplaces": list(a.marketplaces)} for a in self.accounts],
            "files": [asdict(f) for f in self.files],
        }


def check_output_folder(out_dir: Path) -> None:
    """Refuse a folder that holds anything but a previous demo output."""
    if not out_dir.exists():
        return
    if not out_dir.is_dir():
        raise InputError(
            f"Cannot write demo data to {out_dir}: it is a file, not a folder. "
            "Name a new or empty folder."
        )
    entries = list(out_dir.iterdir())
    if entries and not _is_previous_demo(out_dir):
        raise InputError(
            f"Cannot write demo data to {out_dir}: the folder is not empty and is not a "
            f"previous demo output (it has no {MANIFEST} written by `reinstate demo-data`). "
            "Name a new or empty folder."
        )


def _is_previous_demo(out_dir: Path) -> bool:
    try:
        manifest = json.loads((out_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(manifest, dict) and manifest.get("schema") == MANIFEST_SCHEMA


def _clear_previous(out_dir: Path) -> None:
    """Remove the files a previous demo run listed, so old and new never mix."""
    manifest = json.loads((out_dir / MANIFEST).read_text(encoding="utf-8"))
    for entry in manifest.get("files", []):
        target = (out_dir / str(entry.get("path", ""))).resolve()
        if target.is_file() and out_dir.resolve() in target.parents:
            target.unlink()
    for account in manifest.get("accounts", []):
        folder = out_dir / str(account.get("name", ""))
        if folder.is_dir() and folder != out_dir and not any(folder.iterdir()):
            folder.rmdir()
    (out_dir / MANIFEST).unlink()
    (out_dir / AS_OF_FILE).unlink(missing_ok=True)


def generate_demo_data(
    out_dir: Path,
    *,
    orders: int = 300_000,
    as_of: date,
    seed: int = 7,
    progress: Progress | None = None,
) -> DemoManifest:
    """Write a realistic, seeded dataset of `orders` orders in Amazon's and Reinstate's formats."""
    if orders < 0:
        raise InputError(f"The number of demo orders must be 0 or more, not {orders}.")
    check_output_folder(out_dir)
    if (out_dir / MANIFEST).exists():
        _clear_previous(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    counts = order_counts(orders)
    steps = sum(2 * len(a.marketplaces) + 3 for a in ACCOUNTS)
    done = 0

    def step(label: str) -> None:
        nonlocal done
        done += 1
        if progress is not None:
            progress(label, done, steps)

    files: list[DemoFile] = []
    accounts: list[DemoAccount] = []
    first_number = 0
    for account_index, account in enumerate(ACCOUNTS):
        folder = out_dir / account.name
        folder.mkdir(exist_ok=True)
        generated: list[tuple[MarketplaceOrders, MarketplaceDefects]] = []
        for plan_index, plan in enumerate(account.marketplaces):
            rng = np.random.default_rng([seed, account_index, plan_index])
            clock = MarketplaceClock.build(
                plan.marketplace, as_of - timedelta(days=HISTORY_DAYS + 10), as_of + timedelta(20)
            )
            count = counts[(account.name, plan.code)]
            mp_orders = generate_orders(
                account, plan, clock, day_number(as_of), count, first_number, rng
            )
            first_number += count
            mp_defects = draw_defects(mp_orders, rng)
            generated.append((mp_orders, mp_defects))
            files.append(_write_orders(folder, mp_orders, seed))
            step(f"{account.name} {plan.code} orders")
            files.append(_write_feedback(folder, mp_orders, mp_defects, seed))
            step(f"{account.name} {plan.code} feedback")
        files.append(_write_fulfilment(folder, generated, seed))
        step(f"{account.name} fulfilment events")
        files.append(_write_defects(folder, generated, seed))
        step(f"{account.name} defect outcomes")
        files.extend(_write_performance(folder, account, generated, as_of, seed, account_index))
        step(f"{account.name} seller performance")
        accounts.append(
            DemoAccount(
                name=account.name,
                story=account.story,
                summary=account.summary,
                marketplaces=tuple(p.code for p in account.marketplaces),
                orders=sum(counts[(account.name, p.code)] for p in account.marketplaces),
            )
        )
    manifest = DemoManifest(as_of, seed, orders, tuple(accounts), tuple(files))
    (out_dir / AS_OF_FILE).write_text(as_of.isoformat() + "\n", encoding="utf-8")
    (out_dir / MANIFEST).write_text(
        json.dumps(manifest.to_json(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    return manifest


def _relative(folder: Path, name: str) -> str:
    return f"{folder.name}/{name}"


def _write_orders(folder: Path, orders: MarketplaceOrders, seed: int) -> DemoFile:
    code = orders.plan.code
    name = f"all-orders-{code}.txt"
    non_amazon = max(2, orders.size // 500) if orders.size else 0
    rows = write_delimited(
        folder / name,
        amazon_reports.orders_header(orders),
        amazon_reports.orders_tables(orders, seed, non_amazon),
        delimiter="\t",
        encoding=orders.plan.encoding,
    )
    return DemoFile(_relative(folder, name), "all_orders", orders.plan.encoding, rows, code)


def _write_feedback(
    folder: Path, orders: MarketplaceOrders, defects: MarketplaceDefects, seed: int
) -> DemoFile:
    code = orders.plan.code
    name = f"seller-feedback-{code}.txt"
    encoding = "utf-8" if orders.plan.encoding == "utf-8-sig" else orders.plan.encoding
    rows = write_delimited(
        folder / name,
        amazon_reports.feedback_header(orders),
        [amazon_reports.feedback_table(orders, defects, seed)],
        delimiter="\t",
        encoding=encoding,
    )
    return DemoFile(_relative(folder, name), "feedback", encoding, rows, code)


def _write_fulfilment(
    folder: Path, generated: list[tuple[MarketplaceOrders, MarketplaceDefects]], seed: int
) -> DemoFile:
    name = "fulfilment-events.txt"
    rows = write_delimited(
        folder / name,
        reinstate_files.fulfilment_header(),
        (reinstate_files.fulfilment_table(o, seed) for o, _ in generated),
        delimiter="\t",
        encoding="utf-8",
    )
    return DemoFile(_relative(folder, name), "fulfilment", "utf-8", rows)


def _write_defects(
    folder: Path, generated: list[tuple[MarketplaceOrders, MarketplaceDefects]], seed: int
) -> DemoFile:
    name = "defect-outcomes.csv"
    rows = write_delimited(
        folder / name,
        reinstate_files.defects_header(),
        (reinstate_files.defects_table(o, d, seed) for o, d in generated),
        delimiter=",",
        encoding="utf-8",
    )
    return DemoFile(_relative(folder, name), "defects", "utf-8", rows)


def _write_performance(
    folder: Path,
    account: AccountPlan,
    generated: list[tuple[MarketplaceOrders, MarketplaceDefects]],
    as_of: date,
    seed: int,
    account_index: int,
) -> list[DemoFile]:
    written = []
    for days_back in account.snapshot_days_back:
        day = as_of - timedelta(days=days_back)
        rng = np.random.default_rng([seed, account_index, 1000 + days_back])
        metrics = [
            marketplace_metrics(o, d, day_number(day), rng, sparse=account.sparse_performance)
            for o, d in generated
        ]
        name = f"seller-performance-{day.isoformat()}.json"
        payload = json.dumps(performance_report(metrics), indent=2) + "\n"
        (folder / name).write_text(payload, encoding="utf-8")
        written.append(DemoFile(_relative(folder, name), "performance", "utf-8", len(metrics)))
    return written
