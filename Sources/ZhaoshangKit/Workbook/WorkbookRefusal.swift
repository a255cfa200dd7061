/// Why a file cannot be read as a workbook, each with what the clerk should do instead.
enum WorkbookRefusal {
  static func oldExcel(_ path: String) -> ZhaoshangError {
    .invalid(
      path,
      "这是旧版 Excel 工作簿（.xls），无法直接读取；请在 Excel 或 WPS 中打开，“另存为” Excel 工作簿（.xlsx）或 CSV UTF-8 后再导入",
      "this is an old-format Excel workbook (.xls), which cannot be read; open it in Excel or WPS, \"Save As\" an Excel workbook (.xlsx) or CSV UTF-8, and import that"
    )
  }

  static func wps(_ path: String) -> ZhaoshangError {
    .invalid(
      path, "这是 WPS 表格文件（.et），无法直接读取；请在 WPS 中打开，“另存为” Excel 工作簿（.xlsx）后再导入",
      "this is a WPS spreadsheet (.et), which cannot be read; open it in WPS, \"Save As\" an Excel workbook (.xlsx), and import that"
    )
  }

  static func numbers(_ path: String) -> ZhaoshangError {
    .invalid(
      path, "这是苹果 Numbers 文件，无法直接读取；请在 Numbers 中选“文件 → 导出为 → Excel”，导入导出的 .xlsx 文件",
      "this is an Apple Numbers file, which cannot be read; in Numbers choose File → Export To → Excel, and import the .xlsx"
    )
  }

  static func encrypted(_ path: String) -> ZhaoshangError {
    .invalid(
      path, "工作簿设有打开密码，无法读取；请在 Excel 中打开，于“文件 → 信息 → 保护工作簿 → 用密码进行加密”中清空密码并保存，再导入",
      "the workbook is protected by a password and cannot be read; open it in Excel, clear the password under File → Info → Protect Workbook → Encrypt with Password, save, and import again"
    )
  }

  static func corrupt(_ path: String) -> ZhaoshangError {
    .invalid(
      path, "工作簿已损坏或不完整，无法读取；请在 Excel 或 WPS 中打开并重新“另存为” .xlsx，或请报送单位重新发送",
      "the workbook is damaged or incomplete and cannot be read; open it in Excel or WPS and \"Save As\" .xlsx again, or ask the unit to send it again"
    )
  }

  static func notWorkbook(_ path: String, holds: Localized) -> ZhaoshangError {
    .invalid(
      path, "这个文件是\(holds.zh)，不是 Excel 工作簿；请导入 .xlsx 或 CSV 文件",
      "this file is \(holds.en), not an Excel workbook; import an .xlsx or CSV file")
  }

  static func tooLarge(_ path: String, part: String) -> ZhaoshangError {
    .invalid(
      path, "工作簿中的 \(part) 解压后过大（或压缩比异常），不像是正常的表格，已拒绝读取；请检查文件来源，或另存为 CSV 后导入",
      "the workbook's part \(part) is too large once uncompressed (or compressed suspiciously well) to be a real sheet, so it was not read; check where the file came from, or save it as CSV and import that"
    )
  }

  static func noSheet(_ path: String, named name: String, sheets: [String]) -> ZhaoshangError {
    .invalid(
      path, "工作簿中没有名为「\(name)」的工作表；已有的工作表：\(sheets.joined(separator: "、"))",
      "the workbook has no sheet named \"\(name)\"; its sheets are: \(sheets.joined(separator: ", "))")
  }
}
