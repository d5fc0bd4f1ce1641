"""The interface's translations: every string has its Russian, the compiled catalogue is current,
and numbers, money, years and plural forms follow the language."""

from __future__ import annotations

import io
import re
import shutil
import string
from pathlib import Path

import pandas as pd
import pytest
import yaml
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from core import i18n
from core.facts import load_facts
from core.formatting import PRECISION_WORDS, format_count, format_period, format_usd, not_stated, precision_word
from core.i18n import LANGUAGES, LOCALES_DIR, _, ngettext, use_language
from core.translations import check_translations, localise
from scripts.translations import SOURCES

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "data"
OTHER_LANGUAGES = [language for language in LANGUAGES if language != i18n.ENGLISH]
_CYRILLIC = re.compile(r"[А-Яа-яЁё]")
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2), "pgettext": ((1, "c"), 2)}


def _po_path(language: str) -> Path:
    return LOCALES_DIR / language / "LC_MESSAGES" / f"{i18n.DOMAIN}.po"


def _extracted() -> set[tuple[str | None, str]]:
    """(context, English) of every string the code marks for translation, as pybabel extracts them."""
    found: set[tuple[str | None, str]] = set()
    for folder in SOURCES:
        for _file, _line, message, _comments, context in extract_from_dir(
            REPO / folder, method_map=[("**.py", "python")], keywords=KEYWORDS
        ):
            found.add((context, message[0] if isinstance(message, tuple) else message))
    return found


def test_extraction_finds_the_interface_strings():
    # A guard for the tests below: if extraction silently found nothing, they would pass vacuously.
    ids = {message for _context, message in _extracted()}
    assert {"Aid and investment", "Language", "The link was opened with changes: {changes}."} <= ids
    assert len(ids) > 100


@pytest.mark.parametrize("language", OTHER_LANGUAGES)
def test_every_interface_string_has_a_translation(language):
    with _po_path(language).open("rb") as handle:
        catalogue = read_po(handle, locale=language)
    missing, fuzzy = [], []
    for context, english in sorted(_extracted(), key=lambda item: item[1]):
        message = catalogue.get(english, context=context)
        strings = [] if message is None else (message.string if isinstance(message.string, tuple) else [message.string])
        if message is None or not all(strings):
            missing.append(english)
        elif message.fuzzy:
            fuzzy.append(english)
    assert not missing, (
        f"{len(missing)} string(s) have no {language} translation; run `python -m scripts.translations update`, "
        f"translate them in {_po_path(language).relative_to(REPO)}, then `python -m scripts.translations compile`. "
        f"First: {missing[:10]}"
    )
    assert not fuzzy, f"fuzzy (changed English, translation unchecked): {fuzzy[:10]}"


@pytest.mark.parametrize("language", OTHER_LANGUAGES)
def test_translations_keep_every_placeholder(language):
    with _po_path(language).open("rb") as handle:
        catalogue = read_po(handle, locale=language)

    def names(text: str) -> set[str]:
        return {field for _lit, field, _spec, _conv in string.Formatter().parse(text) if field is not None}

    wrong = []
    for message in catalogue:
        if not message.id:
            continue
        english = message.id if isinstance(message.id, str) else message.id[1]
        for text in message.string if isinstance(message.string, tuple) else [message.string]:
            if text and names(text) != names(english):
                wrong.append((english, text))
    assert not wrong, wrong[:5]


@pytest.mark.parametrize("language", OTHER_LANGUAGES)
def test_compiled_catalogue_is_current(language):
    with _po_path(language).open("rb") as handle:
        catalogue = read_po(handle, locale=language)
    expected = io.BytesIO()
    write_mo(expected, catalogue)
    compiled = _po_path(language).with_suffix(".mo")
    assert compiled.is_file(), f"{compiled} is missing: run `python -m scripts.translations compile`"
    assert compiled.read_bytes() == expected.getvalue(), (
        f"{compiled.name} is older than its .po: run `python -m scripts.translations compile`"
    )


@pytest.mark.parametrize(
    ("count", "russian"), [(1, "1 событие"), (2, "2 события"), (5, "5 событий"), (11, "11 событий"), (21, "21 событие")]
)
def test_plural_forms_follow_each_language(count, russian):
    # The timeline's table heading, a string of the interface with a count in it.
    singular, plural = "The {n} event shown, in date order", "The {n} events shown, in date order"
    with use_language("ru"):
        assert ngettext(singular, plural, count).format(n=count) == f"Показано {russian}, в порядке дат"
    english = "1 event" if count == 1 else f"{count} events"
    assert ngettext(singular, plural, count).format(n=count) == f"The {english} shown, in date order"


def test_money_numbers_and_years_by_language():
    assert format_usd(5.5e9) == "US$5.5 bn"
    assert format_usd(12e9, "approximately", short=True) == "≈ US$12 bn"
    assert format_count(1234, "more than") == "more than 1,234"
    assert i18n.years(2005, 2019) == "2005–2019" and i18n.years(2015) == "2015"
    with use_language("ru"):
        assert format_usd(5.5e9) == "5,5 млрд долл. США"
        assert format_usd(12e9, "approximately", short=True) == "≈ 12 млрд долл. США"
        assert format_usd(12e9, "approximately") == "около 12 млрд долл. США"
        assert format_usd(250e6) == "250 млн долл. США"
        assert format_count(1234, "more than").replace("\xa0", " ") == "более 1 234"
        assert i18n.number(1234.5, 1).replace("\xa0", " ") == "1 234,5"
        assert i18n.years(2005, 2019) == "2005–2019 гг." and i18n.years(2015) == "2015 г."
        assert format_period(1954, None) == "с 1954 (конец не указан)"
        assert not_stated() == "не указано"


