"""Text a page shows its visitors but not its markup: script-written addresses, data attributes, reversed text.

``ner.html`` asks this module, element by element, whether an element stands for text that only a browser
would produce, and gets back ``Revealed`` text and links to add in its place:

- inline ``<script>`` that writes (``ner.scripts`` evaluates a safe subset, never runs page code);
- ``href="javascript:..."`` and ``onclick`` handlers that set a ``mailto:`` location;
- addresses split into data attributes (``data-user`` + ``data-domain`` [+ ``data-tld``]) or kept
  base64-encoded in one, joined by a page script or CSS ``attr()``;
- text written backwards and shown right-to-left by ``unicode-bidi: bidi-override; direction: rtl``
  (inline style or a class rule in a ``<style>`` block) or a ``<bdo dir="rtl">``.
"""

from __future__ import annotations

import base64
import binascii
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from lxml import etree
from lxml import html as lxml_html

from ner.deobfuscate import normalize_email
from ner.markup import text_content
from ner.scripts import ScriptContext, collect_functions, javascript_href, script_output

log = logging.getLogger(__name__)

_SCRIPT_TYPES = frozenset({"", "text/javascript", "application/javascript", "module", "text/ecmascript"})
_RTL_RULE = re.compile(r"([^{}]+)\{([^}]*)\}")
_CLASS_SELECTOR = re.compile(r"\.([\w-]+)\s*$")
_LOCAL_ATTRS = ("user", "username", "name", "local", "mailbox", "box", "account", "mail", "u", "n", "l")
_DOMAIN_ATTRS = ("domain", "dom", "host", "d", "site", "server")
_TLD_ATTRS = ("tld", "ext", "suffix", "t")
_BASE64 = re.compile(r"^[A-Za-z0-9+/]{8,200}={0,2}$")
_LOCAL_PART = re.compile(r"^[\w.!#$%&'*+=?^`~-]{1,64}$")


@dataclass(frozen=True, slots=True)
class Revealed:
    """Text to add where an element stands, and links (``mailto:`` hrefs) to record with it."""

    text: str = ""
    hrefs: tuple[str, ...] = ()


@dataclass(slots=True)
class PageSecrets:
    """What the whole page tells about its hiding tricks: script helpers and right-to-left classes."""

    scripts: ScriptContext = field(default_factory=ScriptContext)
    rtl_classes: frozenset[str] = frozenset()

    @classmethod
    def read(cls, root: etree._Element) -> PageSecrets:
        sources = [s.text for s in root.iter("script") if s.text and _is_javascript(s)]
        styles = " ".join(s.text or "" for s in root.iter("style"))
        return cls(scripts=collect_functions(sources), rtl_classes=_rtl_classes(styles))

    def script(self, element: etree._Element) -> Revealed | None:
        """What an inline script writes, if anything."""
        if not element.text or not _is_javascript(element):
            return None
        return _revealed(script_output(element.text, self.scripts))

    def handler(self, tag: str, attributes: Mapping[str, str]) -> Revealed | None:
        """A ``javascript:`` href or ``onclick`` handler (among an element's ``attributes``) that yields a
        ``mailto:`` target."""
        href = attributes.get("href", "") if tag in ("a", "area") else ""
        outputs: list[str] = []
        if href[:11].casefold() == "javascript:":
            outputs += javascript_href(href, self.scripts)
        if attributes.get("onclick"):
            outputs += javascript_href(attributes.get("onclick", ""), self.scripts)
        return _revealed(outputs) if outputs else None

    def reversed_text(self, element: etree._Element, tag: str, attributes: Mapping[str, str]) -> str | None:
        """The text of an element (with these ``attributes``) displayed right-to-left with bidi override, in
        reading order."""
        raw_style = attributes.get("style") or ""
        if not self.rtl_classes and tag != "bdo" and "rtl" not in raw_style:
            return None
        style = re.sub(r"\s+", "", raw_style.casefold())
        classes = set((attributes.get("class") or "").split())
        inline = "direction:rtl" in style and "bidi-override" in style
        bdo = tag == "bdo" and (attributes.get("dir") or "").casefold() == "rtl"
        if not (inline or bdo or classes & self.rtl_classes):
            return None
        return text_content(element)[::-1]


