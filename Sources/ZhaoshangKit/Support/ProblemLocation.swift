/// Where a problem is: in a source (a file, an upload) at a line or a workbook's cell, and/or in one field.
public struct ProblemLocation: Sendable, Equatable {
  /// The file's or upload's name; nil for a value not read from a file.
  public var source: String?
  /// The line in a text source.
  public var line: Int?
  /// A workbook's `SHEET!CELL`.
  public var cell: String?
  /// The domain field at fault.
  public var field: ProblemField?

  public init(source: String? = nil, line: Int? = nil, cell: String? = nil, field: ProblemField? = nil) {
    self.source = source
    self.line = line
    self.cell = cell
    self.field = field
  }

  /// A position as the readers write it, `FILE`, `FILE:LINE` or `FILE:SHEET!CELL`, taken apart so that
  /// `position` gives it back unchanged.
  public init(position: String, field: ProblemField? = nil) {
    self.field = field
    guard let colon = position.lastIndex(of: ":") else {
      source = position
      return
    }
    let head = String(position[..<colon])
    let tail = String(position[position.index(after: colon)...])
    if let number = Int(tail), tail.allSatisfy(\.isASCII) {
      source = head
      line = number
    } else if tail.contains("!"), !tail.contains("/"), !tail.contains("\\") {
      source = head
      cell = tail
    } else {
      source = position
    }
  }

  /// `FILE:LINE`, `FILE:SHEET!CELL` or `FILE`; nil when the problem is in no source.
  public var position: String? {
    guard let source else { return nil }
    if let line { return "\(source):\(line)" }
    if let cell { return "\(source):\(cell)" }
    return source
  }
}
