/// A document laid out as official documents are (党政机关公文格式, GB/T 9704): a title, a line with the
/// document number (文号) and date, headings, paragraphs, tables. `DOCXWriter` writes it as .docx.
public struct WordDocument: Sendable, Equatable {
  public enum Block: Sendable, Equatable {
    /// The issuing office at the head of the first page, large and red, centred (发文机关标志).
    case masthead(String)
    /// The issue number (第7期), centred under the masthead.
    case issue(String)
    /// In 方正小标宋简体 二号, centred.
    case title(String)
    /// The document number on the left and the date on the right, ruled off below.
    case reference(number: String, date: String)
    /// A first-level heading such as 一、…, in 黑体 三号.
    case heading(String)
    /// Body text in 仿宋_GB2312 三号, first line indented two characters.
    case paragraph(String)
    /// A table, every cell centred as official tables are; the last row in bold when it holds the totals.
    /// `numeric` names the columns of figures, for writers that align them.
    case table(header: [String], rows: [[String]], numeric: Set<Int>, totalRow: Bool)
    /// A note in a smaller size.
    case note(String)
    /// The 落款 at the end: the office's name and the date below it, set to the right.
    case signature(office: String, date: String)
  }

  public var blocks: [Block]
  /// The words around the page number in every page's footer: 「第 3 页」 is ("第 ", " 页").
  public var pageNumberPrefix: String
  public var pageNumberSuffix: String

  public init(blocks: [Block], pageNumberPrefix: String = "第 ", pageNumberSuffix: String = " 页") {
    self.blocks = blocks
    self.pageNumberPrefix = pageNumberPrefix
    self.pageNumberSuffix = pageNumberSuffix
  }
}
