/// What a month's bulletin carries forward to the next one: the year so far and the runs of short months that end
/// with it. Decoded from a frozen bulletin without its ranked table and short heads, which are nearly all of it.
package struct CarriedForward: Sendable, Equatable, Decodable {
  package let yearToDate: YearToDate
  /// Per unit short in the month, how many months in a row it has been short, ending with the month.
  package let shortRuns: [String: Int]

  package init(_ bulletin: Bulletin) {
    yearToDate = bulletin.yearToDate
    shortRuns = Self.runs(bulletin.shortUnits.map { ($0.unit, $0.shortRun) })
  }

  package init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    yearToDate = try container.decode(YearToDate.self, forKey: .yearToDate)
    shortRuns = Self.runs(try container.decode([ShortUnit].self, forKey: .shortUnits).map { ($0.unit, $0.shortRun) })
  }

  private static func runs(_ pairs: [(String, Int)]) -> [String: Int] {
    Dictionary(pairs, uniquingKeysWith: max)
  }

  /// A short unit as the bulletin's JSON writes it, its heads left unread.
  private struct ShortUnit: Decodable {
    let unit: String
    let shortRun: Int

    enum CodingKeys: String, CodingKey {
      case unit
      case shortRun = "short_run"
    }
  }

  private enum CodingKeys: String, CodingKey {
    case yearToDate = "year_to_date"
    case shortUnits = "short_units"
  }
}
