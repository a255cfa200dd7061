import ZhaoshangKit

/// A trip as a unit's form or the API gives it, before it is a `Trip`: text as typed, so the form can be shown
/// again exactly as sent, with its problems.
struct TripDraft: Sendable {
  var heads: [String] = []
  var from = ""
  var fromAfternoon = false
  var to = ""
  var toMorning = false
  var kind = TripKind.visit.id
  var destination = ""
  var purpose = ""
  var companies = ""

  init(from: String, to: String) {
    self.from = from
    self.to = to
  }

  init(_ fields: FormFields) {
    heads = fields.all("heads[]").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    from = fields.text("from")
    fromAfternoon = fields["from_afternoon"] == "1"
    to = fields.text("to")
    toMorning = fields["to_morning"] == "1"
    kind = fields.text("kind").isEmpty ? TripKind.visit.id : fields.text("kind")
    destination = fields.text("destination")
    purpose = fields.text("purpose")
    companies = fields.text("companies")
  }

  /// A returned trip, to be corrected.
  init(_ trip: Trip) {
    heads = [trip.name]
    from = trip.start.iso
    fromAfternoon = trip.startsAfternoon
    to = trip.end.iso
    toMorning = trip.endsMorning
    kind = trip.kind
    destination = trip.destination
    purpose = trip.purpose
    companies = CompanyList.join(trip.companies)
  }

  /// One trip per head, or every problem of the form at once (422), each naming its field. Dates take any
  /// form the command line accepts, a half (`下午`, `上午`) included.
  func trips(unit: String) -> Result<[Located<Trip>], WebFailure> {
    var problems: [WebProblem] = []
    func problem(_ code: ProblemCode, _ field: ProblemField, _ zh: String, _ en: String) {
      problems.append(WebProblem(code: code.rawValue, field: field.rawValue, message: Localized(zh, en)))
    }
    if heads.isEmpty { problem(.valueMissing, .names, "请至少选择一名外出人员", "choose at least one person who went") }
    // The dates are read as an import and the command line read them, so each accepts the same writing.
    var dates: TripDates?
    switch TripDates.read(start: from, end: to) {
    case .success(let read): dates = read
    case .failure(let refusal):
      for each in refusal.problems {
        problems.append(
          WebProblem(
            code: each.code.rawValue, field: (each.field ?? .from).rawValue, message: each.explained()))
      }
    }
    if destination.isEmpty { problem(.valueMissing, .destination, "目的地不能为空", "the destination is empty") }
    if destination.count > 200 || purpose.count > 500 || companies.count > 1000 {
      problem(.textInvalid, .destination, "填写的内容太长", "an entry is too long")
    }
    guard problems.isEmpty, let dates else {
      return .failure(WebFailure(status: .unprocessableContent, problems: problems))
    }
    var seen = Set<String>()
    let names = heads.flatMap { NameList.split($0) }.filter { seen.insert($0).inserted }
    let trips = names.map { name in
      Located(
        Trip(
          unit: unit, name: name, start: dates.start, startsAfternoon: fromAfternoon || dates.startsAfternoon,
          end: dates.end, endsMorning: toMorning || dates.endsMorning, kind: kind,
          destination: destination, purpose: purpose, companies: CompanyList.split(companies)),
        excerpt: name)
    }
    return .success(trips)
  }
}
