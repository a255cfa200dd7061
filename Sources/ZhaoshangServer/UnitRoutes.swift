import Foundation
import Hummingbird
import ZhaoshangKit

/// A unit's pages: its heads' standing this month, its trips with their review status, the trip form, and
/// withdrawing, resubmitting or correcting a returned trip. Only unit accounts reach them, and only for their
/// own unit: the unit comes from the login, never from the request.
extension WebApp {
  func addUnitRoutes(to router: Router<WebContext>) {
    router.get("/unit") { request, context in
      let (_, unit) = try self.unitActor(context)
      return try await self.unitHome(request, context, unit: unit)
    }
    router.get("/unit/trips/new") { request, context in
      let (_, unit) = try self.unitActor(context)
      let month = try self.month(request)
      let draft = TripDraft(from: month.firstDay.iso, to: month.firstDay.iso)
      return try await self.tripForm(context, unit: unit, month: month, draft: draft, action: "/unit/trips")
    }
    router.post("/unit/trips") { request, context in
      let (actor, unit) = try self.unitActor(context)
      let fields = try await self.form(request)
      try self.requireCSRF(fields, context)
      let draft = TripDraft(fields)
      let month = self.configuration.month(nil)
      return try await self.submit(
        draft, request, context, actor: actor, unit: unit, month: month, action: "/unit/trips", replacing: nil)
    }
    router.post("/unit/report") { request, context in
      let (actor, unit) = try self.unitActor(context)
      let fields = try await self.form(request)
      try self.requireCSRF(fields, context)
      let month = try self.month(fields)
      let none = fields["none"] == "1"
      let stamp = self.stamp(actor, request)
      let today = self.configuration.today()
      let report = try await self.store { store, rules throws(ZhaoshangError) in
        try await store.reportMonth(
          unit: unit, month: month, nothingToReport: none, rules: rules, today: today, stamp: stamp, amendment: nil)
      }
      let notice = context.language.pick(
        "已报送\(month.chinese)\(report.nothingToReport ? "（未外出）" : "")",
        "reported \(month.iso)\(report.nothingToReport ? " (nobody went out)" : "")")
      return self.redirect(Self.unitHome(month), notice: notice)
    }
    router.post("/unit/trips/{id}/withdraw") { request, context in
      let (actor, _) = try self.unitActor(context)
      let fields = try await self.form(request)
      try self.requireCSRF(fields, context)
      let id = try self.tripID(context)
      let stamp = self.stamp(actor, request)
      let trip = try await self.store { store, _ throws(ZhaoshangError) in
        try await store.withdrawTrip(id: id, reason: nil, stamp: stamp)
      }
      let notice = context.language.pick(
        "已撤回 #\(id)（\(trip.name)，\(trip.destination)）", "withdrew #\(id) (\(trip.name), \(trip.destination))")
      return self.redirect(Self.unitHome(Month(containing: trip.start)), notice: notice)
    }
    router.post("/unit/trips/{id}/resubmit") { request, context in
      let (actor, _) = try self.unitActor(context)
      let fields = try await self.form(request)
      try self.requireCSRF(fields, context)
      let id = try self.tripID(context)
      let stamp = self.stamp(actor, request)
      let trip = try await self.store { store, _ throws(ZhaoshangError) in
        try await store.resubmitTrip(id: id, stamp: stamp)
      }
      let notice = context.language.pick(
        "已重新提交 #\(id)（\(trip.name)，\(trip.destination)），等待审核",
        "resubmitted #\(id) (\(trip.name), \(trip.destination)) for review")
      return self.redirect(Self.unitHome(Month(containing: trip.start)), notice: notice)
    }
    router.get("/unit/trips/{id}/correct") { request, context in
      let (actor, unit) = try self.unitActor(context)
      let id = try self.tripID(context)
      let trip = try await self.store { store, _ throws(ZhaoshangError) in try await store.trip(id: id, as: actor) }
      guard trip.review == .returned else { throw WebFailure.from(.conflict(Self.notReturned(id))) }
      return try await self.tripForm(
        context, unit: unit, month: Month(containing: trip.start), draft: TripDraft(trip),
        action: "/unit/trips/\(id)/correct")
    }
    router.post("/unit/trips/{id}/correct") { request, context in
      let (actor, unit) = try self.unitActor(context)
      let fields = try await self.form(request)
      try self.requireCSRF(fields, context)
      let id = try self.tripID(context)
      let trip = try await self.store { store, _ throws(ZhaoshangError) in try await store.trip(id: id, as: actor) }
      guard trip.review == .returned else { throw WebFailure.from(.conflict(Self.notReturned(id))) }
      return try await self.submit(
        TripDraft(fields), request, context, actor: actor, unit: unit, month: Month(containing: trip.start),
        action: "/unit/trips/\(id)/correct", replacing: id)
    }
  }

