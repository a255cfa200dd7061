/// A document laid out as official documents are (党政机关公文格式, GB/T 9704): a title, a line with the
/// document number (文号) and date, headings, paragraphs, tables. `DOCXWriter` writes it as .docx.
public struct WordDocument: Sendable, Equatable {
  public enum Block: Sendable, Equatable {
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
  }

  public var blocks: [Block]

  public init(blocks: [Block]) {
    self.blocks = blocks
  }
}
