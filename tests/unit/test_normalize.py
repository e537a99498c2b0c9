"""Normalisation repairs encoding damage and invisible characters but never rewrites words."""

from newsflow.text.normalize import normalize_line, normalize_text


def test_mojibake_is_repaired():
    assert normalize_line("The cafÃ© was closed") == "The café was closed"
    assert normalize_line("Assadâ€™s army") == "Assad’s army"


def test_invisible_characters_are_removed_but_zwnj_kept():
    assert normalize_line("co\u00adop\u200beration\ufeff") == "cooperation"
    assert normalize_line("می\u200cخواهم") == "می\u200cخواهم"


def test_nfc_and_quotes_kept():
    assert normalize_line("Cafe\u0301") == "Caf\u00e9"
    assert normalize_line("“quoted” ‘text’") == "“quoted” ‘text’"


def test_whitespace_collapsed_per_line_and_lines_kept():
    assert normalize_text("  a\u00a0\u00a0b\t c  \n\n  d ") == "a b c\n\nd"


def test_control_characters_dropped():
    assert normalize_line("a\x07b\x1bc") == "abc"
