"""What inline JavaScript writes: the strings email-hiding scripts build, computed without running them.

Sites hide addresses from harvesters with small scripts: ``document.write('<a href="mailto:' + u + '@' +
d + '">')``, ``String.fromCharCode(106, 97, ...)``, ``'moc.emca@nhoj'.split('').reverse().join('')``,
``unescape('%6d%61...')``, ``atob(...)``, a helper ``function mail(user, domain)`` called with the parts,
``onclick="this.href='mailto:'+..."`` and ``href="javascript:location.href=..."``. A browser would run them;
a crawler must never run page code. So the script is parsed (esprima, ECMAScript 2017) and only a pure
subset is *evaluated*: string and number literals, ``+``, variables, arrays and their elements (``u[0]``),
template literals, the string methods above, and calls of the page's own functions (named, or run at once:
``(function(){ … })()``) with those values. Loops, property reads on page objects and everything else evaluate
to nothing; work is capped per script. What the script would write
(``document.write``, ``innerHTML``/``textContent``/``href``/``location`` assignments) is returned.
"""

from __future__ import annotations

import base64
import binascii
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote

import esprima

log = logging.getLogger(__name__)

MAX_SCRIPT_CHARS = 20_000
"""Longer inline scripts are libraries or trackers, not address builders: not parsed."""
MAX_STEPS = 20_000
"""Nodes evaluated per script before giving up (a cost cap; the subset has no loops anyway)."""
MAX_STRING = 10_000
_TRIGGERS = re.compile(r"@|&#0*64;|%40|mailto|fromCharCode|reverse\(|unescape\(|atob\(|decodeURI|\\u0040|\\x40",
                       re.IGNORECASE)
_WRITE_TARGETS = frozenset({"href", "innerHTML", "innerText", "textContent", "outerHTML", "location", "value"})
_STRING_CALLS = frozenset({"split", "reverse", "join", "replace", "replaceAll", "toLowerCase", "toUpperCase",
                           "concat", "trim", "substring", "substr", "slice", "charAt"})


class _Budget(Exception):
    """The script needs more work than ``MAX_STEPS`` allows."""


@dataclass(slots=True)
class ScriptContext:
    """The page's own helper functions (``function mail(u, d) {...}``), shared by its scripts."""

    functions: dict[str, Any] = field(default_factory=dict)
    programs: dict[str, Any] = field(default_factory=dict)
    """Scripts parsed so far, by source: a page often repeats a snippet, and parsing is the costly step."""

    def parse(self, source: str) -> Any:
        """The parsed program (None when unparseable), parsed once per page."""
        if source not in self.programs:
            self.programs[source] = _parse(source)
        return self.programs[source]


def worth_reading(source: str) -> bool:
    """Could this script build an address? (Cheap test before parsing.)"""
    return len(source) <= MAX_SCRIPT_CHARS and bool(_TRIGGERS.search(source))


def collect_functions(sources: Iterable[str]) -> ScriptContext:
    """Function declarations of the page's short inline scripts, by name."""
    context = ScriptContext()
    for source in sources:
        if "function" not in source or len(source) > MAX_SCRIPT_CHARS or not worth_reading(source) \
                and "write" not in source:
            continue
        program = context.parse(source)
        for statement in getattr(program, "body", ()) or ():
            if statement.type == "FunctionDeclaration" and statement.id is not None:
                context.functions[statement.id.name] = statement
    return context


def script_output(source: str, context: ScriptContext | None = None) -> list[str]:
    """The strings a script writes into the page or a link (HTML fragments or plain text), in order."""
    calls_helper = context is not None and any(name in source for name in context.functions)
    if not (worth_reading(source) or calls_helper and len(source) <= MAX_SCRIPT_CHARS):
        return []
    program = context.parse(source) if context is not None else _parse(source)
    if program is None:
        return []
    evaluator = _Evaluator(context or ScriptContext())
    try:
        evaluator.statements(program.body, evaluator.globals)
    except _Budget:
        log.debug("script evaluation stopped at its step budget")
    except (RecursionError, ValueError, TypeError, IndexError, OverflowError) as error:
        log.debug("script evaluation failed: %s", error)
    return [text for text in evaluator.output if text]


