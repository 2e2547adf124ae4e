"""Paragraphs where the text shows one: blank lines, short last lines, indents, not every line."""

from jiangbei_reader.core.importer.paragraphs import read_lines, split_paragraphs


def paragraphs(raw: str) -> list[str]:
    return [block.text for block in split_paragraphs(read_lines(raw))]


BODY = (
    "会议认真学习贯彻习近平总书记在二十届中央国家安\n"
    "\n"
    "全委员会第一次会议上的重要讲话精神、市委六届三次全\n"
    "会精神，听取区委政法委、区法院、区检察院、区公安分局、\n"
    "区司法局、区信访办半年工作情况汇报。\n"
)


def test_a_blank_line_inside_a_sentence_is_an_artefact():
    assert paragraphs(BODY) == ["".join(BODY.split())]


def test_a_blank_line_after_a_sentence_ends_the_paragraph(seed_text):
    texts = paragraphs(seed_text)
    assert "今天，传统的码头已被现代化港口取代，响彻江岸的川江号子成了时代绝响。" in texts


def test_a_short_line_ending_a_sentence_ends_the_paragraph_without_a_blank_line(seed_text):
    texts = paragraphs(seed_text)
    first = next(t for t in texts if t.startswith("3月1日，我区召开"))
    assert first.endswith("政策“大礼包”。")
    assert any(t.startswith("现场，50余家专精特新企业") for t in texts)


def test_an_indented_first_line_after_a_sentence_starts_a_paragraph(seed_text):
    texts = paragraphs(seed_text)
    assert "区委常委、政法委书记李爱民，区领导王俊其、樊非出席。" in texts
    assert any(t.startswith("会议认真学习贯彻习近平") for t in texts)


def test_a_full_line_ending_a_sentence_does_not_end_the_paragraph():
    raw = (
        "李爱民在讲话时充分肯定了上半年平安江北建设工\n"
        "作，并指出当前工作存在的差距。他要求，各单位要\n"
        "全面总结梳理各板块工作情况，明确各项任务的进度。\n"
        "方向，确保下半年工作稳中有进、稳进增效。政治建设\n"
        "要有新高度。\n"
    )
    assert len(paragraphs(raw)) == 1


def test_a_title_wrapped_over_two_lines_is_one_block(seed_text):
    assert "郭家沱街道举行主题征集活动颁奖仪式暨美术摄影联展发布会" in paragraphs(seed_text)


def test_a_continuation_marker_on_its_own_line_is_its_own_block(seed_text):
    texts = paragraphs(seed_text)
    assert texts.count("（上接1版）") == 2
    assert any(t.startswith("溯联塑胶成立于1999年，专注为下游汽车") for t in texts)


def test_a_continued_on_marker_line_stays_with_its_paragraph():
    raw = "全区新增市级中小企业49家，同比增长\n250%。\n（下转3版）\n\n下一段。\n"
    assert paragraphs(raw)[0] == "全区新增市级中小企业49家，同比增长250%。（下转3版）"


def test_numbered_items_start_paragraphs():
    raw = "注意事项如下：\n1.不私自下水游泳\n2.不擅自下水救助落水者\n"
    assert paragraphs(raw) == ["注意事项如下：", "1.不私自下水游泳", "2.不擅自下水救助落水者"]


def test_a_wrapped_number_is_not_a_numbered_item():
    raw = (
        "以江北嘴为试点区，通过智能化手段进行管理，面积\n"
        "2.2平方公里，系统将更具灵活性、可靠性和连续性，\n"
        "为后期消纳新能源发电提供了有序安全用电基础。\n"
    )
    assert len(paragraphs(raw)) == 1


def test_the_seed_has_no_paragraph_of_one_raw_line_inside_a_sentence(seed_text):
    for text in paragraphs(seed_text):
        assert not text.endswith(("，", "、")), text


def test_a_jump_marker_broken_over_a_blank_line_stays_whole():
    raw = "区经信委相关负责人说。（下\n\n转2版）\n\n本报讯（记者 甲）另一篇的开头。\n"
    texts = paragraphs(raw)
    assert texts[0] == "区经信委相关负责人说。（下转2版）"
    assert texts[1].startswith("本报讯")
    # A title-like line after a sentence end still starts its own block.
    assert paragraphs("他说。（下\n\n转2版）\n\n新的标题\n")[-1] == "新的标题"
