import pytest

from kg.ingest import script
from kg.ingest.script import has_traditional, to_simplified


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("海澱區總工會舉辦培训典礼", "海淀区总工会举办培训典礼"),
        ("臺灣勞動者權益保障", "台湾劳动者权益保障"),
        ("乾淨的職工之家", "干净的职工之家"),
        ("沈默是金", "沉默是金"),
        ("海淀区总工会启动“双创”计划", "海淀区总工会启动“双创”计划"),
        ("", ""),
    ],
)
def test_to_simplified(text: str, expected: str) -> None:
    assert to_simplified(text) == expected
    assert len(to_simplified(text)) == len(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("北京市总工会", False),
        ("北京市總工會", True),
        ("ASCII only", False),
        ("沈默", True),
    ],
)
def test_has_traditional(text: str, expected: bool) -> None:
    assert has_traditional(text) is expected


class _LengthChangingConverter:
    def convert(self, text: str) -> str:
        return text + "多"


def test_falls_back_to_characters_when_phrases_change_length(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(script, "converter", _LengthChangingConverter)
    assert to_simplified("總工會，職工") == "总工会，职工"