def javascript_href(href: str, context: ScriptContext | None = None) -> list[str]:
    """What a ``javascript:`` URL or an ``onclick`` handler writes (browsers percent-decode the URL first)."""
    code = href[11:] if href[:11].casefold() == "javascript:" else href
    return script_output(unquote(code), context)


def _parse(source: str) -> Any:
    try:
        return esprima.parseScript(source, tolerant=True)
    except Exception as error:  # noqa: BLE001 - esprima raises its own Error for any syntax it rejects
        log.debug("unparseable script: %s", error)
        return None


class _Evaluator:
    def __init__(self, context: ScriptContext) -> None:
        self.functions = dict(context.functions)
        self.globals: dict[str, Any] = {}
        self.output: list[str] = []
        self.steps = 0
        self.depth = 0

    def statements(self, body: Iterable[Any], scope: dict[str, Any]) -> Any:
        for statement in body or ():
            kind = statement.type
            if kind == "FunctionDeclaration" and statement.id is not None:
                self.functions[statement.id.name] = statement
            elif kind == "VariableDeclaration":
                for declaration in statement.declarations:
                    if declaration.id.type == "Identifier":
                        scope[declaration.id.name] = self.value(declaration.init, scope)
            elif kind == "ExpressionStatement":
                self.value(statement.expression, scope)
            elif kind == "BlockStatement":
                result = self.statements(statement.body, scope)
                if result is not None:
                    return result
            elif kind == "ReturnStatement":
                return self.value(statement.argument, scope)
        return None

    def value(self, node: Any, scope: dict[str, Any]) -> Any:
        if node is None:
            return None
        self.steps += 1
        if self.steps > MAX_STEPS:
            raise _Budget
        kind = node.type
        if kind == "Literal":
            return node.value if isinstance(node.value, (str, int, float)) and not node.regex else node.regex
        if kind == "Identifier":
            return scope.get(node.name, self.globals.get(node.name))
        if kind == "TemplateLiteral":
            parts = [quasi.value.cooked for quasi in node.quasis]
            values = [self.value(e, scope) for e in node.expressions]
            return "".join(p + (_text(v) if i < len(values) else "") for i, (p, v) in
                           enumerate(zip(parts, values + [None])))
        if kind == "BinaryExpression" and node.operator == "+":
            return _plus(self.value(node.left, scope), self.value(node.right, scope))
        if kind == "ArrayExpression":
            return [self.value(e, scope) for e in node.elements]
        if kind == "MemberExpression" and node.computed:  # "u[0]": an element of an array or a string
            subject, index = self.value(node.object, scope), self.value(node.property, scope)
            if isinstance(subject, (list, str)) and isinstance(index, (int, float)) and not isinstance(index, bool) \
                    and index == int(index) and 0 <= index < len(subject):
                return subject[int(index)]
            return None
        if kind == "SequenceExpression":
            return [self.value(e, scope) for e in node.expressions][-1]
        if kind == "AssignmentExpression":
            return self._assign(node, scope)
        if kind == "CallExpression":
            return self._call(node, scope)
        if kind in ("ArrowFunctionExpression", "FunctionExpression"):
            self.statements(getattr(node.body, "body", None) or [], dict(scope))
            return None
        return None

    def _assign(self, node: Any, scope: dict[str, Any]) -> Any:
        value = self.value(node.right, scope)
        target = node.left
        if target.type == "Identifier":
            current = scope.get(target.name, self.globals.get(target.name))
            value = _plus(current, value) if node.operator == "+=" else value
            (scope if target.name in scope else self.globals)[target.name] = value
            if target.name == "location":
                self._write(value)
        elif target.type == "MemberExpression" and _property(target) in _WRITE_TARGETS:
            self._write(value)
        return value

    def _call(self, node: Any, scope: dict[str, Any]) -> Any:
        callee = node.callee
        args = [self.value(a, scope) for a in node.arguments]
        if callee.type == "Identifier":
            name = callee.name
            if name in ("unescape", "decodeURIComponent", "decodeURI") and args and isinstance(args[0], str):
                return unquote(args[0])
            if name == "atob" and args and isinstance(args[0], str):
                return _atob(args[0])
            if name in self.functions:
                return self._user_function(self.functions[name], args)
            return None
        if callee.type == "FunctionExpression":  # "(function(){ … })()": the page runs it at once
            return self._user_function(callee, args)
        if callee.type != "MemberExpression":
            return None
        method, owner = _property(callee), callee.object
        if method in ("write", "writeln") and _is_named(owner, "document"):
            self._write("".join(_text(a) for a in args))
            return None
        if method == "fromCharCode" and _is_named(owner, "String"):
            return "".join(chr(int(a)) for a in args if isinstance(a, (int, float)) and 0 < a < 0x110000)
        if method in ("assign", "replace") and _is_named(owner, "location"):
            self._write(_text(args[0]) if args else "")
            return None
        if method in _STRING_CALLS:
            return _string_call(self.value(owner, scope), method, args)
        return None

    def _user_function(self, declaration: Any, args: list[Any]) -> Any:
        if self.depth > 8:
            return None
        scope = {p.name: (args[i] if i < len(args) else None) for i, p in enumerate(declaration.params)
                 if p.type == "Identifier"}
        self.depth += 1
        try:
            return self.statements(declaration.body.body, scope)
        finally:
            self.depth -= 1

    def _write(self, value: Any) -> None:
        text = _text(value)
        if text:
            self.output.append(text[:MAX_STRING])


