import Foundation
import Testing

@testable import ZhaoshangKit

@Suite("The bulletin's office, issue number, date and 落款")
struct BulletinMastheadTests {
  func bulletin() throws -> Bulletin {
    Bulletin.build(report: try smallReport(), trips: [], earlierThisYear: nil, previousShortRuns: [:])
  }

  func masthead() throws -> BulletinMasthead {
    BulletinMasthead(office: "洪泽区督考服务中心", issue: 7, date: try d("2022-08-03"))
  }

  /// Given an office and issue 7, when the bulletin is printed as text, then 第7期 and the office with the date head
  /// it, and it ends with the office and the date (落款).
  @Test func textHasTheIssueTheOfficeAndTheSignature() throws {
    // Given
    let renderer = BulletinRenderer(language: .zh, masthead: try masthead())

    // When
    let lines = try renderer.render(try bulletin(), as: .text).split(separator: "\n", omittingEmptySubsequences: false)

    // Then
    #expect(lines.prefix(4) == ["第7期", "洪泽区督考服务中心　　2022年8月3日", "", "2022年7月外出招商情况通报"])
    let signature = lines.filter { !$0.isEmpty }.suffix(2).map { $0.trimmingCharacters(in: .whitespaces) }
    #expect(signature == ["洪泽区督考服务中心", "2022年8月3日"])
  }

  /// Given the masthead, when printed as HTML and Markdown, then both carry the issue, the office and the 落款.
  @Test func htmlAndMarkdownCarryTheMasthead() throws {
    let renderer = BulletinRenderer(language: .zh, masthead: try masthead())
    let html = try renderer.render(try bulletin(), as: .html)
    #expect(html.contains("<p class=\"issue\">第7期</p>"))
    #expect(html.contains("<p class=\"signature\">洪泽区督考服务中心<br>2022年8月3日</p>"))
    // The table's headers and unit names stay whole (序号 not broken into 序/号).
    #expect(html.contains("<table class=\"bulletin\">"))
    #expect(html.contains("<td class=\"name\">朱坝街道</td>"))
    #expect(html.contains("table.bulletin th { white-space: nowrap; }"))
    let markdown = try renderer.render(try bulletin(), as: .markdown)
    #expect(markdown.hasPrefix("第7期  \n洪泽区督考服务中心　　2022年8月3日  \n"))
    #expect(markdown.hasSuffix("洪泽区督考服务中心  \n2022年8月3日\n"))
  }

  /// Given no office and no issue, when made, then there is no masthead and the bulletin is as before.
  @Test func nothingToPrintLeavesTheBulletinAsItWas() throws {
    #expect(BulletinMasthead.make(office: nil, issue: nil, date: try d("2022-08-03")) == nil)
    let plain = try BulletinRenderer(language: .zh).render(try bulletin(), as: .text)
    #expect(plain.hasPrefix("2022年7月外出招商情况通报\n"))
    #expect(!plain.contains("督考"))
  }

  /// Given the masthead, when written as .docx, then the office heads it, 第7期 stands under it, the 落款 closes it,
  /// and every page's footer numbers the page with a PAGE field (第 X 页).
  @Test func documentHasMastheadSignatureAndPageNumbers() throws {
    // Given
    let renderer = BulletinRenderer(language: .zh, masthead: try masthead())

    // When
    let data = try DOCXWriter.data(renderer.document(try bulletin(), number: nil, date: try d("2022-08-03")))

    // Then
    let document = try officePart(data, "word/document.xml")
    #expect(document.contains("<w:pStyle w:val=\"Masthead\"/></w:pPr><w:r><w:t xml:space=\"preserve\">洪泽区督考服务中心"))
    #expect(document.contains("<w:pStyle w:val=\"Issue\"/></w:pPr><w:r><w:t xml:space=\"preserve\">第7期"))
    #expect(document.contains("<w:pStyle w:val=\"Signature\"/><w:keepNext/>"))
    #expect(document.contains("<w:footerReference w:type=\"default\" r:id=\"rId4\"/>"))
    let footer = try officePart(data, "word/footer1.xml")
    #expect(footer.contains("第 </w:t>"))
    #expect(footer.contains("<w:instrText xml:space=\"preserve\"> PAGE </w:instrText>"))
    #expect(footer.contains(" 页</w:t>"))
    #expect(try officePart(data, "word/_rels/document.xml.rels").contains("Target=\"footer1.xml\""))
    #expect(try officePart(data, "[Content_Types].xml").contains("/word/footer1.xml"))
  }

  /// Given a rule file with `[bulletin] office`, when loaded, then the office is read; a misspelt key is refused
  /// at its line.
  @Test func ruleFileNamesTheOffice() throws {
    let text = WorkingFixture.ruleText("[bulletin]\noffice = \"洪泽区督考服务中心\"\n")
    let rules = try WorkingFixture.withRuleFile(text) { path in
      try #require(try RuleFileParser.loadBook(at: path).ruleSets.first)
    }
    #expect(rules.bulletinOffice == "洪泽区督考服务中心")

    let withoutTable = try WorkingFixture.withRuleFile(WorkingFixture.ruleText()) { path in
      try #require(try RuleFileParser.loadBook(at: path).ruleSets.first)
    }
    #expect(withoutTable.bulletinOffice == nil)

    let misspelt = WorkingFixture.ruleText("[bulletin]\nofice = \"洪泽区督考服务中心\"\n")
    let error = try WorkingFixture.withRuleFile(misspelt) { path in
      try #require(throws: ZhaoshangError.self) { try RuleFileParser.loadBook(at: path) }
    }
    #expect(error.text(.zh).contains("rules.toml:4:"))
    #expect(error.text(.zh).contains("[bulletin] 中有未知的键「ofice」"))
  }
}