  static func notReturned(_ id: Int64) -> Localized {
    Localized("外出记录 \(id) 没有被退回，无需更正", "trip \(id) was not returned, so there is nothing to correct")
  }

  /// The unit account and its unit; any other role is refused.
  func unitActor(_ context: WebContext) throws -> (ActingUser, String) {
    let actor = try actor(context)
    guard actor.role == .unit, let unit = actor.unit else { throw WebFailure.forbidden(actor) }
    return (actor, unit)
  }

  func tripID(_ context: WebContext) throws -> Int64 {
    guard let id = context.parameters.get("id", as: Int64.self) else { throw WebFailure.notFound }
    return id
  }

  /// The unit's home page of `month`, where a unit's forms lead once done.
  static func unitHome(_ month: Month) -> String { "/unit?month=\(month.iso)" }

  func unitHome(_ request: Request, _ context: WebContext, unit: String) async throws -> Response {
    let month = try self.month(request)
    let today = configuration.today()
    let (report, trips, completeness) = try await store { store, rules throws(ZhaoshangError) in
      (
        try await store.check(month: month, rules: rules, unit: unit),
        try await store.trips(in: month, unit: unit, name: nil),
        try await store.completeness(month: month, rules: rules, today: today)
      )
    }
    let language = context.language
    var values = base(context, title: unit, month: month)
    values["unitName"] = unit
    values["monthTitle"] = language.pick(month.chinese, month.iso)
    values["notice"] = context.notice
    Self.addCompleteness(completeness, report: report, to: &values, language, wholeRoster: false)
    if let own = completeness.report(of: unit) {
      values["reported"] = language.pick(
        "\(own.label(.zh))（\(own.recordedBy)，\(own.recordedAt)）\(own.nothingToReport && report.units.first?.status == .short ? "；未外出仍按应外出天数考核，本月未达标，须作出情况说明" : "")",
        "\(own.label(.en)) (\(own.recordedBy), \(own.recordedAt))\(own.nothingToReport && report.units.first?.status == .short ? "; a zero report is still held to the required days: the unit is short and owes an explanation" : "")"
      )
    } else {
      values["reportState"] = language.pick(
        "本单位尚未报送\(month.chinese)（\(completeness.reportsDue.chinese)前须报送）。",
        "The unit has not reported \(month.iso) yet (due by \(completeness.reportsDue.iso)).")
      values["canReport"] = completeness.phase != .future
    }
    values["heads"] = report.people.map { Self.standingRow(HeadStanding($0, month: month, today: today), language) }
    values["trips"] = trips.map { Self.tripRow($0, language) }
    values["hasTrips"] = !trips.isEmpty
    return page("unit", values)
  }

  /// The month's notices (not begun, no trips, nobody assessed) as a boxed alert, and 截至X月X日 while the month
  /// is under way: the same words as `check`.
  static func addCompleteness(
    _ completeness: MonthCompleteness, report: CheckReport, to values: inout [String: Any], _ language: Language,
    wholeRoster: Bool = true
  ) {
    var warnings: [String] = []
    if completeness.phase == .future {
      warnings.append(
        language.pick(
          "\(completeness.month.chinese)还没有开始：以下数字全部为零，不是考核结果。",
          "\(completeness.month.iso) has not begun: every figure below is zero and is no result."))
    }
    if !completeness.hasTrips && completeness.phase != .future {
      warnings.append(
        language.pick(
          "\(completeness.month.chinese)还没有任何外出记录。", "\(completeness.month.iso) has no trips recorded yet."))
    }
    if wholeRoster, let empty = MonthCompleteness.emptyRosterNotice(report) { warnings.append(empty.text(language)) }
    values["warnings"] = warnings
    values["hasWarnings"] = !warnings.isEmpty
    values["soFar"] = completeness.soFar(language).map {
      language.pick("本月尚未结束，以下为\($0)的情况。", "The month is not over: figures \($0).")
    }
  }

  static func standingRow(_ standing: HeadStanding, _ language: Language) -> [String: Any] {
    var row: [String: Any] = [
      "unit": standing.unit, "name": standing.name, "role": standing.role, "counted": days(standing.counted),
      "pending": days(standing.pending), "required": days(standing.required), "daysLeft": standing.daysLeft,
    ]
    if let warning = standing.warning { row["warning"] = warning.title(language) }
    return row
  }

