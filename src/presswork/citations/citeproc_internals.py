"""The one place presswork reaches into citeproc-py: speed, and where it departs from CSL 1.0.2.

citeproc-py looks every macro up again with an XPath query each time an entry is formatted,
and asks again whether each part of a style calls a variable; both answers depend only on the
style, which never changes once read, so they are remembered (about 8x faster per citation).
The rest are places where citeproc-py reads CSL otherwise than the specification (and pandoc's
citeproc, the oracle of tests/test_oracle.py) does; each is a small change, named after what it
makes right:

- ``numeric_locators``: ``is-numeric="locator"`` asks about the citation's locator;
- ``full_given_names``: ``initialize="false"`` keeps given names whole (Chicago's list);
- ``cased_in_place``: title and sentence case keep the text's own spaces and its
  ``nocase`` spans ("Outcast London: A Study", not "Outcast London : A Study");
- ``chicago_16_ranges``: ``page-range-format="chicago-16"`` drops the 15th edition's rule for
  four-digit numbers (1369–401, not 1369–1401);
- ``inherited_substitutes`` and ``substituting``: a shorthand ``cs:names`` in a substitute,
  even inside a ``cs:choose``, takes the name and label options of the names it stands in for,
  and a variable used as a substitute is not rendered again ("Hobsbawm, Eric, and Terence
  Ranger, eds.", not "E. Hobsbawm, T. Ranger … Edited by Eric Hobsbawm");
- ``no_disambiguation``: citeproc-py has no disambiguation step, so a ``disambiguate="true"``
  test is false (it was always true, adding editors and "edition" to every short note);
- ``labels_need_variables``: a ``cs:label`` renders only when its variable has a value;
- ``cites_in_given_order``: without a ``cs:sort`` in the citation, cites keep the author's
  order ("see Webb 1894; Raw 2009"), as CSL says, instead of the order of first citation;
- ``names_in_own_script``: a name in Chinese, Japanese or Korean script reads family name then
  given name, with no space or comma (河上肇);
- ``no_period_after_question``: a period that follows a question or exclamation mark is dropped
  ("What Do Unions Do? Basic Books");
- ``punctuation_in_quote``: the locale's punctuation-in-quote, which citeproc-py ignores, puts a
  period or comma after a closing quotation mark inside it, also where a private-use mark
  (presswork's end of a work's link) stands between ("Theses on Feuerbach.”", not "Feuerbach”.").

tests/test_citeproc_internals.py fails when a citeproc-py release moves or rewrites any of
what these rely on.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import Any

from citeproc import model
from citeproc import string as citeproc_string
from citeproc.source import Name as CslName
from citeproc.source import VariableError

PATCHED = "_presswork_patched"
FIXED = "_presswork_fixed"
NUMERIC_LOCATOR = re.compile(r"^[a-z]*\d+[a-z]*(?:\s*[-–,&]\s*[a-z]*\d+[a-z]*)*$", re.IGNORECASE)
WORD = re.compile(r"(\s+)")
INVISIBLE = "(?:</[^<>]*>|[\ue000-\uf8ff])"  # closing tags, and marks such as presswork's
TRAILING_TAGS = re.compile(r"(?:<[^<>]*>|[\ue000-\uf8ff])+$")
OWN_SCRIPT = ("CJK", "HIRAGANA", "KATAKANA", "HANGUL")
SUBSTITUTING = "presswork:substituting"  # in a layout's ``repressed``: the names being replaced
SUBSTITUTED = "presswork:substituted"  # the name variables rendered in their place
_xpath_results: dict[tuple[Any, str], Any] = {}
_calls_variable: dict[Any, bool] = {}
_quote_patterns: dict[str, re.Pattern[str]] = {}


def remembered_xpath(original: Any) -> Any:
    """XPath results remembered per element and expression (the element stays alive)."""

    @functools.wraps(original)
    def xpath_search(self: Any, expression: str) -> Any:
        key = (self, expression)
        if key not in _xpath_results:
            _xpath_results[key] = original(self, expression)
        return _xpath_results[key]

    return xpath_search


def remembered_calls_variable(original: Any) -> Any:
    """Whether an element calls a variable, remembered per element."""

    @functools.wraps(original)
    def calls_variable(self: Any) -> bool:
        if self not in _calls_variable:
            _calls_variable[self] = bool(original(self))
        return _calls_variable[self]

    return calls_variable


def full_given_names(original: Any) -> Any:
    """Given names stay whole where the name element says initialize="false"."""

    @functools.wraps(original)
    def initialize(self: Any, given: Any, mark: Any, context: Any) -> Any:
        if self.get("initialize") == "false":
            return given
        return original(self, given, mark, context)

    return initialize


def numeric_locators(original: Any) -> Any:
    """is-numeric="locator" asks about the citation's locator, not the reference's fields."""

    @functools.wraps(original)
    def is_numeric(self: Any, item: Any) -> list[bool]:
        variables = self.get("is-numeric").split()
        if "locator" not in variables:
            return list(original(self, item))
        results = []
        for variable in variables:
            if variable == "locator":
                value = str(item.locator.identifier) if item.has_locator else ""
                results.append(bool(NUMERIC_LOCATOR.match(value)))
            else:
                self.attrib["is-numeric"] = variable
                try:
                    results += original(self, item)
                finally:
                    self.attrib["is-numeric"] = " ".join(variables)
        return results

    return is_numeric


def cased_in_place(original: Any) -> Any:
    """Title, sentence and capitalize-all case word by word, keeping spaces and nocase spans."""

    @functools.wraps(original)
    def case(self: Any, text: Any, language: Any = None) -> Any:
        text_case = self.get("text-case")
        if text_case not in {"title", "sentence", "capitalize-all"} or not text:
            return original(self, text, language)
        if text_case == "title" and language != "en":
            return text
        mixed = isinstance(text, citeproc_string.MixedString)
        upper = text.isupper()
        previous, first, output = ":", True, []
        for segment in text if mixed else [text]:
            kind = type(segment) if isinstance(segment, citeproc_string.String) else None
            kind = kind or citeproc_string.String
            tokens = []
            for token in WORD.split(str(segment)):
                if not token or token.isspace():
                    tokens.append(token)
                    continue
                word = kind(token)
                if text_case == "title":
                    stop = token in self._stop_words and previous not in {":", "."}
                    word = word.capitalize_first() if word.islower() and not stop else word
                    previous = token[-1]
                elif text_case == "sentence":
                    word = word if upper or word.isupper() else word.soft_lower()
                    word = word.capitalize_first() if first else word
                else:
                    word = word.capitalize_first()
                first = False
                tokens.append(str(word))
            output.append(kind("".join(tokens)))
        return citeproc_string.MixedString(output) if mixed else output[0]

    return case


def chicago_16_ranges(original: Any) -> Any:
    """Chicago 16th-edition page ranges: 1369–401, 1307–40, 321–28, 101–8, 1496–504."""

    @functools.wraps(original)
    def format_last_page(self: Any, first: str, last: str) -> Any:
        chicago_16 = self.get_root().get_option("page-range-format") == "chicago-16"
        if not (chicago_16 and first.isdigit() and last.isdigit()):
            return original(self, first, last)
        number = int(first)
        if number < 100 or number % 100 == 0 or len(first) != len(last):
            return last
        common = next(
            (i for i, (a, b) in enumerate(zip(first, last, strict=True)) if a != b), len(last)
        )
        kept = 1 if number % 100 < 10 else 2
        return last[min(common, len(last) - kept) :]

    return format_last_page


def is_shorthand(names: Any) -> bool:
    """A cs:names without children of its own in the style (citeproc-py may add a cs:name)."""
    return all(child.sourceline is None for child in names)


def inherited_substitutes(original: Any) -> Any:
    """Names in a substitute take the replaced names' options; substituted ones are not repeated."""

    @functools.wraps(original)
    def process(
        self: Any, item: Any, names_context: Any = None, context: Any = None, **kwargs: Any
    ) -> Any:
        repressed = repressed_of(self if context is None else context)
        if repressed is None:
            return original(self, item, names_context=names_context, context=context, **kwargs)
        replaced = repressed.get(SUBSTITUTING)
        if names_context is None and replaced is not None and is_shorthand(self):
            names_context = replaced
        variables = self.get("variable", "")
        kept = [name for name in variables.split() if name not in repressed.get(self.tag, ())]
        self.attrib["variable"] = " ".join(kept)
        try:
            text = original(self, item, names_context=names_context, context=context, **kwargs)
        finally:
            self.attrib["variable"] = variables
        if replaced is not None and text:
            repressed[SUBSTITUTED] += [name for name in kept if name in item.reference]
        return text

    return process


