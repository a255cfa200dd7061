import Crypto
import Foundation

/// The payload of a creation event, computed while the created rows are read, one at a time.
///
/// `AuditTrail.creationPayload` defines the payload over rows held in memory, each as a dictionary of strings:
/// for an import of a million trips that is gigabytes and seconds. This reads the same rows with the same SQL
/// through SQLite's C API, writes each row's canonical text into one reused buffer, and feeds the digests as it
/// goes, keeping only what the payload holds. The result is the same, byte for byte (AuditTrailTests compare
/// them), so `verify`, which recomputes rows the defining way, agrees with it.
package struct CreationDigest {
  private var total = SHA256()
  private var block = SHA256()
  private var inBlock = 0
  private var rows = 0
  private var prints: [String] = []
  private var blockDigests: [String] = []
  private var gaps: [Int64] = []
  private var missing: Int64 = 0
  /// The id of the last row read.
  private var lastID: Int64?
  private var range: ClosedRange<Int64>
  /// The row being added: a newline, then its fingerprint; kept between rows so no row allocates one.
  private var line = newlineAndFingerprint
  /// Set when rows came out of id order, which only a digest fed as rows are written can see: it is then not used.
  private var outOfOrder = false

  init(range: ClosedRange<Int64>) {
    self.range = range
  }

  /// A digest of the rows of `range`, fed in id order (`add(id:canonical:)`) by a store that reads them a page at
  /// a time; `payload(of:)` then gives what `payload(table:range:db:)` gives for them.
  package init(over range: ClosedRange<Int64>) {
    self.range = range
  }

  /// The payload of the rows of `range` (see `init(over:)`), every one fed.
  package func payload(of table: AuditedTable) -> EventPayload {
    var digest = self
    return digest.finish(table: table.name)
  }

  /// A digest fed as rows are written (`add(id:canonical:)`), whose range is known only at the end. Its first row
  /// must have the id `firstID`.
  init(startingAt firstID: Int64) {
    self.range = firstID...firstID
  }

  /// The payload of the rows fed so far, if they are every row of `range` in id order: then it is the payload
  /// `payload(table:range:db:)` reads from the table, provided the rows were fed as they are stored. Nil when
  /// an id of `range` was not fed (a row written another way), so the caller reads the table instead.
  func payload(table: AuditedTable, range: ClosedRange<Int64>) -> EventPayload? {
    guard !outOfOrder, rows > 0, missing == 0, self.range.lowerBound == range.lowerBound,
      lastID == range.upperBound, Int64(rows) == range.upperBound - range.lowerBound + 1
    else { return nil }
    var digest = self
    digest.range = range
    return digest.finish(table: table.name)
  }

  mutating func add(id: Int64, canonical: [UInt8]) {
    canonical.withUnsafeBytes { add(id: id, canonical: $0) }
  }

  /// Adds the row `id` whose canonical columns (as `appendCanonical` writes them, joined by 0x1F) are `canonical`.
  package mutating func add(id: Int64, canonical: UnsafeRawBufferPointer) {
    // The fingerprint after a newline, in one buffer: the newline joins it to the one before in both digests.
    Self.writeFingerprint(of: canonical, into: &line)
    addLine(id: id)
  }

  /// Adds the row `id` whose fingerprint (`AuditTrail.fingerprint` of its canonical columns, as
  /// `appendFingerprint` writes it: 16 hex digits) is `fingerprint`, computed beforehand, on another thread.
  mutating func add(id: Int64, fingerprint: UnsafeRawBufferPointer) {
    line.withUnsafeMutableBytes { line in
      UnsafeMutableRawBufferPointer(rebasing: line[1...]).copyMemory(from: fingerprint)
    }
    addLine(id: id)
  }

  /// Adds the row `id` whose fingerprint is in `line`, after its newline.
  private mutating func addLine(id: Int64) {
    // Rows come in id order, inside the range: the ids between the last one and this one are missing.
    let expected = lastID.map { $0 + 1 } ?? range.lowerBound
    if id < expected { outOfOrder = true }
    if expected < id { noteGaps(expected...(id - 1)) }
    lastID = id
    line.withUnsafeBytes { bytes in
      total.update(bufferPointer: rows > 0 ? bytes : UnsafeRawBufferPointer(rebasing: bytes[1...]))
      block.update(bufferPointer: inBlock > 0 ? bytes : UnsafeRawBufferPointer(rebasing: bytes[1...]))
    }
    inBlock += 1
    rows += 1
    if inBlock == AuditTrail.blockSize { closeBlock() }
    if prints.count <= AuditTrail.fingerprintLimit { prints.append(String(decoding: line[1...], as: UTF8.self)) }
  }

  /// A newline, then room for a fingerprint's 16 hex digits.
  private static let newlineAndFingerprint: [UInt8] = [UInt8(ascii: "\n")] + Array(repeating: 0, count: 16)
  private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

  /// Writes `fingerprint(of:)` into `line` after its newline, without building arrays on the way.
  private static func writeFingerprint(of canonical: UnsafeRawBufferPointer, into line: inout [UInt8]) {
    var hasher = SHA256()
    hasher.update(bufferPointer: canonical)
    let digest = hasher.finalize()
    line.withUnsafeMutableBufferPointer { out in
      writeHex(of: digest, into: UnsafeMutableBufferPointer(rebasing: out[1...]))
    }
  }

  /// Appends `fingerprint(of:)`, the 16 hex digits `add(id:fingerprint:)` takes, to `prints`.
  static func appendFingerprint(of canonical: UnsafeRawBufferPointer, to prints: inout [UInt8]) {
    var hasher = SHA256()
    hasher.update(bufferPointer: canonical)
    let digest = hasher.finalize()
    let start = prints.count
    prints.append(contentsOf: repeatElement(0, count: 16))
    prints.withUnsafeMutableBufferPointer { out in
      writeHex(of: digest, into: UnsafeMutableBufferPointer(rebasing: out[start...]))
    }
  }

  /// The first 16 hex digits of `digest`, into the first 16 bytes of `out`.
  private static func writeHex(of digest: SHA256.Digest, into out: UnsafeMutableBufferPointer<UInt8>) {
    hexDigits.withUnsafeBufferPointer { digits in
      digest.withUnsafeBytes { bytes in
        for index in 0..<8 {
          out[2 * index] = digits[Int(bytes[index] >> 4)]
          out[1 + 2 * index] = digits[Int(bytes[index] & 0x0F)]
        }
      }
    }
  }

  /// Ids the range holds but the table does not: counted, and the first 1,000 kept, since `creationPayload`
  /// lists them only when fewer than 1,000 are missing. Counted without walking them: one stray id far above
  /// the rest must not cost a loop over the ids between.
  private mutating func noteGaps(_ ids: ClosedRange<Int64>) {
    let (span, overflow) = ids.upperBound.subtractingReportingOverflow(ids.lowerBound)
    let (sum, past) = missing.addingReportingOverflow(span &+ 1)
    missing = overflow || span == Int64.max || past ? Int64.max : sum
    var id = ids.lowerBound
    while gaps.count < 1000 {
      gaps.append(id)
      guard id < ids.upperBound else { break }
      id += 1
    }
  }

  private mutating func closeBlock() {
    blockDigests.append(Self.hex(block.finalize()))
    block = SHA256()
    inBlock = 0
  }

  mutating func finish(table: String) -> EventPayload {
    // The ids after the last row, or all of them when there was none, are missing.
    if let lastID {
      if lastID < range.upperBound { noteGaps((lastID + 1)...range.upperBound) }
    } else {
      noteGaps(range)
    }
    if inBlock > 0 { closeBlock() }
    let small = rows <= AuditTrail.fingerprintLimit
    let listedGaps = missing < 1000 ? gaps : []
    return EventPayload(
      table: table, firstID: range.lowerBound, lastID: range.upperBound, gaps: listedGaps.isEmpty ? nil : listedGaps,
      rows: rows, digest: Self.hex(total.finalize()), fingerprints: small ? prints : nil,
      blockDigests: small ? nil : blockDigests)
  }

  /// `AuditTrail.fingerprint`: the first 16 hex digits of the SHA-256 of the canonical text, as bytes.
  static func fingerprint(of canonical: UnsafeRawBufferPointer) -> [UInt8] {
    var hasher = SHA256()
    hasher.update(bufferPointer: canonical)
    return Array(hexBytes(hasher.finalize()).prefix(16))
  }

  private static func hexBytes(_ digest: SHA256.Digest) -> [UInt8] {
    let digits = Array("0123456789abcdef".utf8)
    var hex: [UInt8] = []
    hex.reserveCapacity(64)
    for byte in digest {
      hex.append(digits[Int(byte >> 4)])
      hex.append(digits[Int(byte & 0x0F)])
    }
    return hex
  }

  private static func hex(_ digest: SHA256.Digest) -> String { String(decoding: hexBytes(digest), as: UTF8.self) }
}