def data_address(attributes: Mapping[str, str]) -> str | None:
    """An address kept in an element's data attributes: split into user/domain(/tld) parts, or base64 in one
    value."""
    data = {key[5:].casefold().replace("_", "-"): value.strip() for key, value in attributes.items()
            if key.startswith("data-") and value}
    if not data:
        return None
    local = next((data[k] for k in _attr_names(_LOCAL_ATTRS) if k in data), None)
    domain = next((data[k] for k in _attr_names(_DOMAIN_ATTRS) if k in data), None)
    if local and domain and _LOCAL_PART.match(local):
        tld = next((data[k] for k in _attr_names(_TLD_ATTRS) if k in data), "")
        host = f"{domain}.{tld.lstrip('.')}" if tld and not domain.endswith(tld) else domain
        address = normalize_email(f"{local}@{host.lstrip('@')}")
        if address:
            return address
    for value in data.values():
        if "@" in value and len(value) < 120:
            address = normalize_email(value.removeprefix("mailto:")) or normalize_email(value[::-1])
            if address:
                return address
        if _BASE64.match(value):
            try:
                decoded = base64.b64decode(value, validate=True).decode("ascii")
            except (binascii.Error, ValueError, UnicodeDecodeError):
                continue
            address = normalize_email(decoded.removeprefix("mailto:"))
            if address:
                return address
    return None


def joomla_address(attributes: Mapping[str, str]) -> str | None:
    """The address of Joomla 4's cloaking element (``<joomla-hidden-mail first="…" last="…">``): its local part and
    domain, each base64-encoded."""
    try:
        local, domain = (base64.b64decode(attributes.get(key, ""), validate=True).decode("utf-8")
                         for key in ("first", "last"))
    except (binascii.Error, ValueError, UnicodeDecodeError):
        return None
    return normalize_email(f"{local}@{domain}") if local and domain else None


def base_href(root: etree._Element) -> str | None:
    """The ``<base href>`` of the page (HTML's document base URL), if absolute http(s)."""
    for base in root.iter("base"):
        href = (base.get("href") or "").strip()
        if href.startswith(("http://", "https://")):
            return href
    return None


def _revealed(outputs: list[str]) -> Revealed | None:
    texts: list[str] = []
    hrefs: list[str] = []
    for output in outputs:
        if output.casefold().startswith("mailto:"):
            hrefs.append(output)
            continue
        if "<" in output:
            try:
                fragment = lxml_html.fragment_fromstring(output, create_parent="div")
            except (etree.ParserError, ValueError):
                texts.append(output)
                continue
            hrefs += [a.get("href", "") for a in fragment.iter("a") if a.get("href")]
            texts.append(fragment.text_content())
        else:
            texts.append(output)
    text = " ".join(t.strip() for t in texts if t.strip())
    return Revealed(text=text, hrefs=tuple(hrefs)) if text or hrefs else None


def _is_javascript(element: etree._Element) -> bool:
    return (element.get("type") or "").strip().casefold() in _SCRIPT_TYPES


def _rtl_classes(styles: str) -> frozenset[str]:
    """Classes whose CSS rule reverses text (``unicode-bidi: bidi-override`` with ``direction: rtl``)."""
    if "bidi-override" not in styles:
        return frozenset()
    classes: set[str] = set()
    for selectors, body in _RTL_RULE.findall(styles):
        compact = re.sub(r"\s+", "", body.casefold())
        if "bidi-override" in compact and "direction:rtl" in compact:
            for selector in selectors.split(","):
                match = _CLASS_SELECTOR.search(selector.strip())
                if match:
                    classes.add(match[1])
    return frozenset(classes)


def _attr_names(names: tuple[str, ...]) -> list[str]:
    """``user`` also as ``email-user``, ``mail-user`` ...: the common spellings of split-address attributes."""
    return [*names, *(f"{prefix}-{name}" for prefix in ("email", "mail", "e") for name in names)]
