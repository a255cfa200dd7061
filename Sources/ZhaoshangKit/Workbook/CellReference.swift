/// A cell's place as Excel names it: `C5` is column 2 (from 0), row 5 (from 1).
public struct CellReference: Hashable, Sendable {
  public let column: Int
  public let row: Int

  public init(column: Int, row: Int) {
    self.column = column
    self.row = row
  }

  /// Reads `C5` or `$C$5`; nil for anything else.
  public init?(_ text: String) {
    var column = 0
    var row = 0
    var letters = 0
    var digits = 0
    for byte in text.utf8 where byte != UInt8(ascii: "$") {
      switch byte {
      case UInt8(ascii: "A")...UInt8(ascii: "Z") where digits == 0:
        column = column * 26 + Int(byte - UInt8(ascii: "A")) + 1
        letters += 1
      case UInt8(ascii: "a")...UInt8(ascii: "z") where digits == 0:
        column = column * 26 + Int(byte - UInt8(ascii: "a")) + 1
        letters += 1
      case UInt8(ascii: "0")...UInt8(ascii: "9"):
        row = row * 10 + Int(byte - UInt8(ascii: "0"))
        digits += 1
      default: return nil
      }
      if letters > 3 || digits > 7 { return nil }
    }
    guard letters > 0, digits > 0, row > 0 else { return nil }
    self.column = column - 1
    self.row = row
  }

  /// `A` for 0, `Z` for 25, `AA` for 26.
  public static func letters(_ column: Int) -> String {
    var number = column + 1
    var result: [Character] = []
    while number > 0 {
      let remainder = (number - 1) % 26
      result.insert(Character(Unicode.Scalar(UInt8(65 + remainder))), at: 0)
      number = (number - 1) / 26
    }
    return String(result)
  }

  public var name: String { Self.letters(column) + String(row) }
}

/// A rectangle of cells such as a merged range `A5:A8`.
struct CellRange: Hashable, Sendable {
  let first: CellReference
  let last: CellReference

  init?(_ text: String) {
    let parts = text.split(separator: ":")
    guard let first = parts.first.flatMap({ CellReference(String($0)) }) else { return nil }
    let last = parts.count > 1 ? CellReference(String(parts[1])) : first
    guard let last, last.row >= first.row, last.column >= first.column else { return nil }
    self.first = first
    self.last = last
  }

  func contains(row: Int, column: Int) -> Bool {
    (first.row...last.row).contains(row) && (first.column...last.column).contains(column)
  }
}
