"""`leadscout validate` as a user runs it: CSV/JSONL in, the same rows out with verdicts; bad input exits 2."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tests.conftest import run_cli
from tests.dnsserver import dns_server
from tests.validation_support import MailboxHandler, mail_zone, smtp_server

HEADER = "First Name,Last Name,E-Mail,Phone,Company,Website\n"
ROWS = [
    "Jane,Smith,jane.smith@acme.com,+1 201 555 0123,Acme Inc,acme.com\n",
    "Asdf,Qwerty,asdf@gmail.com,,,\n",
    "Li,Wu,li.wu@acme.com,,Acme Inc,acme.com\n",
    "Seán,Ó Súilleabháin,sean@nomail.com,,Nomail Ltd,nomail.com\n",
]


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def csv_rows(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


def test_validate_csv_keeps_every_row_and_adds_verdicts(tmp_path):
    source = write(tmp_path / "leads.csv", HEADER + "".join(ROWS))
    result = run_cli("validate", str(source), "--no-dns")
    assert result.returncode == 0, result.stderr
    rows = csv_rows(result.stdout)
    assert [r["First Name"] for r in rows] == ["Jane", "Asdf", "Li", "Seán"]
    assert list(rows[0])[-4:] == ["verdict", "confidence", "fake_name", "reasons"]
    assert [r["verdict"] for r in rows[:3]] == ["valid", "invalid", "valid"]
    assert [r["fake_name"] for r in rows] == ["false", "true", "false", "false"]
    reasons = json.loads(rows[1]["reasons"])
    assert reasons[0]["code"] == "name_gibberish" and reasons[0]["message"]
    assert 0.0 <= float(rows[0]["confidence"]) <= 1.0
    assert "4 rows" in result.stderr


def test_validate_jsonl_in_and_out_with_lists(tmp_path):
    lines = [{"name": "Jane Smith", "emails": ["jane@acme.com", "j.smith@acme.com"], "company": "Acme",
              "website": "https://acme.com", "crm_id": 7},
             {"name": "Test Test", "email": "test@example.org"}]
    source = write(tmp_path / "leads.jsonl", "".join(json.dumps(line) + "\n" for line in lines))
    result = run_cli("validate", str(source), "--no-dns")
    assert result.returncode == 0, result.stderr
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert out[0]["crm_id"] == 7 and out[0]["emails"] == lines[0]["emails"]
    assert out[0]["verdict"] == "valid" and out[1]["verdict"] == "invalid" and out[1]["fake_name"] is True
    assert {"code", "message"} == set(out[1]["reasons"][0])


def test_validate_malformed_rows_are_reported_with_line_numbers_and_kept(tmp_path):
    source = write(tmp_path / "leads.csv", HEADER + ROWS[0] + "Bad,Row,too,many,fields,here,extra\n" + ROWS[2]
                   + "Short,Row\n")
    result = run_cli("validate", str(source), "--no-dns", "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    assert "line 3: 7 fields where the header has 6" in result.stderr
    assert "line 5: 2 fields where the header has 6" in result.stderr
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(out) == 4
    assert out[1]["verdict"] == "invalid" and out[1]["reasons"][0]["code"] == "row_malformed"
    assert out[1]["extra_fields"] == ["extra"]
    assert out[3]["First Name"] == "Short" and out[3]["verdict"] == "invalid"


def test_validate_jsonl_broken_lines_are_kept(tmp_path):
    source = write(tmp_path / "leads.jsonl", '{"name": "Jane Smith", "email": "jane@acme.com"}\n{not json\n[1, 2]\n')
    result = run_cli("validate", str(source), "--no-dns")
    assert result.returncode == 0, result.stderr
    assert "line 2: not JSON" in result.stderr and "line 3: a JSON list, not an object" in result.stderr
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["verdict"] for o in out][1:] == ["invalid", "invalid"] and out[1]["_raw"] == "{not json"


def test_validate_map_overrides_column_detection_and_out_writes_a_file(tmp_path):
    source = write(tmp_path / "leads.csv", "Kontakt,Adresse,Firma\nJane Smith,jane@acme.com,Acme\n")
    target = tmp_path / "checked.csv"
    result = run_cli("validate", str(source), "--no-dns", "--map", "Kontakt=name", "--map", "Adresse=email",
                     "--out", str(target))
    assert result.returncode == 0, result.stderr
    rows = csv_rows(target.read_text(encoding="utf-8"))
    assert rows[0]["verdict"] == "valid" and rows[0]["Kontakt"] == "Jane Smith"
    assert not (tmp_path / "checked.csv.part").exists()


@pytest.mark.parametrize(("args", "message"), [
    (["missing.csv", "--no-dns"], "does not exist"),
    (["{empty}", "--no-dns"], "holds no rows"),
    (["{nocols}", "--no-dns"], "no name, email or phone column"),
    (["{good}", "--no-dns", "--map", "Nope=email"], "not in the file"),
    (["{good}", "--no-dns", "--map", "E-Mail=mail"], "write COL=FIELD"),
    (["{good}", "--no-dns", "--format", "xml"], "unknown --format"),
    (["{good}", "--dns-server", "dns.example"], "IP:PORT"),
    (["{good}", "--no-dns", "--smtp-check"], "needs DNS"),
    (["{good}", "--no-dns", "--region", "XX"], "not a country code"),
])
def test_validate_bad_input_is_one_line_and_exit_2(tmp_path, args, message):
    files = {"{empty}": write(tmp_path / "empty.csv", HEADER), "{nocols}": write(tmp_path / "x.csv", "a,b\n1,2\n"),
             "{good}": write(tmp_path / "good.csv", HEADER + ROWS[0])}
    result = run_cli("validate", *[str(files.get(a, a)) for a in args], cwd=tmp_path)
    assert result.returncode == 2, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("leadscout: error: ") and message in lines[0], lines
    assert result.stdout == ""


def test_validate_with_loopback_dns_and_smtp(tmp_path):
    handler = MailboxHandler(mailboxes={"jane.smith@acme.com"})
    source = write(tmp_path / "leads.csv", HEADER + ROWS[0] + ROWS[2] + ROWS[3]
                   + "Ann,Lee,ann@missing-domain.com,,Gone,missing-domain.com\n")
    with dns_server(mail_zone(), ttl=300) as dns, smtp_server(handler) as port:
        result = run_cli("validate", str(source), "--dns-server", dns, "--smtp-check", "--smtp-port", str(port),
                         "--smtp-interval", "0", "--allow-private", "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    out = {row["First Name"]: row for row in map(json.loads, result.stdout.splitlines())}
    codes = {name: {r["code"] for r in row["reasons"]} for name, row in out.items()}
    assert {"email_deliverable", "email_mailbox_accepted"} <= codes["Jane"]
    assert "email_mailbox_rejected" in codes["Li"] and out["Li"]["verdict"] == "invalid"
    assert "email_null_mx" in codes["Seán"] and out["Seán"]["verdict"] == "invalid"
    assert "email_domain_nxdomain" in codes["Ann"]
    assert handler.data_commands == 0