def substituting(original: Any) -> Any:
    """A substitute marks what it stands in for, and represses the variables it rendered."""

    @functools.wraps(original)
    def render(self: Any, item: Any, context: Any = None, **kwargs: Any) -> Any:
        repressed = repressed_of(self if context is None else context)
        if repressed is None:
            return original(self, item, context=context, **kwargs)
        names = self.getparent()
        outer = {key: repressed.pop(key) for key in (SUBSTITUTING, SUBSTITUTED) if key in repressed}
        try:
            for child in self.iterchildren():
                repressed[SUBSTITUTING], repressed[SUBSTITUTED] = names, []
                try:
                    text = child.render(item, context=context, **kwargs)
                except VariableError:
                    continue
                if text:
                    repressed.setdefault(names.tag, []).extend(repressed[SUBSTITUTED])
                    if child.get("variable") and not isinstance(child, model.Names):
                        self.add_to_repressed_list(child, self if context is None else context)
                    return text
            return None
        finally:
            repressed.pop(SUBSTITUTING, None)
            repressed.pop(SUBSTITUTED, None)
            repressed.update(outer)

    return render


def repressed_of(context: Any) -> dict[str, Any] | None:
    """The variables the layout being rendered has already used up (None outside a layout)."""
    try:
        return context.get_layout().repressed  # type: ignore[no-any-return]
    except (IndexError, AttributeError):
        return None


