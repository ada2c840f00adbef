"""Tổng quan: headline cards (baseline vs latest, target verdict), then the prioritised findings in the
report's words (page_models.findings: the overview of the report's "Đánh giá chung")."""

import streamlit as st

from page_models.tables import assessment_rows
from ui import auth, data, inputs
from ui.cards import finding_list, headline_card
from ui.components import page_header
from ui.downloads import source_for, table_downloads
from vocab.display import format_count, years_label
from vocab.labels import ASSESSMENT_COLUMNS

auth.require("viewer")

f = page_header(
    "Tổng kết 10 năm thực hiện Nghị quyết 29-NQ/TW",
    "Đổi mới căn bản, toàn diện giáo dục và đào tạo (Nghị quyết 29-NQ/TW ngày 04/11/2013), giai đoạn 2013–2023",
)
if f is None:
    st.stop()

summary = data.query("store_summary").iloc[0]
view = inputs.assessment(f)

st.subheader(f"Chỉ tiêu chủ yếu toàn tỉnh, {years_label(f.first_year, f.last_year, 'school_year')}")
if f.round is not None:
    st.caption(
        f"Số liệu và mục tiêu tính đến ngày {f.round.known_on:%d/%m/%Y} ({f.round.name}); mục tiêu ban hành sau "
        "ngày này chỉ để tham khảo."
    )
columns = st.columns(3)
for i, (_, row) in enumerate(view.headlines.iterrows()):
    with columns[i % 3]:
        headline_card(row, f.deadline_rule)
table_downloads(
    assessment_rows(view.headlines, f.deadline_rule).drop(columns="link").rename(columns=ASSESSMENT_COLUMNS),
    title=f"Chỉ tiêu chủ yếu toàn tỉnh {f.first_year}-{f.last_year}",
    source=source_for(list(view.headlines["indicator_code"])),
    key="headlines",
    index=False,
)

found = inputs.findings(f)
short_titles = {t.number: t.short_title for t in found.tasks}
left, right = st.columns(2)
with left:
    st.subheader("Kết quả nổi bật")
    finding_list(found.results, short_titles)
with right:
    st.subheader("Hạn chế, yếu kém")
    finding_list(found.weaknesses, short_titles)
st.caption(
    f"Những nhận định quan trọng nhất (tối đa {found.limit} mỗi mục, không quá {found.per_task} của một nhiệm vụ "
    "khi nhiệm vụ khác còn nhận định), đúng lời văn của dự thảo báo cáo (trang Xuất báo cáo): mục tiêu đến hạn "
    "xếp trước, rồi các thay đổi đủ lớn theo loại chỉ tiêu. Xem theo từng nhiệm vụ ở trang Đánh giá."
)

st.caption(
    f"{summary['province_name']}: {int(summary['n_districts'])} huyện, thị xã, thành phố; "
    f"{format_count(summary['n_values'])} giá trị từ {int(summary['n_batches'])} lô dữ liệu; lần nạp gần nhất "
    f"{summary['last_loaded_at']:%d/%m/%Y %H:%M}. Giá trị toàn tỉnh: số tỉnh báo cáo nếu có, nếu không là tổng hợp "
    "các huyện (tỷ lệ = tổng tử số / tổng mẫu số), chỉ khi đủ các huyện; giá trị bị cảnh báo chưa được xác nhận "
    "không được dùng để đánh giá. Chỉ tiêu đổi cách tính trong kỳ được đánh giá riêng cho từng cách tính."
)
