import Foundation
import Hummingbird
import ZhaoshangKit

/// Explanations (情况说明): a unit's page of the months it owes one and those it filed, with the upload of its
/// document; the office's (and viewers') page of who owes one for a month; and the download of a document.
/// A document's type is decided by its bytes, never by its name or the browser's word.
extension WebApp {
  /// The body of an upload: the document and the few fields beside it.
  static let documentUploadLimit = DocumentType.maxBytes + 256 * 1024

  func addExplanationRoutes(to router: Router<WebContext>) {
    router.get("/unit/explanations") { _, context in
      let (_, unit) = try self.unitActor(context)
      return try await self.explanationsPage(context, unit: unit)
    }
    router.post("/unit/explanations/upload") { request, context in
      let (actor, unit) = try self.unitActor(context)
      let form = try await UploadForm.read(
        request, limit: Self.documentUploadLimit,
        tooLarge: Localized(
          "文件超过 20 MB，太大了；请压缩或降低扫描分辨率后重新上传。\(DocumentType.accepted.zh)",
          "the file is over 20 MB; compress it or scan at a lower resolution, then upload again. \(DocumentType.accepted.en)"
        ))
      try self.requireCSRF(form.csrf, context)
      return try await self.fileExplanation(form, request, context, actor: actor, unit: unit)
    }
    router.get("/explanations/{id}/document") { _, context in
      let actor = try self.actor(context)
      let id = try self.tripID(context)
      let (explanation, document) = try await self.store { store, _ throws(ZhaoshangError) in
        let explanation = try await store.explanation(id: id, as: actor)
        guard let named = explanation.document, named.isUploaded,
          let stored = try await store.document(sha256: named.sha256)
        else {
          throw ZhaoshangError.notFound(
            Localized(
              "这份情况说明没有上传到服务器的文件（由督考服务中心在本机登记）；请向督考服务中心索取",
              "this explanation has no document on the server (the office recorded it on its own computer); ask the office for it"
            ))
        }
        return (explanation, stored)
      }
      let name = explanation.document?.displayName ?? "document"
      let fallback = "explanation-\(id).\(document.type.fileExtension)"
      return Response(
        status: .ok,
        headers: [
          .contentType: document.type.mediaType,
          .contentDisposition:
            "attachment; filename=\"\(fallback)\"; filename*=UTF-8''\(Self.percentEncoded(name))",
          .xContentTypeOptions: "nosniff", .cacheControl: "private, no-store",
        ],
        body: .init(byteBuffer: ByteBuffer(bytes: document.data)))
    }
    router.get("/office/explanations") { request, context in
      let actor = try self.officeReader(context)
      let month = try self.month(request)
      return try await self.owingPage(context, actor: actor, month: month)
    }
  }

  /// Checks the uploaded document and records the explanation, received today, with the clerk as actor.
  private func fileExplanation(
    _ form: UploadForm, _ request: Request, _ context: WebContext, actor: ActingUser, unit: String
  ) async throws -> Response {
    func refuse(_ status: HTTPResponse.Status, _ field: String, _ message: Localized) async throws -> Response {
      try await explanationsPage(
        context, unit: unit, failure: WebFailure(status, code: "invalid", field: field, message))
    }
    guard let month = form.month.flatMap({ Month(parsing: $0) }) else {
      return try await refuse(
        .unprocessableContent, "month",
        Localized("没有说明是哪个月的情况说明；请从本页的列表中上传", "the form does not say which month; upload from the list on this page"))
    }
    guard let file = form.file else {
      return try await refuse(
        .unprocessableContent, "file",
        Localized(
          "没有收到文件；请先选择情况说明文件再上传。\(DocumentType.accepted.zh)",
          "no file arrived; choose the document first. \(DocumentType.accepted.en)"))
    }
    guard file.data.count <= DocumentType.maxBytes else {
      return try await refuse(
        .contentTooLarge, "file",
        Localized(
          "《\(file.name)》超过 20 MB。\(DocumentType.accepted.zh)",
          "\(file.name) is over 20 MB. \(DocumentType.accepted.en)"))
    }
    guard let stored = StoredDocument(data: file.data) else {
      return try await refuse(
        .unsupportedMediaType, "file",
        Localized(
          "《\(file.name)》不是 PDF、Word 或图片文件（按文件内容判断，与文件名无关）。\(DocumentType.accepted.zh)",
          "\(file.name) is not a PDF, Word or image file (judged by its content, not its name). \(DocumentType.accepted.en)"
        ))
    }
    let today = configuration.today()
    let explanation = Explanation(
      unit: unit, month: month, received: today, document: ExplanationDocument(data: file.data, name: file.name))
    let stamp = stamp(actor, request)
    do {
      _ = try await store { store, rules throws(ZhaoshangError) in
        try await store.recordExplanation(explanation, rules: rules, today: today, stamp: stamp, storing: stored)
      }
    } catch let failure as WebFailure where failure.status != .internalServerError {
      return try await explanationsPage(context, unit: unit, failure: failure)
    }
    let notice = context.language.pick(
      "已提交\(month.chinese)的情况说明《\(file.name)》，收到日期 \(today.iso)。",
      "filed the explanation for \(month.iso), \(file.name), received \(today.iso).")
    return redirect("/unit/explanations", notice: notice)
  }

