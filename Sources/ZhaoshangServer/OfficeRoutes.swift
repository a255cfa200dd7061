import Foundation
import Hummingbird
import ZhaoshangKit

/// The office's pages: every unit's standing, the review queue, the bulletin. Viewers see them read-only;
/// unit accounts are refused.
extension WebApp {
  func addOfficeRoutes(to router: Router<WebContext>) {
    router.get("/office") { request, context in
      let actor = try self.officeReader(context)
      let month = try self.month(request)
      let today = self.configuration.today()
      let (checked, close, completeness, clock) = try await self.store { store, rules throws(ZhaoshangError) in
        (
          try await store.check(month: month, rules: rules, unit: nil),
          try await store.closes(month: month).last { $0.reopening == nil },
          try await store.completeness(month: month, rules: rules, today: today),
          rules.clock
        )
      }
      // An open month is read as of today, as `check` prints it: short units that have not reported are 未报送.
      let report = close == nil ? checked.marking(completeness) : checked
      let language = context.language
      var values = self.base(context, title: language.pick("各单位完成情况", "Standing"), month: month)
      values["monthTitle"] = language.pick(month.chinese, month.iso)
      values["readOnly"] = actor.role == .viewer
      values["canClose"] = actor.role == .office
      if let close {
        values["closed"] = language.pick(
          "\(month.chinese)已于 \(clock.show(close.closedAt)) 由 \(close.closedBy) 封存",
          "\(month.iso) was closed on \(clock.show(close.closedAt)) by \(close.closedBy)")
      }
      Self.addCompleteness(completeness, report: report, to: &values, language)
      let unreported = completeness.phase == .future ? [] : completeness.unreported(in: report)
      values["hasUnreported"] = !unreported.isEmpty
      values["unreportedCount"] = unreported.count
      values["unreported"] = unreported.joined(separator: language.pick("、", ", "))
      values["units"] = report.units.map { unit -> [String: Any] in
        [
          "unit": unit.unit, "tier": unit.tier.title, "status": unit.status.label(language),
          "statusKey": unit.status.rawValue, "peopleOut": unit.peopleOut, "personDays": Self.days(unit.personDays),
        ]
      }
      values["heads"] = report.people.map {
        Self.standingRow(HeadStanding($0, month: month, today: today), language)
      }
      return self.page("office", values)
    }
    router.post("/office/close") { request, context in
      let actor = try self.officeWriter(context)
      let fields = try await self.form(request)
      try self.requireCSRF(fields, context)
      let month = try self.month(fields)
      let force = fields["force"] == "1"
      let stamp = self.stamp(actor, request)
      let today = self.configuration.today()
      _ = try await self.store { store, rules throws(ZhaoshangError) in
        try await store.close(month: month, rules: rules, today: today, force: force, stamp: stamp)
      }
      return WebApp.redirect("/office?month=\(month.iso)")
    }
    router.post("/office/reopen") { request, context in
      let actor = try self.officeWriter(context)
      let fields = try await self.form(request)
      try self.requireCSRF(fields, context)
      let month = try self.month(fields)
      let reason = fields.text("reason")
      let stamp = self.stamp(actor, request)
      _ = try await self.store { store, _ throws(ZhaoshangError) in
        try await store.reopen(month: month, reason: reason, stamp: stamp)
      }
      return WebApp.redirect("/office?month=\(month.iso)")
    }
    router.get("/office/review") { _, context in
      try await self.reviewPage(context, failure: nil)
    }
    router.post("/office/review/approve") { request, context in
      let actor = try self.officeWriter(context)
      let fields = try await self.form(request)
      try self.requireCSRF(fields, context)
      let ids = fields.all("ids[]").compactMap { Int64($0) }
      guard !ids.isEmpty else {
        return try await self.reviewPage(
          context,
          failure: WebFailure(
            .unprocessableContent, code: "invalid", field: "ids",
            Localized("请先勾选要通过的外出记录", "tick the trips to approve first")))
      }
      let stamp = self.stamp(actor, request)
      let approved = try await self.store { store, _ throws(ZhaoshangError) in
        try await store.approveTrips(ids: ids, stamp: stamp)
      }
      let list = approved.compactMap(\.id).map { "#\($0)" }.joined(separator: " ")
      return self.redirect("/office/review", notice: context.language.pick("已通过 \(list)", "approved \(list)"))
    }
    router.post("/office/review/{id}/return") { request, context in
      let actor = try self.officeWriter(context)
      let fields = try await self.form(request)
      try self.requireCSRF(fields, context)
      let id = try self.tripID(context)
      let reason = fields.text("reason")
      let stamp = self.stamp(actor, request)
      let trip = try await self.store { store, _ throws(ZhaoshangError) in
        try await store.returnTrip(id: id, reason: reason, stamp: stamp)
      }
      return self.redirect(
        "/office/review",
        notice: context.language.pick(
          "已退回 #\(id)（\(trip.unit) \(trip.name)）", "returned #\(id) (\(trip.unit) \(trip.name))"))
    }
    router.get("/office/roster") { request, context in
      _ = try self.officeReader(context)
      let month = try self.month(request)
      let (posts, leaves) = try await self.store { store, _ throws(ZhaoshangError) in
        (
          try await store.posts(unit: nil, on: nil).filter { $0.daysInPost(during: month) != nil },
          try await store.leaves(in: month, unit: nil, name: nil)
        )
      }
      let language = context.language
      var values = self.base(context, title: language.pick("花名册与请假", "Roster and leave"), month: month)
      values["monthTitle"] = language.pick(month.chinese, month.iso)
      values["posts"] = posts.map { post -> [String: Any] in
        ["unit": post.unit, "name": post.name, "role": post.role, "tenure": post.tenure(language)]
      }
      values["leaves"] = leaves.map { leave -> [String: Any] in
        ["unit": leave.unit, "name": leave.name, "from": leave.from.iso, "to": leave.to.iso, "reason": leave.reason]
      }
      values["hasLeaves"] = !leaves.isEmpty
      return self.page("roster", values)
    }
    router.get("/office/bulletin") { request, context in
      _ = try self.officeReader(context)
      let month = try self.month(request)
      let language = context.language
      let text = try await self.store { store, rules throws(ZhaoshangError) in
        try BulletinRenderer(language: language).render(
          try await store.bulletinStanding(month: month, rules: rules).bulletin(), as: .text)
      }
      var values = self.base(context, title: language.pick("招商通报", "Bulletin"), month: month)
      values["monthTitle"] = language.pick(month.chinese, month.iso)
      values["text"] = text
      return self.page("bulletin", values)
    }
  }