  static func tripRow(_ trip: Trip, _ language: Language) -> [String: Any] {
    let status = trip.isVoid ? language.pick("已作废", "void") : trip.review.title(language)
    var row: [String: Any] = [
      "id": trip.id ?? 0, "name": trip.name, "unit": trip.unit, "from": trip.startText(language),
      "to": trip.endText(language), "destination": trip.destination, "purpose": trip.purpose,
      "companies": CompanyList.join(trip.companies), "status": status,
      "statusKey": trip.isVoid ? "void" : trip.review.rawValue,
      "canResubmit": !trip.isVoid && trip.review == .returned,
      "canWithdraw": !trip.isVoid && (trip.review == .returned || trip.review == .submitted),
    ]
    if trip.review == .returned, let reason = trip.returnReason { row["returnReason"] = reason }
    return row
  }

  func tripForm(
    _ context: WebContext, unit: String, month: Month, draft: TripDraft, action: String,
    failure: WebFailure? = nil
  ) async throws -> Response {
    let (posts, kinds) = try await store { store, rules throws(ZhaoshangError) in
      (
        try await store.posts(unit: unit, on: nil).filter { $0.daysInPost(during: month) != nil },
        (try? rules.ruleSet(for: month).kinds) ?? TripKind.known
      )
    }
    let language = context.language
    var values = base(context, title: language.pick("报送外出", "Report a trip"), month: month)
    values["formTitle"] = language.pick("报送外出 · \(unit)", "Report a trip · \(unit)")
    values["action"] = action
    var seen = Set<String>()
    values["heads"] = posts.filter { seen.insert($0.name).inserted }.map { post -> [String: Any] in
      ["name": post.name, "role": post.role, "checked": draft.heads.contains(post.name)]
    }
    values["kinds"] = kinds.map { kind -> [String: Any] in
      ["id": kind.id, "title": kind.title.text(language), "selected": kind.id == draft.kind]
    }
    values["from"] = draft.from
    values["to"] = draft.to
    values["fromAfternoon"] = draft.fromAfternoon
    values["toMorning"] = draft.toMorning
    values["destination"] = draft.destination
    values["purpose"] = draft.purpose
    values["companies"] = draft.companies
    if let failure {
      // A problem with one field stands beside it; the rest are listed above the form.
      let general = failure.problems.filter { $0.field.map(Self.formFields.contains) != true }
      values["problems"] = WebApp.problems(WebFailure(status: failure.status, problems: general), language)
      values["hasProblems"] = true
      values["errors"] = Dictionary(
        failure.problems.compactMap { problem in
          problem.field.flatMap { Self.formFields.contains($0) ? ($0, problem.message.text(language)) : nil }
        },
        uniquingKeysWith: { "\($0)；\($1)" })
    }
    return page("tripForm", values, status: failure?.status ?? .ok)
  }

  /// The trip form's fields that show their own problems beside them, by the library's field names.
  static let formFields: Set<String> = ["names", "from", "to", "kind", "destination", "purpose", "companies"]

  /// Records the draft as trips submitted for review; on problems, shows the form again with them.
  /// When correcting, the returned trip is withdrawn in the same transaction.
  func submit(
    _ draft: TripDraft, _ request: Request, _ context: WebContext, actor: ActingUser, unit: String, month: Month,
    action: String, replacing: Int64?
  ) async throws -> Response {
    let trips: [Located<Trip>]
    switch draft.trips(unit: unit) {
    case .failure(let failure):
      return try await tripForm(context, unit: unit, month: month, draft: draft, action: action, failure: failure)
    case .success(let made):
      trips = made
    }
    let stamp = stamp(actor, request)
    let today = configuration.today()
    let outcome: WriteOutcome<Trip>
    do {
      outcome = try await store { store, rules throws(ZhaoshangError) in
        if let replacing {
          return try await store.correctTrip(id: replacing, with: trips, rules: rules, today: today, stamp: stamp)
        }
        return try await store.recordTrips(trips, rules: rules, today: today, stamp: stamp, amendment: nil)
      }
    } catch let failure as WebFailure where failure.status == .unprocessableContent {
      return try await tripForm(context, unit: unit, month: month, draft: draft, action: action, failure: failure)
    }
    let language = context.language
    let ids = outcome.added.compactMap(\.id).map { "#\($0)" }.joined(separator: " ")
    // A repeat of a voided trip says which one, and how the void is undone, rather than "already recorded".
    let repeatsVoided = outcome.warnings.filter { $0.code == .tripRepeatsVoided }.map {
      $0.explained(.web).text(language)
    }
    let notice =
      outcome.added.isEmpty
      ? (repeatsVoided.first.map { $0 + language.pick("。", ".") }
        ?? language.pick("这次外出已登记过，未重复添加。", "this trip is already recorded; nothing added."))
      : language.pick("已报送 \(ids)，等待督考服务中心审核", "submitted \(ids); waiting for the office's review")
    // The month of the trip just entered, where the clerk finds it in the list.
    let shown = (outcome.added.first ?? trips.first?.value).map { Month(containing: $0.start) } ?? month
    return redirect(Self.unitHome(shown), notice: notice)
  }
}