def no_disambiguation(original: Any) -> Any:
    """disambiguate="true" never holds: citeproc-py has no step that would make it hold."""

    @functools.wraps(original)
    def render(self: Any, item: Any, context: Any = None, delimiter: str = "", **kw: Any) -> Any:
        test = self.get("disambiguate")
        if test is None:
            return original(self, item, context=context, delimiter=delimiter, **kw)
        holds = test == "false"
        match = self.get("match", "all")
        if match == "any" and holds:
            return self.render_children(item, context=context, delimiter=delimiter, **kw)
        if (match == "none") == holds:
            raise model.ConditionFailed
        return original(self, item, context=context, delimiter=delimiter, **kw)

    return render


def labels_need_variables(original: Any) -> Any:
    """A label of its own variable renders only when the variable has a value ("2 vols.")."""

    @functools.wraps(original)
    def process(self: Any, item: Any, variable: Any = None, plural: Any = None, **kw: Any) -> Any:
        if variable is None:
            own = self.get("variable", "")
            if own == "locator" and not item.has_locator:
                return None
            if own != "locator" and own.replace("-", "_") not in item.reference:
                return None
            if plural is None and own.startswith("number-of"):
                # citeproc-py looks number-of-* up in the cite, not the reference, and fails
                value = str(item.reference[own.replace("-", "_")])
                multiple = bool(self.RE_MULTIPLE_NUMBERS.search(value))
                plural = int(value) > 1 if value.isdigit() else multiple
        return original(self, item, variable, plural, **kw)

    return process


def cites_in_given_order(original: Any) -> Any:
    """Without a cs:sort, a citation's cites stay in the order the author wrote them."""

    @functools.wraps(original)
    def render_citation(self: Any, citation: Any, callback: Any) -> Any:
        if self.getparent().sort is not None:
            return original(self, citation, callback)
        out = []
        for item in [cite for cite in citation.cites if not cite.is_bad()]:
            self.repressed = {}
            try:
                output = self.render_children(item)
            except VariableError:
                continue
            if output is not None:
                out.append(item.get("prefix", "") + output + item.get("suffix", ""))
                self.getparent().cites.append(item)
        for item in [cite for cite in citation.cites if cite.is_bad()]:
            out.append(callback(item) or f"{item.key}?")
        return self.format(self.wrap(self.join(out)))

    return render_citation


def in_own_script(name: Any) -> bool:
    """Whether a name is written in Chinese, Japanese or Korean script."""
    text = (name.get("family") or "") + (name.get("given") or "")
    return any(unicodedata.name(character, "").startswith(OWN_SCRIPT) for character in text)


