"""Đánh giá kết quả – hạn chế: the findings of the group's indicators by the resolution's tasks, in the
report's words (page_models.findings), then the ten-year assessment table per indicator."""

import streamlit as st

from page_models.review import notes_table
from page_models.tables import assessment_rows, reference_rows
from ui import auth, inputs
from ui.cards import finding_list
from ui.charts import desk_and_phone
from ui.components import page_header
from ui.downloads import source_for, table_downloads
from vocab.labels import ASSESSMENT_COLUMNS

auth.require("viewer")

PHONE_COLUMNS = {"name_vi": 150, "verdict": 80, "latest": 110}

f = page_header(
    "Đánh giá kết quả – hạn chế",
    "Mười năm theo từng nhóm chỉ tiêu: cải thiện / ổn định / xấu đi (theo chiều tốt của chỉ tiêu), "
    "đạt hay chưa đạt mục tiêu, địa bàn thấp hơn toàn tỉnh. Kết quả nổi bật xếp trước, hạn chế nghiêm trọng tiếp theo.",
)
if f is None:
    st.stop()

ref = inputs.reference()
view = inputs.assessment(f, f.group_code)
group_name = ref["catalogue"].set_index("group_code").loc[f.group_code, "group_name"]
group_name = group_name.iloc[0] if hasattr(group_name, "iloc") else group_name
st.subheader(f"Nhóm: {group_name}")
if view.table.empty:
    st.info("Nhóm này chưa có số liệu toàn tỉnh trong giai đoạn đã chọn.")
    st.stop()
codes = set(view.table["indicator_code"].astype(str))
found = inputs.findings(f)
st.markdown("#### Nhận định theo nhiệm vụ, giải pháp của Nghị quyết")
shown_any = False
for task in found.tasks:
    mine = [x for x in (*task.results, *task.weaknesses, *task.more) if codes & set(x.indicator_codes)]
    if not mine:
        continue
    shown_any = True
    st.markdown(f"**{task.number}. {task.title}**")
    results = [x for x in task.results if x in mine]
    weaknesses = [x for x in task.weaknesses if x in mine]
    if results:
        st.markdown("*Kết quả đạt được*")
        finding_list(results)
    if weaknesses:
        st.markdown("*Hạn chế, yếu kém*")
        finding_list(weaknesses)
    more = [x for x in task.more if x in mine]
    if more:
        with st.expander(f"Các nhận định khác của nhiệm vụ ({len(more)}), trong phụ lục của báo cáo"):
            finding_list(more)
if not shown_any:
    st.caption("Các chỉ tiêu của nhóm chưa có nhận định nào đủ ngưỡng (mục tiêu đến hạn, thay đổi đủ lớn).")
st.markdown("#### Bảng đánh giá từng chỉ tiêu")
for standing, title in (("result", "Kết quả đạt được"), ("weakness", "Hạn chế, yếu kém"), ("neutral", "Khác")):
    part = view.table[view.table["standing"] == standing]
    if part.empty:
        continue
    st.markdown(f"**{title}** ({len(part)} chỉ tiêu)")
    rows = assessment_rows(part, f.deadline_rule)
    desk, phone = desk_and_phone(f"assessment_{standing}")
    desk.dataframe(
        rows,
        column_config={
            **ASSESSMENT_COLUMNS,
            "link": st.column_config.LinkColumn("Xu hướng", display_text="Xem xu hướng"),
        },
        hide_index=True,
        width="stretch",
        key=f"assessment_{standing}",
    )
    phone.dataframe(  # a phone: the key columns in widths that fit 390 px (the rest in the download)
        rows[list(PHONE_COLUMNS)],
        column_config={
            c: st.column_config.TextColumn(ASSESSMENT_COLUMNS[c], width=w) for c, w in PHONE_COLUMNS.items()
        },
        hide_index=True,
        width="stretch",
        key=f"assessment_{standing}_phone",
    )
    table_downloads(
        rows.drop(columns="link").rename(columns=ASSESSMENT_COLUMNS),
        title=f"{title} – {group_name}",
        source=source_for(list(part["indicator_code"])),
        key=f"assessment_{standing}",
        index=False,
    )
references = reference_rows(view.table, f)
if not references.empty:
    with st.expander(f"Mục tiêu tham khảo ({len(references)}): ban hành sau ngày chốt số liệu của đợt"):
        st.dataframe(references, hide_index=True, width="stretch")
notes = inputs.notes(f, list(view.table["indicator_code"]), None)
if not notes.empty:
    st.markdown("**Nguyên nhân đã được chuyên viên ghi nhận**")
    st.dataframe(notes_table(notes), hide_index=True, width="stretch")
st.caption(
    "Đánh giá dựa trên giá trị toàn tỉnh (tổng tử số / tổng mẫu số), chỉ khi đủ các huyện và không có giá trị bị "
    "cảnh báo chưa được xác nhận. Chỉ tiêu đổi cách tính trong kỳ được đánh giá riêng cho từng cách tính (mỗi dòng "
    "một cách tính). Mục tiêu “đến năm N” của chỉ tiêu năm học được đánh giá theo năm học kết thúc năm N; đạt sau "
    "hạn ghi “Đạt muộn” kèm năm đạt."
)
