/// An RFC 4180 CSV parser over bytes, fed in chunks so a file of any size streams through flat memory.
///
/// The CSV packages at hand neither report the line a record starts on, which every error message
/// needs, nor read GB18030, so this one is written here (see the README's "Design" section).
public struct CSVParser {
  public enum Failure: Error, Equatable {
    /// A field's bytes are not valid in the file's encoding.
    case undecodable(line: Int)
    /// A quoted field is still open at the end of the file.
    case unterminatedQuote(line: Int)
    /// A NUL byte: the file is not text.
    case binary(line: Int)
    /// A field longer than anything a real sheet holds.
    case fieldTooLong(line: Int)
    /// More fields in one record than any real sheet has.
    case tooManyFields(line: Int)
  }

  public static let maxFieldBytes = 1 << 20
  public static let maxFields = 1000

  private enum State {
    case fieldStart
    case unquoted
    case quoted
    case quoteInQuoted
  }

  private let encoding: TextEncoding
  private var state = State.fieldStart
  private var field: [UInt8] = []
  private var fields: [String] = []
  private var line = 1
  private var recordLine = 1
  private var pendingCR = false
  /// How many bytes of a leading UTF-8 byte-order mark have been seen; nil once past the file's start.
  private var bomBytesSeen: Int? = 0
  private static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

  public init(encoding: TextEncoding) {
    self.encoding = encoding
    field.reserveCapacity(256)
  }

  /// Parses a chunk, handing each completed record to `emit`.
  public mutating func feed(_ bytes: UnsafeBufferPointer<UInt8>, emit: (CSVRecord) throws -> Void) throws {
    var index = 0
    // The mark may arrive split over chunks: swallow its bytes one at a time while they match.
    while let seen = bomBytesSeen, index < bytes.count {
      if bytes[index] == Self.byteOrderMark[seen] {
        index += 1
        bomBytesSeen = seen + 1 == Self.byteOrderMark.count ? nil : seen + 1
      } else {
        bomBytesSeen = nil
        for byte in Self.byteOrderMark.prefix(seen) { try append(byte) }
        if seen > 0 { state = .unquoted }
      }
    }
    while index < bytes.count {
      let byte = bytes[index]
      index += 1
      if byte == 0 { throw Failure.binary(line: line) }
      if pendingCR {
        pendingCR = false
        if byte == UInt8(ascii: "\n") { continue }
      }
      switch state {
      case .fieldStart, .unquoted:
        switch byte {
        case UInt8(ascii: "\"") where state == .fieldStart:
          state = .quoted
        case UInt8(ascii: ","):
          try endField()
          state = .fieldStart
        case UInt8(ascii: "\r"), UInt8(ascii: "\n"):
          pendingCR = byte == UInt8(ascii: "\r")
          try endRecord(emit: emit)
          line += 1
          recordLine = line
        default:
          // Copy the run of plain bytes up to the next comma, line break or NUL at once, not byte by byte.
          let end = Self.endOfRun(in: bytes, from: index, stoppingAt: UInt8(ascii: ","))
          try append(UnsafeBufferPointer(rebasing: bytes[(index - 1)..<end]))
          index = end
          state = .unquoted
        }
      case .quoted:
        if byte == UInt8(ascii: "\"") {
          state = .quoteInQuoted
        } else if byte == UInt8(ascii: "\n") {
          line += 1
          try append(byte)
        } else if byte != UInt8(ascii: "\r") {
          // Excel writes CRLF inside quoted cells too; the CR is dropped, keeping the line break a plain LF.
          let end = Self.endOfRun(in: bytes, from: index, stoppingAt: UInt8(ascii: "\""))
          try append(UnsafeBufferPointer(rebasing: bytes[(index - 1)..<end]))
          index = end
        }
      case .quoteInQuoted:
        switch byte {
        case UInt8(ascii: "\""):
          try append(byte)
          state = .quoted
        case UInt8(ascii: ","):
          try endField()
          state = .fieldStart
        case UInt8(ascii: "\r"), UInt8(ascii: "\n"):
          pendingCR = byte == UInt8(ascii: "\r")
          try endRecord(emit: emit)
          line += 1
          recordLine = line
        default:
          // A stray character after a closing quote: keep it, as spreadsheet programs do.
          try append(byte)
          state = .unquoted
        }
      }
    }
  }

  /// Ends the input: emits the last record when the file does not end with a line break.
  public mutating func finish(emit: (CSVRecord) throws -> Void) throws {
    if state == .quoted { throw Failure.unterminatedQuote(line: recordLine) }
    if state != .fieldStart || !field.isEmpty || !fields.isEmpty {
      try endRecord(emit: emit)
    }
  }

  /// The index of the first line break, NUL or `stop` byte at or after `start`, or the end of the chunk.
  private static func endOfRun(in bytes: UnsafeBufferPointer<UInt8>, from start: Int, stoppingAt stop: UInt8) -> Int {
    var end = start
    while end < bytes.count {
      let byte = bytes[end]
      if byte == stop || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") || byte == 0 { break }
      end += 1
    }
    return end
  }

  private mutating func append(_ run: UnsafeBufferPointer<UInt8>) throws {
    guard field.count + run.count <= Self.maxFieldBytes else { throw Failure.fieldTooLong(line: recordLine) }
    field.append(contentsOf: run)
  }

  private mutating func append(_ byte: UInt8) throws {
    guard field.count < Self.maxFieldBytes else { throw Failure.fieldTooLong(line: recordLine) }
    field.append(byte)
  }

  private mutating func endField() throws {
    guard fields.count < Self.maxFields else { throw Failure.tooManyFields(line: recordLine) }
    let text = field.withUnsafeBufferPointer { encoding.decode($0) }
    guard let text else { throw Failure.undecodable(line: recordLine) }
    fields.append(text)
    field.removeAll(keepingCapacity: true)
  }

  private mutating func endRecord(emit: (CSVRecord) throws -> Void) throws {
    try endField()
    state = .fieldStart
    // A line holding nothing at all is not a record.
    if !(fields.count == 1 && fields[0].isEmpty) {
      try emit(CSVRecord(fields: fields, line: recordLine))
    }
    // Cleared after the record is gone, so the array's storage is reused rather than copied for every record.
    fields.removeAll(keepingCapacity: true)
  }
}
