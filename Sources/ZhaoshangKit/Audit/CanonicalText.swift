import Foundation

/// A column's value as the audit trail fingerprints it, defined from the value's type rather than from how an
/// engine stores it: integers in decimal, booleans as `1` and `0`, dates as YYYY-MM-DD, bytes in base64, a trip's
/// companies as zhaoshang's compact JSON array, a close's frozen JSON as zhaoshang writes it, text as it is.
///
/// These are the forms SQLite's ledger has always held (GRDB writes a `Bool` as 1 or 0, zhaoshang writes dates and
/// JSON as text), so its stored hashes stand unchanged; an engine that keeps values in types of its own (PostgreSQL's
/// `boolean`, `date`, `jsonb`) renders them here, and the same row gives the same fingerprint on either.
package enum CanonicalText {
  package static func of(_ value: Int64) -> String { String(value) }
  package static func of(_ value: Bool) -> String { value ? "1" : "0" }
  package static func of(_ date: CivilDate) -> String { date.iso }
  package static func of(_ bytes: Data) -> String { bytes.base64EncodedString() }

  /// A JSON column's text, from the value it holds: `companies` as `CompanyJSON` writes the list, a close's
  /// `check_json` and `bulletin_json` as `FrozenJSON` writes them. Text that does not hold the column's value is
  /// returned as it is, so its fingerprint then tells the change.
  package static func json(column: String, text: String) -> String {
    guard column == "companies" else { return FrozenJSON.canonical(column: column, text: text) }
    guard let companies = try? JSONDecoder().decode([String].self, from: Data(text.utf8)) else { return text }
    var bytes: [UInt8] = []
    CompanyJSON.encode(companies, appendingTo: &bytes)
    return String(decoding: bytes, as: UTF8.self)
  }
}
