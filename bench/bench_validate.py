"""Validation benchmark: the fake-name detector on held-out data, `validate --no-dns` throughput, DNS with the cache.

    .venv/bin/python bench/bench_validate.py           # everything (a few minutes on 2 cores)
    .venv/bin/python bench/bench_validate.py --quick   # 3 folds, 5,000 rows

1. Fake names. 10 folds split by language (Faker's ~50 languages; de_DE, de_AT, de_CH... are one
   language) and by keyboard-mash family: each fold's model is trained (validation/train_names.fit)
   without the fold's languages and mash family, then measured on them. Token level (one name field)
   and name level ("Given Family": both fields mashed, or one real and one mashed). Also the shipped
   model on bench/data/world_names.txt, real names from ~60 cultures collected by hand.
2. Throughput of `validate --no-dns` (in-process, and the CLI as a subprocess) on synthetic lead rows
   against the floor: email-validator + phonenumbers alone on the same rows.
3. DNS: domain verdicts per second against the loopback DNS server (tests/dnsserver.py), without the
   cache (every domain new) and with it (a lead list repeats domains), one run each.
"""

from __future__ import annotations

import argparse
import csv
import io
import random
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rich.console import Console  # noqa: E402
from rich.progress import Progress  # noqa: E402
from rich.table import Table  # noqa: E402

from validation import names as name_checks  # noqa: E402
from validation.train_names import MASH_PER_FAMILY, fit, folds, mash, real_names_by_language  # noqa: E402

console = Console(stderr=True)
out = Console()
KEYBOARD_FAMILIES = ("azerty_walk", "chunk_repeat", "home_hammer", "qwerty_walk", "qwertz_walk", "row_roll",
                     "two_hands")


def fake_names(k: int) -> None:
    names = real_names_by_language()
    token_fp, token_real, family_hits, family_total = 0, 0, Counter(), Counter()
    name_fp, name_real = 0, 0
    both_hits, one_hits, name_fake = Counter(), Counter(), Counter()
    rng = random.Random(11)
    with Progress(console=console) as progress:
        task = progress.add_task("held-out folds", total=k)
        for fold in folds(names, 10)[:k]:
            model = fit({language: names[language] for language in fold.train_languages},
                        {family: mash(family, MASH_PER_FAMILY) for family in fold.train_families})
            seen = {w for language in fold.train_languages for w in names[language]}
            held_out = {language: sorted(names[language] - seen) for language in fold.test_languages}
            for language, words in held_out.items():
                for word in words:
                    token_real += 1
                    token_fp += name_checks._judge_token(word.capitalize(), model)[0] > model.threshold
                for _ in range(min(400, len(words))):
                    full = f"{rng.choice(words).capitalize()} {rng.choice(words).capitalize()}"
                    name_real += 1
                    name_fp += name_checks.check_name(full, model=model).fake
            all_real = [w for words in held_out.values() for w in words]
            for family in fold.test_families:
                tokens = [w for w in mash(family, 2000, seed=7) if w not in seen]
                for word in tokens:
                    family_total[family] += 1
                    family_hits[family] += name_checks._judge_token(word.capitalize(), model)[0] > model.threshold
                for a, b in zip(tokens[::2], tokens[1::2]):
                    name_fake[family] += 1
                    both_hits[family] += name_checks.check_name(f"{a.capitalize()} {b.capitalize()}", model=model).fake
                    one = f"{rng.choice(all_real).capitalize()} {a.capitalize()}" if all_real else a.capitalize()
                    one_hits[family] += name_checks.check_name(one, model=model).fake
            progress.advance(task)
    keyboard_hits = sum(family_hits[f] for f in KEYBOARD_FAMILIES)
    keyboard_total = sum(family_total[f] for f in KEYBOARD_FAMILIES)
    world = [line.strip() for line in (ROOT / "bench" / "data" / "world_names.txt").read_text(encoding="utf-8")
             .splitlines() if line.strip() and not line.startswith("#")]
    world_fp = [n for n in world if name_checks.check_name(n).fake]
    table = Table("fake-name detector (held out by language and mash family)", "value", title="1. Fake names")
    table.add_row(f"folds x languages", f"{k} folds, {sum(len(f.test_languages) for f in folds(names, 10)[:k])} "
                  "held-out languages")
    table.add_row("token recall, keyboard mash (7 families)", f"{keyboard_hits / max(1, keyboard_total):.4f} "
                  f"({keyboard_hits}/{keyboard_total})")
    for family in sorted(family_total):
        table.add_row(f"  {family}", f"{family_hits[family] / family_total[family]:.4f}")
    table.add_row("token false positives, held-out real names", f"{token_fp / max(1, token_real):.4f} "
                  f"({token_fp}/{token_real})")
    kb_names = sum(name_fake[f] for f in KEYBOARD_FAMILIES)
    for label, hits in (("both fields mashed", both_hits), ("one field mashed, one real", one_hits)):
        table.add_row(f"name recall, {label} (keyboard families)",
                      f"{sum(hits[f] for f in KEYBOARD_FAMILIES) / max(1, kb_names):.4f}")
        table.add_row(f"  {label}: uniform_random letters",
                      f"{hits['uniform_random'] / max(1, name_fake['uniform_random']):.4f}")
    table.add_row("name false positives, held-out real names", f"{name_fp / max(1, name_real):.4f} "
                  f"({name_fp}/{name_real})")
    table.add_row("shipped model: false positives, world_names.txt", f"{len(world_fp) / len(world):.4f} "
                  f"({len(world_fp)}/{len(world)}: {', '.join(world_fp)})")
    out.print(table)


