import Foundation
import Hummingbird
import ZhaoshangKit

/// /api/v1 for integrations (a unit's OA system, DingTalk), with `Authorization: Bearer TOKEN`. The same rules
/// as the pages: a unit's token reaches only its unit, a viewer's changes nothing, only the office reviews.
extension WebApp {
  struct TripBody: Decodable {
    let unit: String?
    let names: [String]
    let from: String
    let to: String?
    let destination: String
    let purpose: String?
    let companies: [String]?
    let kind: String?
  }

  struct TripJSON: Encodable {
    let id: Int64
    let unit: String
    let name: String
    let names: [String]
    let from: String
    let to: String
    let fromAfternoon: Bool
    let toMorning: Bool
    let kind: String
    let destination: String
    let purpose: String
    let companies: [String]
    let status: String
    let returnReason: String?
    let void: Bool

    init(_ trip: Trip) {
      id = trip.id ?? 0
      unit = trip.unit
      name = trip.name
      names = [trip.name]
      from = trip.start.iso
      to = trip.end.iso
      fromAfternoon = trip.startsAfternoon
      toMorning = trip.endsMorning
      kind = trip.kind
      destination = trip.destination
      purpose = trip.purpose
      companies = trip.companies
      status = trip.review.rawValue
      returnReason = trip.review == .returned ? trip.returnReason : nil
      void = trip.isVoid
    }

    enum CodingKeys: String, CodingKey {
      case id, unit, name, names, from, to, kind, destination, purpose, companies, status, void
      case fromAfternoon = "from_afternoon"
      case toMorning = "to_morning"
      case returnReason = "return_reason"
    }
  }