def test_language_is_per_context_and_restored():
    with use_language("ru"):
        assert _("Language") == "Язык"
    assert _("Language") == "Language"
    with pytest.raises(ValueError, match="unknown language"), use_language("xx"):
        pass


def test_localised_facts_translate_words_and_keep_quotes():
    facts = load_facts(DATA)
    russian = localise(facts, "ru")
    assert russian.language == "ru" and facts.language == "en"
    names = dict(zip(russian.actors["code"], russian.actors["name"], strict=True))
    assert names["KAZ"] == "Казахстан"
    assert russian.events["quote"].tolist() == facts.events["quote"].tolist()  # quotes stay as written
    assert russian.money["amount"].equals(facts.money["amount"])
    assert russian.events["title"].tolist() != facts.events["title"].tolist()
    assert localise(facts, "en") is facts


def test_bundled_data_has_every_translation():
    assert check_translations(load_facts(DATA)) == []


def _copy_data(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


def test_validator_names_missing_stale_and_unknown_translations(tmp_path):
    data = _copy_data(tmp_path)
    table = pd.read_csv(data / "translations.csv", dtype=str, keep_default_na=False)
    kaz = (table["resource"] == "actors") & (table["key"] == "KAZ") & (table["field"] == "name")
    table = table[~kaz]  # missing: Kazakhstan's name
    stale = (table["resource"] == "events") & (table["key"] == "E01") & (table["field"] == "title")
    table.loc[stale, "english"] = "An older title"  # stale: the English changed since
    extra = {"resource": "events", "key": "E99", "field": "title", "language": "ru", "text": "Нет", "english": "No"}
    table = pd.concat([table, pd.DataFrame([extra])], ignore_index=True)
    table.to_csv(data / "translations.csv", index=False)

    problems = check_translations(load_facts(data))
    described = [str(problem) for problem in problems]
    missing = [p for p in problems if p.file == "actors.csv"]
    assert len(missing) == 1 and missing[0].row == 2 and missing[0].column == "name"
    assert "Russian translation" in missing[0].expected
    stale_rows = [p for p in problems if p.file == "translations.csv" and p.column == "english"]
    assert len(stale_rows) == 1 and "Japan–US security treaty" in stale_rows[0].expected
    unknown = [p for p in problems if p.file == "translations.csv" and p.column == "key"]
    assert len(unknown) == 1 and unknown[0].value == "E99", described
    assert len(problems) == 3, described


def test_validate_command_fails_on_a_missing_translation(tmp_path, capsys):
    from core.cli import main

    data = _copy_data(tmp_path)
    lines = (data / "translations.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    (data / "translations.csv").write_text("".join(lines[:-1]), encoding="utf-8")
    assert main(["validate", str(data)]) == 1
    assert "translation problem" in capsys.readouterr().err
    assert main(["validate", str(DATA)]) == 0


def test_the_descriptor_s_words_are_translated_too(tmp_path):
    facts = load_facts(DATA)
    russian = localise(facts, "ru").package
    money, english_money = russian.resource("money"), facts.package.resource("money")
    assert money.title != english_money.title and _CYRILLIC.search(money.title)
    assert [f.name for f in money.fields] == [f.name for f in english_money.fields]  # identifiers stay
    amount = next(f for f in money.fields if f.name == "amount")
    assert _CYRILLIC.search(amount.description) and _CYRILLIC.search(amount.unit)
    assert [f.type for f in money.fields] == [f.type for f in english_money.fields]

    data = _copy_data(tmp_path)
    table = pd.read_csv(data / "translations.csv", dtype=str, keep_default_na=False)
    dropped = (table["resource"] == "datapackage") & (table["key"] == "evidence.quote") & (table["field"] == "title")
    table[~dropped].to_csv(data / "translations.csv", index=False)
    problems = check_translations(load_facts(data))
    assert [(p.file, p.column) for p in problems] == [("datapackage.yaml", "evidence.quote.title")]


def test_every_date_precision_the_data_allows_has_its_word_in_each_language():
    # "day" and "month" came with the official record's dated meetings; the Russian timeline's
    # table then said "day" among "год" and "период".
    package = yaml.safe_load((DATA / "datapackage.yaml").read_text(encoding="utf-8"))
    events = next(resource for resource in package["resources"] if resource["name"] == "events")
    field = next(field for field in events["schema"]["fields"] if field["name"] == "date_precision")
    allowed = field["constraints"]["enum"]
    assert set(allowed) <= set(PRECISION_WORDS), set(allowed) - set(PRECISION_WORDS)
    english = [precision_word(value) for value in allowed]
    for language in OTHER_LANGUAGES:
        with use_language(language):
            words = [precision_word(value) for value in allowed]
        assert all(_CYRILLIC.search(word) for word in words), dict(zip(allowed, words, strict=True))
    assert len(set(english)) == len(allowed)  # no two precisions read alike