def lead_rows(n: int, seed: int = 3) -> list[dict[str, str]]:
    """Synthetic lead rows: Faker people at companies, some on free mail, some mashed or broken."""
    from faker import Faker

    # One locale per row, so name, phone and domain agree the way a real lead's do.
    fakers = [(Faker(locale), locale[-2:]) for locale in ("en_US", "en_GB", "de_DE", "fr_FR")]
    Faker.seed(seed)
    rng = random.Random(seed)
    rows = []
    for _ in range(n):
        fake, country = rng.choice(fakers)
        first, last = fake.first_name(), fake.last_name()
        domain = fake.domain_name()
        local = f"{first}.{last}".lower().replace(" ", "")
        kind = rng.random()
        email = f"{local}@{domain}" if kind < 0.6 else f"{local}@gmail.com" if kind < 0.8 else \
            f"info@{domain}" if kind < 0.9 else "asdf@@x"
        if rng.random() < 0.1:
            first, last = "Asdfg", "Hjklj"
        rows.append({"first_name": first, "last_name": last, "email": email, "phone": fake.phone_number(),
                     "company": fake.company(), "website": f"https://www.{domain}/", "country": country})
    return rows


def throughput(n: int) -> None:
    import phonenumbers
    from email_validator import EmailNotValidError, validate_email

    from validation.batch import ValidateOptions
    from validation.phones import check_phone
    from validation.run import validate_file

    rows = lead_rows(n)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "leads.csv"
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
        start = time.perf_counter()
        for row in rows:
            try:
                validate_email(row["email"], check_deliverability=False)
            except EmailNotValidError:
                pass
            try:
                phonenumbers.is_valid_number(phonenumbers.parse(row["phone"], row["country"]))
            except phonenumbers.NumberParseException:
                pass
        floor = n / (time.perf_counter() - start)
        # Cold caches: the per-run caches (names, phones) must earn their keep within this one run.
        name_checks._judge_token.cache_clear()
        check_phone.cache_clear()
        start = time.perf_counter()
        summary = validate_file(path, io.StringIO(), options=ValidateOptions(dns=None))
        in_process = n / (time.perf_counter() - start)
        start = time.perf_counter()
        cli = subprocess.run([str(Path(sys.executable).parent / "leadscout"), "validate", str(path), "--no-dns",
                              "--out", str(Path(tmp) / "out.csv")], capture_output=True, text=True)
        cli_rate = n / (time.perf_counter() - start)
        if cli.returncode:
            raise SystemExit(cli.stderr)
    table = Table("throughput", "rows/s", "vs floor", title=f"2. validate --no-dns on {n:,} rows")
    table.add_row("floor: email-validator + phonenumbers alone", f"{floor:,.0f}", "1.00")
    table.add_row("validate_file (in-process, all checks + clustering)", f"{in_process:,.0f}", f"{in_process / floor:.2f}")
    table.add_row("leadscout validate --no-dns (subprocess, start-up included)", f"{cli_rate:,.0f}",
                  f"{cli_rate / floor:.2f}")
    table.add_row("verdicts", str(summary.verdicts), f"clustering: {summary.clustering}")
    out.print(table)


