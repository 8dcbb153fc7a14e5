"""Sanity check for the bench/blind9 ground truth (adapted from bench/blind/check_blind.py): every JSON parses, every expected
name, title, email and phone can be traced to the HTML text (after entity decoding),
and (if the phonenumbers package is importable) every phone/fax is a valid number
for the page's country."""
import glob, html, json, os, re, sys

try:
    import phonenumbers
except ImportError:
    phonenumbers = None

CC = {"44": "0", "1": "", "61": "0", "353": "0", "49": "0", "43": "0", "41": "0", "33": "0",
      "32": "0", "34": "", "39": "", "31": "0", "45": "", "48": "",
      "64": "0", "351": "", "46": "0", "27": "0", "56": "", "55": "", "358": "0", "420": "", "352": "", "52": ""}   # national prefix to restore
REGION = {"uk": "GB", "us": "US", "au": "AU", "ie": "IE", "de": "DE", "at": "AT", "ch": "CH",
          "fr": "FR", "be": "BE", "es": "ES", "it": "IT", "nl": "NL", "dk": "DK", "pl": "PL",
          "ca": "CA", "nz": "NZ", "pt": "PT", "se": "SE", "za": "ZA", "cl": "CL", "br": "BR",
          "fi": "FI", "cz": "CZ", "lu": "LU", "mx": "MX"}

def national(e164):
    d = e164.lstrip("+")
    for cc in sorted(CC, key=len, reverse=True):
        if d.startswith(cc):
            return CC[cc] + d[len(cc):]
    raise ValueError(e164)

errors = 0
here = os.path.dirname(os.path.abspath(__file__))
files = sorted(glob.glob(os.path.join(here, "*.json")))
for jf in files:
    base = os.path.basename(jf)
    def fail(msg):
        global errors
        errors += 1
        print(f"{base}: {msg}")
    data = json.load(open(jf, encoding="utf-8"))
    hf = jf[:-5] + ".html"
    raw = open(hf, encoding="utf-8").read()
    size = len(raw.encode("utf-8"))
    if not 1500 <= size <= 3500:
        fail(f"html size {size} outside 1.5-3.5 KB")
    text = html.unescape(raw).replace("\xa0", " ")
    flat = re.sub(r"\s+", " ", text)
    # names split across inline tags (<span>First</span> <span>Last</span>) are found in
    # the tag-stripped text
    bare = re.sub(r"\s+", " ", re.sub(r"<[^>]*>", "", text))
    digits = re.sub(r"\D", "", text)
    region = REGION[base.split("-")[0]]
    assert data["url"].startswith("https://")
    dom = re.sub(r"^www\.", "", data["url"].split("/")[2])
    names = [c.get("name") for c in data["contacts"]]
    if names.count(None) > 1:
        fail("more than one company entry")
    if len(set(n for n in names if n)) != len([n for n in names if n]):
        fail("duplicate person")
    for c in data["contacts"]:
        extra = set(c) - {"name", "title", "emails", "phones", "fax"}
        if extra:
            fail(f"unknown keys {extra}")
        n = c.get("name")
        if n is not None and n not in flat and n not in bare:
            fail(f"name not found: {n}")
        t = c.get("title")
        if t is not None and t not in flat and t not in bare:
            fail(f"title not found: {t}")
        if n is None and t is not None:
            fail(f"company entry with a title: {c}")   # a person may lack a title
        for e in c.get("emails", []):
            local, d = e.split("@")
            if not d.endswith(dom) and not d.startswith("pec."):   # Italian PEC mailbox
                fail(f"email off-domain: {e}")
            stem, tld = d.rsplit(".", 1)
            forms = [e, f"{local} [at] {stem} [dot] {tld}", f"{local} (at) {d}", f"{local}(at){d}",
                     f"{local} [at] {d.replace('.', ' [dot] ')}"]
            if not any(f in flat for f in forms):
                fail(f"email not found: {e}")
        for key in ("phones", "fax"):
            for p in c.get(key, []):
                if not re.fullmatch(r"\+[1-9]\d{7,14}", p):
                    fail(f"bad E.164: {p}")
                # national form or international form
                if national(p) not in digits and p[1:] not in digits:
                    fail(f"{key} not found: {p}")
                if phonenumbers is not None:
                    num = phonenumbers.parse(p)
                    if not (phonenumbers.is_valid_number(num)
                            and phonenumbers.is_valid_number_for_region(num, region)):
                        fail(f"{key} not valid for {region}: {p}")
print("errors:", errors, "" if phonenumbers else "(phonenumbers not installed: validity not checked)")
n = sum(len([c for c in json.load(open(f, encoding="utf-8"))["contacts"] if c.get("name")]) for f in files)
m = sum(len(json.load(open(f, encoding="utf-8"))["contacts"]) for f in files)
print(f"pages: {len(files)}, named contacts: {n}, contact entries incl. company: {m}")
sys.exit(1 if errors else 0)