  func addAPIRoutes(to router: Router<WebContext>) {
    router.get("/api/v1/openapi.json") { _, _ in APIResponse.text(OpenAPIDocument.json) }
    router.post("/api/v1/trips") { request, context in
      let actor = try self.actor(context)
      guard actor.role != .viewer else { throw WebFailure.forbidden(actor) }
      let body = try await self.decode(TripBody.self, request)
      let unit = (body.unit ?? actor.unit ?? "").trimmingCharacters(in: .whitespaces)
      guard actor.reaches(unit: unit) else { throw WebFailure.forbidden(actor) }
      var draft = TripDraft(from: body.from, to: body.to ?? "")
      draft.heads = body.names.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
      draft.kind = body.kind ?? TripKind.visit.id
      draft.destination = body.destination.trimmingCharacters(in: .whitespaces)
      draft.purpose = body.purpose ?? ""
      draft.companies = CompanyList.join(body.companies ?? [])
      if unit.isEmpty {
        throw WebFailure(.unprocessableContent, code: "invalid", field: "unit", Localized("请给出单位", "give the unit"))
      }
      let trips: [Located<Trip>]
      switch draft.trips(unit: unit) {
      case .failure(let failure): throw failure
      case .success(let made): trips = made
      }
      let stamp = self.stamp(actor, request)
      let today = self.configuration.today()
      let outcome = try await self.store { store, rules throws(ZhaoshangError) in
        try await store.recordTrips(trips, rules: rules, today: today, stamp: stamp, amendment: nil)
      }
      struct Created: Encodable {
        let id: Int64?
        let ids: [Int64]
        let status: String
        let alreadyPresent: Int

        enum CodingKeys: String, CodingKey {
          case id, ids, status
          case alreadyPresent = "already_present"
        }
      }
      let ids = outcome.added.compactMap(\.id)
      let status = actor.role == .office ? ReviewStatus.approved : .submitted
      return APIResponse.json(
        Created(id: ids.first, ids: ids, status: status.rawValue, alreadyPresent: outcome.alreadyPresent.count),
        status: ids.isEmpty ? .ok : .created)
    }
    router.get("/api/v1/trips") { request, context in
      let actor = try self.actor(context)
      let month = try self.month(request)
      let trips = try await self.store { store, _ throws(ZhaoshangError) in
        try await store.trips(in: month, unit: actor.unit, name: nil)
      }
      struct Listing: Encodable { let trips: [TripJSON] }
      return APIResponse.json(Listing(trips: trips.map(TripJSON.init)))
    }
    router.post("/api/v1/trips/{id}/approve") { request, context in
      let actor = try self.actor(context)
      let id = try self.tripID(context)
      guard actor.role == .office else { throw try await self.refusal(actor, tripID: id) }
      let stamp = self.stamp(actor, request)
      let trips = try await self.store { store, _ throws(ZhaoshangError) in
        try await store.approveTrips(ids: [id], stamp: stamp)
      }
      return APIResponse.json(trips.map(TripJSON.init).first)
    }
    router.post("/api/v1/trips/{id}/return") { request, context in
      let actor = try self.actor(context)
      let id = try self.tripID(context)
      guard actor.role == .office else { throw try await self.refusal(actor, tripID: id) }
      struct ReturnBody: Decodable { let reason: String }
      let body = try await self.decode(ReturnBody.self, request)
      let stamp = self.stamp(actor, request)
      let trip = try await self.store { store, _ throws(ZhaoshangError) in
        try await store.returnTrip(id: id, reason: body.reason, stamp: stamp)
      }
      return APIResponse.json(TripJSON(trip))
    }
    router.post("/api/v1/reports") { request, context in
      let actor = try self.actor(context)
      struct ReportBody: Decodable {
        let unit: String?
        let month: String
        let none: Bool?
      }
      let body = try await self.decode(ReportBody.self, request)
      guard let month = Month(parsing: body.month) else {
        throw WebFailure(
          .badRequest, code: "invalid", field: "month",
          Localized("月份格式不对：\(body.month)；请写成 2022-07", "not a month: \(body.month); write it as 2022-07"))
      }
      // A unit's token reports its own unit: the unit comes from the token, as on the pages.
      guard let unit = actor.unit ?? body.unit else {
        throw WebFailure(
          .badRequest, code: "value.missing", field: "unit",
          Localized("请写明报送的单位（unit）", "name the unit that reports (unit)"))
      }
      let stamp = self.stamp(actor, request)
      let today = self.configuration.today()
      let report = try await self.ledger { ledger, rules in
        try ledger.reportMonth(
          unit: unit, month: month, nothingToReport: body.none ?? false, rules: rules, today: today, stamp: stamp)
      }
      return APIResponse.json(report, status: .created)
    }
    router.get("/api/v1/reports") { request, context in
      let actor = try self.actor(context)
      let month = try self.month(request)
      let today = self.configuration.today()
      let language = context.language
      let json = try await self.ledger { ledger, rules in
        let completeness = try ledger.completeness(month: month, rules: rules, today: today)
        var lines = MonthReportRenderer.lines(rules: try rules.ruleSet(for: month), completeness: completeness)
        if let unit = actor.unit { lines = lines.filter { $0.unit == unit } }
        return try MonthReportRenderer(language: language).render(lines, completeness: completeness, as: .json)
      }
      return APIResponse.text(json)
    }
    router.get("/api/v1/check") { request, context in
      let actor = try self.actor(context)
      let month = try self.month(request)
      let language = context.language
      let today = self.configuration.today()
      let json = try await self.store { store, rules throws(ZhaoshangError) in
        // A unit's account is checked in the query: nothing of another unit is read.
        let report = try await store.check(month: month, rules: rules, unit: actor.unit)
        // An open month is read as of today, as `check` prints it (so far, 未报送); a closed one is not marked.
        let closed = try await store.closes(month: month).contains { $0.reopening == nil }
        let completeness = try await store.completeness(month: month, rules: rules, today: today)
        return try CheckRenderer(language: language).render(closed ? report : report.marking(completeness), as: .json)
      }
      return APIResponse.text(json)
    }
  }

  /// Outside its role, a unit's token is told a trip of another unit does not exist (404), as for its own
  /// unit's that it may not review it (403): ids reveal nothing.
  func refusal(_ actor: ActingUser, tripID: Int64) async throws -> WebFailure {
    _ = try await store { store, _ throws(ZhaoshangError) in try await store.trip(id: tripID, as: actor) }
    return WebFailure.forbidden(actor)
  }

  /// A JSON body within the size limit; anything unreadable is a 400 naming what is wrong, not a 500.
  func decode<T: Decodable>(_ type: T.Type, _ request: Request) async throws -> T {
    let buffer = try await request.body.collect(upTo: configuration.maxBodyBytes)
    do {
      return try JSONDecoder().decode(type, from: Data(buffer.readableBytesView))
    } catch let DecodingError.keyNotFound(key, _) {
      throw WebFailure(
        .badRequest, code: "malformed", field: key.stringValue,
        Localized("缺少字段 \(key.stringValue)", "the field \(key.stringValue) is missing"))
    } catch let DecodingError.typeMismatch(_, context) {
      let field = context.codingPath.map(\.stringValue).joined(separator: ".")
      throw WebFailure(
        .badRequest, code: "malformed", field: field,
        Localized("字段 \(field) 的类型不对", "the field \(field) has the wrong type"))
    } catch {
      throw WebFailure.malformed
    }
  }
}
