# Prints OK and Unicode text byte-exact only if Python 3's strings are Unicode throughout:
# identifiers, case folding, normalisation, astral characters, stdin decoding.
import sys
import unicodedata

π = 3.14159
größe = "GRÖSSE".casefold()
composed = unicodedata.normalize("NFC", "e\u0301")
astral = "🎉"
text = sys.stdin.read()
fine = (
    round(π, 2) == 3.14
    and größe == "grösse"
    and composed == "é"
    and len(astral) == 1
    and astral.encode("utf-8") == b"\xf0\x9f\x8e\x89"
    and text == "ünïcödé ✓ 世界\n"
    and text.upper() == "ÜNÏCÖDÉ ✓ 世界\n"
)
print("OK" if fine else "FAIL", "π≈3.14 ✓ 世界 🎉")
