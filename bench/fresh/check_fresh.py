"""Sanity check for the bench/fresh ground truth: every expected name, title,
email and phone must be traceable to the HTML text (after entity decoding)."""
import glob, html, json, os, re, sys

CC = {"44": "0", "49": "0", "33": "0", "34": "", "39": "", "31": "0",
      "55": "", "1": "", "46": "0", "48": ""}   # national prefix to restore

def national(e164):
    d = e164.lstrip("+")
    for cc in sorted(CC, key=len, reverse=True):
        if d.startswith(cc):
            return CC[cc] + d[len(cc):]
    raise ValueError(e164)

errors = 0
here = os.path.dirname(os.path.abspath(__file__))
for jf in sorted(glob.glob(os.path.join(here, "*.json"))):
    data = json.load(open(jf, encoding="utf-8"))
    hf = jf[:-5] + ".html"
    text = html.unescape(open(hf, encoding="utf-8").read())
    text = text.replace("\xa0", " ")
    flat = re.sub(r"\s+", " ", text)
    digits = re.sub(r"\D", "", text)
    def fail(msg):
        global errors
        errors += 1
        print(f"{os.path.basename(jf)}: {msg}")
    assert data["url"].startswith("https://")
    dom = re.sub(r"^www\.", "", data["url"].split("/")[2])
    for c in data["contacts"]:
        n = c.get("name")
        if n is not None:
            parts = n.split()
            inverted = [" ".join(parts[i:]) + ", " + " ".join(parts[:i]) for i in range(1, len(parts))]
            if n not in flat and not any(v in flat for v in inverted):
                fail(f"name not found: {n}")
        t = c.get("title")
        if t is not None and t not in flat:
            fail(f"title not found: {t}")
        if (t is None) != (n is None):
            fail(f"name/title mismatch: {c}")
        for e in c.get("emails", []):
            local, d = e.split("@")
            if not d.endswith(dom):
                fail(f"email off-domain: {e}")
            stem, tld = d.rsplit(".", 1)
            forms = [e, f"{local} [at] {stem} [dot] {tld}", f"{local} (at) {d}"]
            if not any(f in flat for f in forms):
                fail(f"email not found: {e}")
        for key in ("phones", "fax"):
            for p in c.get(key, []):
                if not re.fullmatch(r"\+[1-9]\d{7,14}", p):
                    fail(f"bad E.164: {p}")
                if national(p) not in digits:
                    fail(f"{key} not found: {p}")
print("errors:", errors)
n = sum(len([c for c in json.load(open(f))["contacts"] if c.get("name")]) for f in glob.glob(os.path.join(here, "*.json")))
m = sum(len(json.load(open(f))["contacts"]) for f in glob.glob(os.path.join(here, "*.json")))
print(f"named contacts: {n}, contact entries incl. company: {m}")
sys.exit(1 if errors else 0)
