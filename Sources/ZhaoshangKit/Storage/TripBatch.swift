import Foundation

/// Rows of trips, validated and waiting to be inserted: their text in one buffer, where each row's cells are, and
/// the audit fingerprints of the rows whose fingerprint the reading thread computed while it waited.
final class TripBatch: @unchecked Sendable {
  // Why `@unchecked Sendable` is safe: a batch is used by one thread at a time. The reading thread fills it and
  // hands it to `InsertPipeline.submit`, which gives it to the inserting thread under the pipeline's lock and
  // touches it no more; the inserting thread hands it back, cleared, under the same lock.

  /// Each row's cells, one after the other, each followed by a NUL: start, end, kind, destination, purpose,
  /// companies (JSON), void reason.
  var text: [UInt8] = []
  var rows: [Row] = []
  /// The first two canonical columns of each row's head as the row names it (`=unit`, 0x1F, `=name`), written
  /// once for a run of rows naming their head alike. The inserting thread compares them with the head as stored
  /// before it takes a fingerprint computed from them.
  private(set) var heads: [UInt8] = []
  /// The audit fingerprints (`AuditTrail.fingerprint`, 16 hex digits each) of the first `fingerprinted` rows,
  /// computed from the row's values and its head as the row names it.
  private(set) var prints: [UInt8] = []
  private(set) var fingerprinted = 0

  struct Row {
    var headId: Int64
    /// Where the row's seven cells start in `text`, and where the row ends; each cell ends one byte (its NUL)
    /// before the next begins.
    var bounds: (Int32, Int32, Int32, Int32, Int32, Int32, Int32, Int32)
    /// Where the head's canonical columns as the row names it are in `heads`.
    var head: (Int32, Int32)
    var startsAfternoon: Bool
    var endsMorning: Bool
    var isVoid: Bool
    /// Whether no cell holds a NUL of its own, so each ends at its terminating NUL and SQLite may read it as a
    /// C string. Validation refuses control characters in every field but the void reason, so nearly always.
    var terminated: Bool
  }

  init() {
    text.reserveCapacity(256 * 128)
    rows.reserveCapacity(256)
    heads.reserveCapacity(4096)
    prints.reserveCapacity(256 * 16)
  }

  func append(_ trip: Trip, headId: Int64) {
    let start = Int32(text.count)
    ISODate.append(trip.start, to: &text)
    text.append(0)
    let end = Int32(text.count)
    ISODate.append(trip.end, to: &text)
    text.append(0)
    let kind = Int32(text.count)
    append(trip.kind)
    let destination = Int32(text.count)
    append(trip.destination)
    let purpose = Int32(text.count)
    append(trip.purpose)
    let companies = Int32(text.count)
    CompanyJSON.encode(trip.companies, appendingTo: &text)
    text.append(0)
    let reason = Int32(text.count)
    if let voiding = trip.voiding {
      append(voiding.reason)
    } else {
      text.append(0)
    }
    let bounds = (start, end, kind, destination, purpose, companies, reason, Int32(text.count))
    rows.append(
      Row(
        headId: headId, bounds: bounds, head: head(unit: trip.unit, name: trip.name, of: headId),
        startsAfternoon: trip.startsAfternoon, endsMorning: trip.endsMorning, isVoid: trip.isVoid,
        terminated: Self.eachCellEndsAtItsNUL(text, bounds)))
  }

  /// Whether each of the row's cells holds no NUL before the one that ends it (dates and the companies' JSON never
  /// do: the JSON escapes control characters).
  private static func eachCellEndsAtItsNUL(
    _ text: [UInt8], _ b: (Int32, Int32, Int32, Int32, Int32, Int32, Int32, Int32)
  ) -> Bool {
    text.withUnsafeBufferPointer { buffer in
      guard let base = buffer.baseAddress else { return true }
      func clean(_ from: Int32, _ next: Int32) -> Bool {
        memchr(base + Int(from), 0, Int(next - 1 - from)) == nil
      }
      return clean(b.2, b.3) && clean(b.3, b.4) && clean(b.4, b.5) && clean(b.6, b.7)
    }
  }

  /// Writes the head's canonical columns as the row names it, unless the row before wrote the same bytes for the
  /// same head (a file lists a head's trips together); returns where they are.
  private func head(unit: String, name: String, of headId: Int64) -> (Int32, Int32) {
    let start = heads.count
    heads.append(UInt8(ascii: "="))
    append(unit, to: &heads)
    heads.append(0x1F)
    heads.append(UInt8(ascii: "="))
    append(name, to: &heads)
    guard let last = rows.last, last.headId == headId else { return (Int32(start), Int32(heads.count)) }
    let previous = Int(last.head.0)..<Int(last.head.1)
    let same = heads.withUnsafeBufferPointer { buffer in
      guard let base = buffer.baseAddress, previous.count == buffer.count - start else { return false }
      return memcmp(base + previous.lowerBound, base + start, previous.count) == 0
    }
    guard same else { return (Int32(start), Int32(heads.count)) }
    heads.removeSubrange(start...)
    return last.head
  }

  private func append(_ value: String) {
    append(value, to: &text)
    text.append(0)
  }

  private func append(_ value: String, to bytes: inout [UInt8]) {
    var value = value
    value.withUTF8 { bytes.append(contentsOf: $0) }
  }

  /// Computes the fingerprints of up to `count` more rows, from their values and their heads as they name them.
  func fingerprint(next count: Int, with fingerprinter: inout TripFingerprinter) {
    let last = min(rows.count, fingerprinted + count)
    guard fingerprinted < last else { return }
    text.withUnsafeBufferPointer { text in
      heads.withUnsafeBufferPointer { heads in
        for index in fingerprinted..<last {
          let row = rows[index]
          let head = UnsafeBufferPointer(rebasing: heads[Int(row.head.0)..<Int(row.head.1)])
          fingerprinter.fingerprint(of: row, text: text, head: head, appendingTo: &prints)
        }
      }
    }
    fingerprinted = last
  }

  func clear() {
    text.removeAll(keepingCapacity: true)
    rows.removeAll(keepingCapacity: true)
    heads.removeAll(keepingCapacity: true)
    prints.removeAll(keepingCapacity: true)
    fingerprinted = 0
  }
}
