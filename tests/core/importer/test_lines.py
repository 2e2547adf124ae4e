"""The raw line joiner: artefact spaces out, meant spaces kept, wrapped words rejoined."""

from hypothesis import given
from hypothesis import strategies as st

from jiangbei_reader.core.importer.lines import clean_line, display_width, join_pieces
from jiangbei_reader.core.importer.paragraphs import read_lines, split_paragraphs


def joined(raw: str) -> str:
    lines = read_lines(raw)
    return join_pieces([line.text for line in lines], [line.spaced for line in lines])


def test_spaces_between_chinese_and_digits_or_latin_are_artefacts():
    assert clean_line("据悉，今年 4月启动的“百姓 hua望江”") == "据悉，今年4月启动的“百姓hua望江”"
    assert clean_line("江北城 CBD 区域，楼面的 LED 灯光") == "江北城CBD区域，楼面的LED灯光"
    assert clean_line("减少碳粉尘排放量 1.6 万吨") == "减少碳粉尘排放量1.6万吨"


def test_spaces_next_to_full_width_punctuation_are_artefacts():
    assert clean_line("本报讯 （记者 杨洛 唐柱）7月12日") == "本报讯（记者 杨洛 唐柱）7月12日"


def test_spaces_between_names_and_between_latin_words_are_kept_single():
    assert clean_line("江北区融媒体中心  宣") == "江北区融媒体中心 宣"
    assert clean_line("the  Yangtze river") == "the Yangtze river"


def test_wrapped_words_and_numbers_join_without_space():
    assert joined("“百姓hua\n望江”") == "“百姓hua望江”"
    assert joined("投资 4.\n6亿元") == "投资4.6亿元"
    assert joined("区政法委员会2023\n年第二次") == "区政法委员会2023年第二次"
    assert joined("征集到美图124幅、故事61\n个") == "征集到美图124幅、故事61个"


def test_a_line_ending_in_a_space_keeps_one_between_latin_words():
    assert joined("the Yangtze \nriver") == "the Yangtze river"
    assert joined("the Yang\ntze") == "the Yangtze"


def test_digits_and_latin_letters_are_half_width():
    assert display_width("间和智能工厂项目达38个") == 10 + 1


RAW_ALPHABET = st.sampled_from(
    list("江北报讯记者区委会议，。、；：！？“”（）()《》 \t\u3000\n")
    + list("0123456789.%ABCxyz")
    + ["（上接1版）", "（下转3版）", "本报讯（记者 甲）", "公益广告", "扫一扫", "摄", "\n\n"]
)


@given(st.lists(RAW_ALPHABET, max_size=200).map("".join))
def test_joining_lines_never_fails_and_keeps_every_character_in_order(raw):
    lines = read_lines(raw)
    text = join_pieces([line.text for line in lines], [line.spaced for line in lines])
    assert "".join(text.split()) == "".join(raw.split())


@given(st.lists(RAW_ALPHABET, max_size=200).map("".join))
def test_paragraphs_keep_every_character_in_order(raw):
    blocks = split_paragraphs(read_lines(raw))
    assert "".join("".join(b.text for b in blocks).split()) == "".join(raw.split())