  func explanationsPage(_ context: WebContext, unit: String, failure: WebFailure? = nil)
    async throws -> Response
  {
    let today = configuration.today()
    let (open, filed, dues) = try await store { store, rules throws(ZhaoshangError) in
      // The unit's own list: a short month it has not reported yet is listed too, so it may explain it early.
      let open = try await store.openExplanations(rules: rules, today: today, asOf: today, markingUnreported: false)
        .filter { $0.unit == unit }
      let filed = try await store.explanations(month: nil, unit: unit)
      var dues: [Month: CivilDate] = [:]
      for explanation in filed {
        dues[explanation.month] = (try? rules.ruleSet(for: explanation.month))?.explanationDue(for: explanation.month)
      }
      return (open, filed, dues)
    }
    let language = context.language
    var values = base(context, title: language.pick("情况说明", "Explanations"))
    values["unitName"] = unit
    values["notice"] = context.notice
    values["owed"] = open.map { owed -> [String: Any] in
      [
        "month": owed.month.iso, "monthTitle": language.pick(owed.month.chinese, owed.month.iso), "due": owed.due.iso,
        "status": Self.statusWord(owed.status, language), "statusKey": owed.status.key,
      ]
    }
    values["hasOwed"] = !open.isEmpty
    values["filed"] = filed.map { explanation -> [String: Any] in
      let status = dues[explanation.month].map {
        ExplanationStatus.of(due: $0, received: explanation.received, asOf: today)
      }
      var row: [String: Any] = [
        "monthTitle": language.pick(explanation.month.chinese, explanation.month.iso),
        "received": explanation.received.iso,
        "status": status.map { Self.statusWord($0, language) } ?? language.pick("已提交", "filed"),
      ]
      Self.addDocument(explanation, to: &row)
      return row
    }
    values["hasFiled"] = !filed.isEmpty
    if let failure {
      values["problems"] = WebApp.problems(failure, language)
      values["hasProblems"] = true
    }
    return page("explanations", values, status: failure?.status ?? .ok)
  }

  func owingPage(_ context: WebContext, actor: ActingUser, month: Month) async throws -> Response {
    let today = configuration.today()
    let (owed, closed, unreported) = try await store { store, rules throws(ZhaoshangError) in
      let owing = try await store.owing(month: month, rules: rules, asOf: today)
      return (
        owing.owed, try await store.closes(month: month).contains { $0.reopening == nil },
        try owing.standing.report().unreportedUnits.map(\.unit)
      )
    }
    let language = context.language
    var values = base(context, title: language.pick("情况说明", "Explanations owed"), month: month)
    values["monthTitle"] = language.pick(month.chinese, month.iso)
    values["readOnly"] = actor.role == .viewer
    let received = owed.filter { !$0.status.isOpen }.count
    let overdue = owed.filter { if case .overdue = $0.status { return true } else { return false } }.count
    let open = owed.count - received - overdue
    var summary = language.pick(
      "未达标须作出情况说明的单位 \(owed.count) 个：已提交 \(received) 个，未提交 \(open) 个，逾期 \(overdue) 个。",
      "\(owed.count) units owe an explanation: \(received) filed, \(open) not yet filed, \(overdue) overdue.")
    if today <= month.lastDay && !closed {
      summary += language.pick(
        "\(month.chinese)尚未结束，以上为截至今天的情况；月末后才须提交。",
        " \(month.iso) is not over: this is the standing so far; explanations are due after it ends.")
    }
    if !unreported.isEmpty {
      // Short so far, but not reported yet (未报送): they owe nothing until they report or the due day passes.
      summary += language.pick(
        "尚未报送、暂不认定未达标的单位 \(unreported.count) 个：\(unreported.joined(separator: "、"))。",
        " \(unreported.count) short so far but not reported yet, so not judged short: \(unreported.joined(separator: ", "))."
      )
    }
    values["summary"] = summary
    values["owed"] = owed.map { item -> [String: Any] in
      var row: [String: Any] = [
        "unit": item.unit, "due": item.due.iso, "status": Self.statusWord(item.status, language),
        "statusKey": item.status.key,
        "heads": item.heads.map { "\($0.name)（\($0.role)）" }.joined(separator: "、"),
        "received": item.explanation?.received.iso ?? "",
      ]
      if let explanation = item.explanation { Self.addDocument(explanation, to: &row) }
      return row
    }
    values["hasOwed"] = !owed.isEmpty
    return page("owing", values)
  }

  /// 未提交 / 逾期 / 已提交, with the date that matters.
  static func statusWord(_ status: ExplanationStatus, _ language: Language) -> String {
    switch status {
    case .pending(let due): return language.pick("未提交（\(due.iso) 前提交）", "not filed (due \(due.iso))")
    case .overdue(_, let days): return language.pick("逾期（未提交，已过 \(days) 天）", "overdue (not filed, \(days) days late)")
    case .received(_, let late):
      return late ? language.pick("已提交（逾期）", "filed (late)") : language.pick("已提交", "filed")
    }
  }

  /// The document's name, and a link when the ledger holds its bytes.
  static func addDocument(_ explanation: Explanation, to row: inout [String: Any]) {
    guard let document = explanation.document else { return }
    row["documentName"] = document.displayName
    if document.isUploaded, let id = explanation.id { row["documentLink"] = "/explanations/\(id)/document" }
  }

  /// RFC 5987 encoding for `filename*`: everything but unreserved ASCII percent-encoded.
  static func percentEncoded(_ text: String) -> String {
    var allowed = CharacterSet.alphanumerics.intersection(
      CharacterSet(charactersIn: Unicode.Scalar(0)..<Unicode.Scalar(128)))
    allowed.insert(charactersIn: "-._~")
    return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? "document"
  }
}