def _string_call(subject: Any, method: str, args: list[Any]) -> Any:
    """The pure string and array methods address builders use; anything else gives None."""
    if method == "reverse":
        return list(reversed(subject)) if isinstance(subject, list) else None
    if method == "join":
        separator = _text(args[0]) if args and args[0] is not None else ","
        return separator.join(_text(item) for item in subject) if isinstance(subject, list) else None
    if not isinstance(subject, str):
        return None
    if method == "split":
        separator = args[0] if args else None
        if separator == "":
            return list(subject)
        return subject.split(separator) if isinstance(separator, str) else [subject]
    if method in ("replace", "replaceAll") and len(args) >= 2 and isinstance(args[1], str):
        pattern = args[0]
        if isinstance(pattern, str):
            return subject.replace(pattern, args[1], -1 if method == "replaceAll" else 1)
        if pattern is not None and hasattr(pattern, "pattern"):
            try:
                compiled = re.compile(pattern.pattern, re.IGNORECASE if "i" in pattern.flags else 0)
            except re.error:
                return None
            return compiled.sub(args[1].replace("$&", r"\g<0>"), subject, 0 if "g" in pattern.flags else 1)
        return None
    simple = {"toLowerCase": str.lower, "toUpperCase": str.upper, "trim": str.strip}
    if method in simple:
        return simple[method](subject)
    if method == "concat":
        return subject + "".join(_text(a) for a in args)
    numbers = [int(a) for a in args if isinstance(a, (int, float))]
    if method == "charAt":
        index = numbers[0] if numbers else 0
        return subject[index] if 0 <= index < len(subject) else ""
    if method in ("substring", "slice") and numbers:
        return subject[slice(*numbers[:2])]
    if method == "substr" and numbers:
        start = numbers[0]
        return subject[start:start + numbers[1]] if len(numbers) > 1 else subject[start:]
    return None


def _plus(left: Any, right: Any) -> Any:
    if isinstance(left, (int, float)) and isinstance(right, (int, float)):
        return left + right
    if left is None and right is None:
        return None
    result = _text(left) + _text(right)
    return result[:MAX_STRING]


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, list):
        return ",".join(_text(v) for v in value)
    return value if isinstance(value, str) else str(value) if isinstance(value, (int, float)) else ""


def _atob(encoded: str) -> str | None:
    try:
        return base64.b64decode(encoded.strip(), validate=True).decode("utf-8")
    except (binascii.Error, ValueError, UnicodeDecodeError):
        return None


def _property(member: Any) -> str:
    prop = member.property
    if member.computed:
        return prop.value if prop.type == "Literal" and isinstance(prop.value, str) else ""
    return getattr(prop, "name", "") or ""


def _is_named(node: Any, name: str) -> bool:
    """``document``, ``window.document``, ``self.location`` ..."""
    if node.type == "Identifier":
        return node.name == name
    return node.type == "MemberExpression" and _property(node) == name