def dns_rates(domains: int, addresses: int) -> None:
    from tests.dnsserver import Zone, dns_server
    from validation.deliverability import DnsOptions, DomainChecker
    from validation.emails import check_email

    names = [f"company{i}.com" for i in range(domains)]
    zone = Zone(mx={name: [(10, f"mx.{name}")] for name in names})
    rng = random.Random(5)
    # A lead list repeats domains: a few big ones, a long tail (Zipf-like draw).
    weights = [1 / (rank + 1) for rank in range(domains)]
    picks = rng.choices(names, weights=weights, k=addresses)
    with dns_server(zone, ttl=300) as server:
        cold = DomainChecker(DnsOptions(nameserver=server, workers=1))
        start = time.perf_counter()
        for name in names:
            cold.check(name)
        uncached = domains / (time.perf_counter() - start)
        pooled = DomainChecker(DnsOptions(nameserver=server, workers=16))
        start = time.perf_counter()
        pooled.prefetch(names)
        concurrent = domains / (time.perf_counter() - start)
        warm = DomainChecker(DnsOptions(nameserver=server))
        start = time.perf_counter()
        for pick in picks:
            check_email(f"jane@{pick}", dns=warm)
        cached = addresses / (time.perf_counter() - start)
        lookups = warm.lookups
    # A real resolver is a network round trip away: the same server with 10 ms added to every answer.
    slow_names = names[: domains // 4]
    zone.delays = dict.fromkeys(slow_names, 0.01)
    with dns_server(zone, ttl=300) as server:
        one = DomainChecker(DnsOptions(nameserver=server, workers=1))
        start = time.perf_counter()
        one.prefetch(slow_names)
        slow_one = len(slow_names) / (time.perf_counter() - start)
        many = DomainChecker(DnsOptions(nameserver=server, workers=16))
        start = time.perf_counter()
        many.prefetch(slow_names)
        slow_many = len(slow_names) / (time.perf_counter() - start)
    table = Table("DNS against the loopback server", "per second", "ratio", title="3. DNS deliverability")
    table.add_row(f"uncached, one at a time ({domains:,} new domains)", f"{uncached:,.0f}", "1.00")
    table.add_row("uncached, 16 in flight (prefetch)", f"{concurrent:,.0f}", f"{concurrent / uncached:.2f}")
    table.add_row(f"with the cache: {addresses:,} addresses over {lookups:,} domains (check_email)",
                  f"{cached:,.0f}", f"{cached / uncached:.2f}")
    table.add_row(f"10 ms per answer, one at a time ({len(slow_names):,} domains)", f"{slow_one:,.0f}", "1.00")
    table.add_row("10 ms per answer, 16 in flight", f"{slow_many:,.0f}", f"{slow_many / slow_one:.2f}")
    out.print(table)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="3 folds, 5,000 rows, 500 domains")
    args = parser.parse_args()
    fake_names(3 if args.quick else 10)
    throughput(5000 if args.quick else 20000)
    dns_rates(500 if args.quick else 2000, 5000 if args.quick else 20000)


if __name__ == "__main__":
    main()
