// Tạo biểu mẫu Google: mở script.google.com, dán tệp này, chạy hàm taoPhieuKhaoSat.
// Sinh từ data/reference/survey_questions.csv (python -m etl survey questionnaire); không sửa tay.
function taoPhieuKhaoSat() {
  var form = FormApp.create("Phiếu khảo sát ý kiến — Tổng kết 10 năm thực hiện Nghị quyết 29-NQ/TW (dành cho cha mẹ học sinh, học sinh và người dân)");
  form.setDescription("Phiếu không hỏi họ tên, số điện thoại, e-mail hay số giấy tờ của người trả lời; xin đừng ghi các thông tin đó vào câu trả lời. Kết quả chỉ được tổng hợp theo địa bàn và đối tượng, nhóm dưới 5 người không được công bố (Nghị định 13/2023/NĐ-CP về bảo vệ dữ liệu cá nhân).");
  form.setCollectEmail(false);
  form.setProgressBar(true);
  if (form.setPublished) { form.setPublished(true); }  // forms made by script may start unpublished
  form.addMultipleChoiceItem().setTitle("Anh/chị là").setChoiceValues(["Cha mẹ học sinh", "Học sinh", "Người dân"]).setRequired(true);
  form.addTextItem().setTitle("Huyện / thị xã / thành phố nơi anh/chị công tác hoặc sinh sống").setRequired(true);
  form.addPageBreakItem().setTitle("Nhiệm vụ 2: Đổi mới mạnh mẽ và đồng bộ các yếu tố cơ bản của giáo dục, đào tạo theo hướng coi trọng phát triển phẩm chất, năng lực của người học");
  form.addMultipleChoiceItem().setTitle("Chương trình và sách giáo khoa mới giúp học sinh phát triển phẩm chất và năng lực").setChoiceValues(["Hoàn toàn không đồng ý", "Không đồng ý", "Phân vân", "Đồng ý", "Hoàn toàn đồng ý", "Không ý kiến"]);
  form.addMultipleChoiceItem().setTitle("Phương pháp dạy học đã chuyển từ truyền thụ kiến thức sang phát triển năng lực người học").setChoiceValues(["Hoàn toàn không đồng ý", "Không đồng ý", "Phân vân", "Đồng ý", "Hoàn toàn đồng ý", "Không ý kiến"]);
  form.addPageBreakItem().setTitle("Nhiệm vụ 3: Đổi mới căn bản hình thức và phương pháp thi, kiểm tra và đánh giá kết quả giáo dục, đào tạo");
  form.addMultipleChoiceItem().setTitle("Việc kiểm tra và đánh giá học sinh hiện nay trung thực và khách quan hơn trước").setChoiceValues(["Hoàn toàn không đồng ý", "Không đồng ý", "Phân vân", "Đồng ý", "Hoàn toàn đồng ý", "Không ý kiến"]);
  form.addPageBreakItem().setTitle("Nhiệm vụ 4: Hoàn thiện hệ thống giáo dục quốc dân theo hướng hệ thống giáo dục mở, học tập suốt đời và xây dựng xã hội học tập");
  form.addMultipleChoiceItem().setTitle("Người dân địa phương dễ dàng tìm được cơ hội học tập và học nghề suốt đời").setChoiceValues(["Hoàn toàn không đồng ý", "Không đồng ý", "Phân vân", "Đồng ý", "Hoàn toàn đồng ý", "Không ý kiến"]);
  form.addPageBreakItem().setTitle("Nhiệm vụ 6: Phát triển đội ngũ nhà giáo và cán bộ quản lý, đáp ứng yêu cầu đổi mới giáo dục và đào tạo");
  form.addMultipleChoiceItem().setTitle("Số lượng giáo viên đủ để dạy đủ các môn học theo chương trình").setChoiceValues(["Hoàn toàn không đồng ý", "Không đồng ý", "Phân vân", "Đồng ý", "Hoàn toàn đồng ý", "Không ý kiến"]);
  form.addPageBreakItem().setTitle("Nhiệm vụ 7: Đổi mới chính sách, cơ chế tài chính, huy động sự tham gia đóng góp của toàn xã hội; nâng cao hiệu quả đầu tư");
  form.addMultipleChoiceItem().setTitle("Mức độ hài lòng với phòng học và thiết bị dạy học của nhà trường").setChoiceValues(["Rất không hài lòng", "Không hài lòng", "Bình thường", "Hài lòng", "Rất hài lòng", "Không ý kiến"]);
  form.addMultipleChoiceItem().setTitle("Mức độ hài lòng chung với chất lượng giáo dục ở địa phương").setChoiceValues(["Rất không hài lòng", "Không hài lòng", "Bình thường", "Hài lòng", "Rất hài lòng", "Không ý kiến"]);
  form.addCheckboxItem().setTitle("Những khó khăn lớn nhất hiện nay (chọn tối đa 3)").setChoiceValues(["Thiếu phòng học", "Thiếu thiết bị dạy học", "Thiếu giáo viên", "Thu nhập giáo viên thấp", "Chương trình nặng", "Áp lực thi cử", "Khác"]).setValidation(FormApp.createCheckboxValidation().requireSelectAtMost(3).build());
  form.addPageBreakItem().setTitle("Nhiệm vụ 9: Chủ động hội nhập và nâng cao hiệu quả hợp tác quốc tế trong giáo dục, đào tạo");
  form.addMultipleChoiceItem().setTitle("Chất lượng dạy và học ngoại ngữ ở địa phương").setChoiceValues(["Kém", "Yếu", "Trung bình", "Khá", "Tốt", "Không đánh giá được"]);
  form.addParagraphTextItem().setTitle("Kiến nghị của anh/chị để giáo dục địa phương phát triển trong thời gian tới");
  Logger.log('Địa chỉ gửi người trả lời: ' + form.getPublishedUrl());
  Logger.log('Địa chỉ sửa biểu mẫu: ' + form.getEditUrl());
}