  func reviewPage(_ context: WebContext, failure: WebFailure?) async throws -> Response {
    let actor = try officeReader(context)
    let trips = try await store { store, _ throws(ZhaoshangError) in try await store.pendingTrips(unit: nil) }
    let language = context.language
    var values = base(context, title: language.pick("审核", "Review"))
    values["notice"] = context.notice
    values["trips"] = trips.map { Self.tripRow($0, language) }
    values["hasTrips"] = !trips.isEmpty
    values["canReview"] = actor.role == .office
    values["pendingCount"] = trips.count
    if let failure { values["notice"] = failure.problems.map { $0.message.text(language) }.joined(separator: "；") }
    return page("review", values, status: failure?.status ?? .ok)
  }

  /// The month a form names in its `month` field.
  func month(_ fields: FormFields) throws -> Month {
    guard let month = Month(parsing: fields.text("month")) else {
      throw WebFailure(
        .unprocessableContent, code: "invalid", field: "month",
        Localized("月份格式不对；请写成 2022-07", "not a month; write it as 2022-07"))
    }
    return month
  }

  /// The office or a viewer.
  func officeReader(_ context: WebContext) throws -> ActingUser {
    let actor = try actor(context)
    guard actor.role != .unit else { throw WebFailure.forbidden(actor) }
    return actor
  }

  /// The office only.
  func officeWriter(_ context: WebContext) throws -> ActingUser {
    let actor = try actor(context)
    guard actor.role == .office else { throw WebFailure.forbidden(actor) }
    return actor
  }
}