def names_in_own_script(original: Any) -> Any:
    """A CJK name in full reads family name, then given name, with nothing between (河上肇)."""

    @functools.wraps(original)
    def process(
        self: Any,
        item: Any,
        variable: str,
        context: Any = None,
        sort_options: Any = None,
        **kw: Any,
    ) -> Any:
        names = item.reference.get(variable) or []
        full = self.get_option("form", context, sort_options) == "long"
        if not full or not any("literal" not in name and in_own_script(name) for name in names):
            return original(self, item, variable, context, sort_options, **kw)
        item.reference[variable] = [
            CslName(literal=name.get("family", "") + name.get("given", ""))
            if "literal" not in name and in_own_script(name)
            else name
            for name in names
        ]
        try:
            return original(self, item, variable, context, sort_options, **kw)
        finally:
            item.reference[variable] = names

    return process


def no_period_after_question(original: Any) -> Any:
    """A period after a question or exclamation mark (through tags and marks) is dropped."""

    @functools.wraps(original)
    def normalize_seam(left: Any, other: Any) -> Any:
        other = original(left, other)
        if str(other)[:1] == "." and TRAILING_TAGS.sub("", str(left))[-1:] in {"?", "!"}:
            return citeproc_string._strip_first_char(other)
        return other

    return normalize_seam


def punctuation_in_quote(original: Any) -> Any:
    """The locale's punctuation-in-quote: a period or comma after a closing quote goes inside."""

    @functools.wraps(original)
    def render(self: Any, *args: Any, **kwargs: Any) -> Any:
        rendered = original(self, *args, **kwargs)
        if str(self.get_locale_option("punctuation-in-quote") or "").lower() != "true":
            return rendered
        close = str(self.get_single_term("close-quote"))
        if not close:
            return rendered
        if type(rendered) is list:  # a reference list; a citation may be a MixedString, a list too
            return [quoted_punctuation(text, close) for text in rendered]
        return quoted_punctuation(rendered, close)

    return render


def quoted_punctuation(text: Any, close: str) -> Any:
    """'“Title”.' as '“Title.”', through closing tags and private-use marks."""
    if text is None or close not in str(text):
        return text
    if close not in _quote_patterns:
        _quote_patterns[close] = re.compile(f"{re.escape(close)}({INVISIBLE}*)([.,])")
    return _quote_patterns[close].sub(f"\\2{close}\\1", str(text))


def speedups() -> list[tuple[Any, str, Any]]:
    """The changes that only save time: (class, attribute, change)."""
    changes: list[tuple[Any, str, Any]] = [
        (model.CitationStylesElement, "xpath_search", remembered_xpath)
    ]
    changes += [
        (cls, "calls_variable", remembered_calls_variable)
        for cls in vars(model).values()
        if isinstance(cls, type) and "calls_variable" in vars(cls)
    ]
    return changes


def fixes() -> list[tuple[Any, str, Any]]:
    """The changes that make citeproc-py follow CSL, in the order applied."""
    return [
        (model.Name, "initialize", full_given_names),
        (model.If, "_is_numeric", numeric_locators),
        (model.TextCased, "case", cased_in_place),
        (model.FormatNumber, "_format_last_page", chicago_16_ranges),
        (model.Names, "process", inherited_substitutes),
        (model.Substitute, "render", substituting),
        (model.If, "render", no_disambiguation),
        (model.Label, "process", labels_need_variables),
        (model.Layout, "render_citation", cites_in_given_order),
        (model.Layout, "render_citation", punctuation_in_quote),
        (model.Layout, "render_bibliography", punctuation_in_quote),
        (model.Name, "process", names_in_own_script),
        (citeproc_string, "normalize_seam", no_period_after_question),
    ]


def patches() -> list[tuple[Any, str, Any]]:
    """Every change presswork makes: the speed-ups and the fixes."""
    return speedups() + fixes()


def fix_citeproc() -> None:
    """Apply the fixes, without the speed-ups, once per process."""
    if getattr(model, FIXED, False):
        return
    for owner, name, change in fixes():
        setattr(owner, name, change(getattr(owner, name)))
    model.normalize_seam = citeproc_string.normalize_seam  # model holds the function by name too
    setattr(model, FIXED, True)


def patch_citeproc() -> None:
    """Apply the fixes and the speed-ups once per process."""
    fix_citeproc()
    if getattr(model, PATCHED, False):
        return
    for owner, name, change in speedups():
        setattr(owner, name, change(getattr(owner, name)))
    setattr(model, PATCHED, True)
