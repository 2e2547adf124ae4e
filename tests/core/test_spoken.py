"""Numbers, dates and 版次 as Mandarin says them, and the map back to the printed text."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from jiangbei_reader.core.spoken import read_integer, read_number, speak, speakable

# (printed, spoken): the examples first, then the seed's own numbers.
READINGS = [
    ("2023年7月12日", "二〇二三年七月十二日"),
    ("3.63亿元", "三点六三亿元"),
    ("4.6亿元", "四点六亿元"),
    ("80%", "百分之八十"),
    ("1804吨", "一千八百零四吨"),
    ("2000余种", "两千余种"),
    ("第3版", "第三版"),
    ("1999 年，专", "一九九九年，专"),
    ("1999 吨", "一千九百九十九吨"),
    ("7月 14日至 7月 31日", "七月十四日至七月三十一日"),
    ("50 万元", "五十万元"),
    ("0%", "百分之零"),
    ("12.2%", "百分之十二点二"),
    ("LED", "LED"),
    ("CBD", "CBD"),
    ("APP", "APP"),
    ("推介区融媒体中心APP", "推介区融媒体中心APP"),
    ("“百姓hua望江”", "“百姓hua望江”"),
    # From the seed edition.
    ("今年 4月启动", "今年四月启动"),
    ("3.63 亿元。", "三点六三亿元。"),
    ("5372.8 万元；", "五千三百七十二点八万元；"),
    ("1.6 万吨，", "一点六万吨，"),
    ("3.5万亿元", "三点五万亿元"),
    ("11.5万千瓦", "十一点五万千瓦"),
    ("10千伏线", "十千伏线"),
    ("2.2平方公里", "二点二平方公里"),
    ("62.3%。", "百分之六十二点三。"),
    ("600%。", "百分之六百。"),
    ("250%；", "百分之二百五十；"),
    ("25.5%，", "百分之二十五点五，"),
    ("1080万元", "一千零八十万元"),
    ("124幅", "一百二十四幅"),
    ("400 万平方", "四百万平方"),
    ("198 万立方", "一百九十八万立方"),
    ("20 多年", "二十多年"),
    ("2022 年帮助", "二〇二二年帮助"),
    ("2003 年江北", "二〇〇三年江北"),
    ("2009年金融", "二〇〇九年金融"),
    ("30 余家", "三十余家"),
    # Cardinal corner cases.
    ("10", "十"),
    ("15", "十五"),
    ("110", "一百一十"),
    ("105", "一百零五"),
    ("1008", "一千零八"),
    ("100500", "十万零五百"),
    ("10000", "一万"),
    ("100000005元", "一亿零五元"),
    ("1,234", "一千二百三十四"),
    ("１２３", "一百二十三"),
    ("0.5", "零点五"),
    # 两 and 二.
    ("2个", "两个"),
    ("2名", "两名"),
    ("2万元", "两万元"),
    ("2亿", "两亿"),
    ("2月", "二月"),
    ("2日", "二日"),
    ("第2版", "第二版"),
    ("第2个", "第二个"),
    ("22", "二十二"),
    ("200", "二百"),
    # Years, ranges, dates and times.
    ("１９９９年", "一九九九年"),
    ("2000年", "二〇〇〇年"),
    ("近1000年", "近一千年"),
    ("2021—2023年", "二〇二一年至二〇二三年"),
    ("2023-07-13", "二〇二三年七月十三日"),
    ("9:30", "九点三十分"),
    ("14:05", "十四点零五分"),
    ("8:00", "八点"),
    ("3~5天", "三至五天"),
    ("10%～20%", "百分之十至百分之二十"),
    ("1/3", "三分之一"),
    ("5‰", "千分之五"),
    ("-5℃", "零下五摄氏度"),
    ("下降-2.5%", "下降负百分之二点五"),
    # Codes: digit by digit.
    ("0571", "零五七一"),
    ("电话 67851234。", "电话六七八五一二三四。"),
    ("1200000人", "一百二十万人"),
    # Numbered list items (the bundled edition's 防溺水 tips).
    ("1. 时刻绷紧防范溺水这根弦", "一、时刻绷紧防范溺水这根弦"),
    ("12．远离危险水域", "十二、远离危险水域"),
    ("共1.5万", "共一点五万"),
    # Nothing to do.
    ("二〇二三年七月十二日", "二〇二三年七月十二日"),
    ("", ""),
]


@pytest.mark.parametrize(("printed", "spoken"), READINGS)
def test_speakable_reads_like_a_newsreader(printed, spoken):
    assert speakable(printed) == spoken


def test_year_and_quantity_differ_only_by_the_unit():
    assert speakable("1999 年") == "一九九九年"
    assert speakable("1999 吨") == "一千九百九十九吨"


def test_a_whole_seed_sentence_reads_naturally():
    printed = "7月12日，区政法委员会2023年第二次全体会议召开，全年完成投资3.63 亿元，增长80%。"
    assert speakable(printed) == (
        "七月十二日，区政法委员会二〇二三年第二次全体会议召开，全年完成投资三点六三亿元，增长百分之八十。"
    )


@pytest.mark.parametrize(
    ("value", "words"),
    [
        (0, "零"),
        (7, "七"),
        (10, "十"),
        (11, "十一"),
        (20, "二十"),
        (101, "一百零一"),
        (1010, "一千零一十"),
        (2000, "两千"),
        (20000, "两万"),
        (10_0000_0000, "十亿"),
        (1_0001_0000, "一亿零一万"),
        (-3, "负三"),
    ],
)
def test_read_integer(value, words):
    assert read_integer(value) == words


def test_read_number_keeps_decimal_digits_as_written():
    assert read_number("3.50") == "三点五零"
    assert read_number("2.2") == "二点二"  # not 两点二
    assert read_number("2000.5") == "二千点五"


def test_spoken_maps_back_to_the_printed_text():
    result = speak("今年 4月启动，金点子 57条。")
    assert result.spoken == "今年四月启动，金点子五十七条。"
    four = result.spoken.index("四")
    assert result.original_span(four, four + 1) == (2, 4)  # " 4" as printed
    start = result.spoken.index("启动")
    assert result.text[slice(*result.original_span(start, start + 2))] == "启动"
    fifty = result.spoken.index("五十七")
    assert result.text[slice(*result.original_span(fifty, fifty + 3))] == " 57"


def test_original_span_past_the_end_is_the_end():
    result = speak("共3家")
    assert result.original_span(10, 12) == (3, 3)


@given(st.text(alphabet="0123456789年月日%.,第版万亿 元吨LEDa-:～/℃两。", max_size=40))
def test_speak_pieces_cover_both_texts_in_order(text):
    result = speak(text)
    assert "".join(text[p.start : p.end] for p in result.pieces) == text
    assert (
        "".join(result.spoken[p.spoken_start : p.spoken_end] for p in result.pieces)
        == result.spoken
    )
    for piece in result.pieces:
        if piece.same:
            assert (
                text[piece.start : piece.end]
                == result.spoken[piece.spoken_start : piece.spoken_end]
            )


@given(st.text(alphabet="0123456789.%年万 ", max_size=30))
def test_no_ascii_digit_is_left_for_the_engine(text):
    assert not any(ch.isdigit() and ch.isascii() for ch in speakable(text))
