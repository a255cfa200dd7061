/// Which events `history` lists for a unit, a head and a month: those whose own subject names them, and those
/// whose subject is wider but whose rows reach them.
///
/// An event names one unit (and head) only when everything it wrote shares it, and names months only when its rows
/// have dates; so an import of several units' trips, a roster import, a close or a reopening names no unit, and a
/// roster import no month. Such events are looked into: a batch is listed when one of its rows belongs to the unit
/// (or head) and reaches the month; a close, a reopening and an amendment concern every unit of their month.
package struct HistoryScope {
  package let unit: String?
  package let name: String?
  package let month: Month?

  package init(unit: String?, name: String?, month: Month?) {
    self.unit = unit
    self.name = name
    self.month = month
  }

  var isEmpty: Bool { unit == nil && name == nil && month == nil }

  /// What the event's own columns and payload settle; `reaching` when the rows it names must be read.
  package enum Settled: Equatable {
    case included
    case excluded
    /// Included when a row of `table` with an id in `ids` is of the scope's unit, head and month.
    case reaching(table: String, ids: ClosedRange<Int64>)
  }

  package func settle(_ event: EventRecord) -> Settled {
    guard !isEmpty else { return .included }
    // What the event's own columns settle: a named unit, head or month that differs rules it out.
    if let unit, let named = event.unit, named != unit { return .excluded }
    if let name, let named = event.name, named != name { return .excluded }
    if let month, let first = event.firstMonth, let last = event.lastMonth, !(first <= month.iso && month.iso <= last) {
      return .excluded
    }
    let unitSettled = unit == nil || event.unit != nil
    let nameSettled = name == nil || event.name != nil
    let monthSettled = month == nil || event.firstMonth != nil
    if unitSettled && nameSettled && monthSettled { return .included }
    guard let payload = AuditTrail.decode(event.payload) else { return .excluded }
    // A month's close, reopening or amendment: about every unit and head of the month it names.
    if payload.table == nil, event.firstMonth != nil {
      return monthSettled ? .included : .excluded
    }
    guard let table = payload.table, let ids = Self.ids(payload) else { return .excluded }
    return .reaching(table: table, ids: ids)
  }

  /// The rows an event wrote or changed.
  package static func ids(_ payload: EventPayload) -> ClosedRange<Int64>? {
    if let id = payload.id { return id...id }
    guard let first = payload.firstID, let last = payload.lastID, first <= last else { return nil }
    return first...last
  }

  /// How a row of `table` is reached for a history's scope: its first and last dated columns, and the join from the
  /// table to its head ending in `WHERE <table>.id`, in SQL both engines read alike; nil for a table whose rows
  /// name their unit and month themselves, or none. One list, so that what a unit's history may show is decided
  /// the same way on every store.
  package static func datedRows(of table: String) -> (from: String, to: String, join: String)? {
    switch table {
    case "trip":
      return ("trip.start_date", "trip.end_date", "trip JOIN head ON head.id = trip.head_id WHERE trip.id")
    case "post":
      return ("post.from_date", "post.to_date", "post JOIN head ON head.id = post.head_id WHERE post.id")
    case "leave":
      return ("leave.from_date", "leave.to_date", "leave JOIN head ON head.id = leave.head_id WHERE leave.id")
    case "trip_review":
      return (
        "trip.start_date", "trip.end_date",
        "trip_review JOIN trip ON trip.id = trip_review.trip_id JOIN head ON head.id = trip.head_id WHERE trip_review.id"
      )
    case "trip_restoration":
      return (
        "trip.start_date", "trip.end_date",
        "trip_restoration JOIN trip ON trip.id = trip_restoration.voided_trip_id JOIN head ON head.id = trip.head_id WHERE trip_restoration.id"
      )
    default:
      // Explanations, accounts and tokens name their unit and month themselves, or none: nothing to look into.
      return nil
    }
  }

}
