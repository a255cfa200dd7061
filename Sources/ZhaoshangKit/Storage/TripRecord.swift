import Foundation
import GRDB

/// A row of `trip`: one head's trip, voided but never deleted.
struct TripRecord: Codable, FetchableRecord, MutablePersistableRecord, Identifiable {
  static let databaseTableName = "trip"
  static let head = belongsTo(HeadRecord.self)

  var id: Int64?
  var headId: Int64
  var startDate: String
  var startsAfternoon: Bool
  var endDate: String
  var endsMorning: Bool
  var kind: String
  var destination: String
  var purpose: String
  var companies: [String]
  var recordedBy: String
  var recordedAt: String
  var voidReason: String?
  var voidedBy: String?
  var voidedAt: String?

  enum CodingKeys: String, CodingKey {
    case id
    case headId = "head_id"
    case startDate = "start_date"
    case startsAfternoon = "starts_afternoon"
    case endDate = "end_date"
    case endsMorning = "ends_morning"
    case kind, destination, purpose, companies
    case recordedBy = "recorded_by"
    case recordedAt = "recorded_at"
    case voidReason = "void_reason"
    case voidedBy = "voided_by"
    case voidedAt = "voided_at"
  }

  enum Columns {
    static let id = Column(CodingKeys.id)
    static let startDate = Column(CodingKeys.startDate)
    static let endDate = Column(CodingKeys.endDate)
  }

  init(_ trip: Trip, headId: Int64) {
    id = trip.id
    self.headId = headId
    startDate = trip.start.iso
    startsAfternoon = trip.startsAfternoon
    endDate = trip.end.iso
    endsMorning = trip.endsMorning
    kind = trip.kind
    destination = trip.destination
    purpose = trip.purpose
    companies = trip.companies
    recordedBy = trip.recordedBy
    recordedAt = trip.recordedAt
    voidReason = trip.voiding?.reason
    voidedBy = trip.voiding?.by
    voidedAt = trip.voiding?.at
  }

  mutating func didInsert(_ inserted: InsertionSuccess) {
    id = inserted.rowID
  }

  func trip(of head: HeadRecord) throws -> Trip {
    guard let start = CivilDate(iso: startDate), let end = CivilDate(iso: endDate) else {
      throw ZhaoshangError.storage(
        Localized("外出记录 \(id ?? 0) 的日期已损坏", "trip \(id ?? 0) holds a damaged date"))
    }
    return Trip(
      id: id, unit: head.unit, name: head.name, start: start, startsAfternoon: startsAfternoon, end: end,
      endsMorning: endsMorning, kind: kind, destination: destination, purpose: purpose, companies: companies,
      recordedBy: recordedBy, recordedAt: recordedAt,
      voiding: voidReason.map { Voiding(reason: $0, by: voidedBy ?? "", at: voidedAt ?? "") })
  }
}

/// A trip joined with its head, as trips are listed and checked.
struct TripWithHead: Decodable, FetchableRecord {
  var trip: TripRecord
  var head: HeadRecord

  func value() throws -> Trip { try trip.trip(of: head) }
}

extension DerivableRequest<TripRecord> {
  /// Trips that cover at least one day between the two dates.
  func covering(from first: CivilDate, to last: CivilDate) -> Self {
    filter(TripRecord.Columns.startDate <= last.iso && TripRecord.Columns.endDate >= first.iso)
  }

  func orderedByStart() -> Self {
    order(TripRecord.Columns.startDate, TripRecord.Columns.id)
  }
}
