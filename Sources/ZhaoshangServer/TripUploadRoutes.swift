import Foundation
import Hummingbird
import ZhaoshangKit

/// Uploading a trips file (.csv or .xlsx, the columns of `import trips`): every line is read and checked, and
/// either all are recorded in one transaction or none, with every problem shown beside its line. A unit's
/// trips wait for review; the office's count at once, as with the command line's import.
extension WebApp {
  /// Trips files are larger than forms: a month of a whole district is well under this.
  static let tripsFileLimit = 10 * 1024 * 1024

  func addTripUploadRoutes(to router: Router<WebContext>) {
    router.get("/trips/upload") { _, context in
      let actor = try self.uploader(context)
      return self.tripUploadPage(context, actor: actor)
    }
    router.post("/trips/upload") { request, context in
      let actor = try self.uploader(context)
      let form = try await UploadForm.read(
        request, limit: Self.tripsFileLimit,
        tooLarge: Localized(
          "文件超过 10 MB，太大了；请按月或按单位拆分成几个文件分别上传", "the file is over 10 MB; split it by month or unit and upload each part")
      )
      try self.requireCSRF(form.csrf, context)
      guard let file = form.file else {
        return self.tripUploadPage(
          context, actor: actor,
          failure: WebFailure(
            .unprocessableContent, code: "invalid", field: "file",
            Localized(
              "没有收到文件；请先选择 .csv 或 .xlsx 外出表再上传", "no file arrived; choose a .csv or .xlsx trips file, then upload")))
      }
      return try await self.importUploaded(file, request, context, actor: actor)
    }
  }

  /// The office or a unit's clerk; a viewer changes nothing.
  func uploader(_ context: WebContext) throws -> ActingUser {
    let actor = try actor(context)
    guard actor.role == .office || (actor.role == .unit && actor.unit != nil) else {
      throw WebFailure.forbidden(actor)
    }
    return actor
  }

  /// A multipart form's CSRF token must be the session's, as on every form.
  func requireCSRF(_ given: String?, _ context: WebContext) throws {
    guard let expected = context.csrf, let given, Self.constantTimeEqual(given, expected) else {
      throw WebFailure.badCSRF
    }
  }

  private func importUploaded(
    _ file: UploadForm.UploadedFile, _ request: Request, _ context: WebContext, actor: ActingUser
  ) async throws -> Response {
    let stamp = stamp(actor, request)
    let today = configuration.today()
    let outcome: WriteOutcome<Trip>
    do {
      let data = file.data
      let name = file.name
      let batch = try await offTheLoop { () throws(ZhaoshangError) in try TripImporter.read(data: data, name: name) }
      outcome = try await store { store, rules throws(ZhaoshangError) in
        var problems = batch.problems
        var ownEntries: [Located<Trip>] = []
        for entry in batch.entries {
          if actor.reaches(unit: entry.value.unit) {
            ownEntries.append(entry)
          } else {
            problems.append(Self.otherUnit(entry, actor: actor))
          }
        }
        let foreign = ownEntries.count < batch.entries.count
        // A line of another unit: the others are still checked (nothing written), so every problem shows at once.
        let written = try await store.recordTrips(
          ownEntries, rules: rules, today: today, stamp: stamp, carrying: problems, dryRun: foreign, amendment: nil)
        if foreign { throw ZhaoshangError.invalidInput(problems) }
        return written
      }
    } catch let failure as WebFailure where failure.status != .internalServerError {
      return tripUploadPage(context, actor: actor, fileName: file.name, failure: failure)
    }
    let language = context.language
    let added = outcome.added.count
    let repeated = outcome.alreadyPresent.count
    // Rows repeating a voided trip are named, with how the void is undone: skipped without a word, they look lost.
    let repeatsVoided = outcome.warnings.filter { $0.code == .tripRepeatsVoided }
      .map { ($0.location.map { $0 + ": " } ?? "") + $0.explained(.web).text(language) }
    let skipped =
      (repeated == 0
        ? "" : language.pick("，\(repeated) 条与已登记的重复、已跳过", "; skipped \(repeated) already recorded"))
      + repeatsVoided.map { language.pick("（\($0)）", " (\($0))") }.joined()
    let notice =
      actor.role == .unit
      ? language.pick(
        "《\(file.name)》：已添加 \(added) 条外出（等待督考服务中心审核）\(skipped)。",
        "\(file.name): added \(added) trips (waiting for the office's review)\(skipped).")
      : language.pick(
        "《\(file.name)》：已添加 \(added) 条外出（督考服务中心导入，直接计入）\(skipped)。",
        "\(file.name): added \(added) trips (the office's, counted at once)\(skipped).")
    if actor.role == .unit {
      return redirect("/unit", notice: notice)
    }
    return redirect("/trips/upload", notice: notice)
  }

  static func otherUnit(_ entry: Located<Trip>, actor: ActingUser) -> Problem {
    let own = actor.unit ?? ""
    return Problem(
      location: entry.location, excerpt: entry.excerpt,
      Localized(
        "这一行的单位是「\(entry.value.unit)」，不是本单位「\(own)」；只能上传本单位的外出，请删去这一行或改正单位名称",
        "this line's unit is \"\(entry.value.unit)\", not your own unit \"\(own)\"; upload your own unit's trips only: remove the line or correct the unit"
      ))
  }

  func tripUploadPage(
    _ context: WebContext, actor: ActingUser, fileName: String? = nil, failure: WebFailure? = nil
  ) -> Response {
    let language = context.language
    var values = base(context, title: language.pick("上传外出表", "Upload a trips file"))
    values["unitName"] = actor.unit ?? language.pick("督考服务中心", "the office")
    values["isUnitUploader"] = actor.role == .unit
    values["notice"] = context.notice
    if let failure {
      values["fileName"] = fileName
      values["hasProblems"] = true
      let count = failure.problems.count
      let file = fileName.map { "《\($0)》" } ?? ""
      values["refusedSummary"] = language.pick(
        "文件\(file)未导入，没有写入任何一行：发现 \(count) 处问题，请改正后重新上传。",
        "Nothing of \(fileName ?? "the file") was imported: \(count) \(count == 1 ? "problem" : "problems") to correct before uploading again."
      )
      values["problems"] = failure.problems.map { problem -> [String: Any] in
        var row: [String: Any] = ["message": problem.message.text(language)]
        if let position = problem.position {
          row["place"] = Self.place(of: position, fileName: fileName, language)
        }
        if let excerpt = problem.excerpt { row["excerpt"] = excerpt }
        return row
      }
    }
    return page("tripUpload", values, status: failure?.status ?? .ok)
  }

  /// `7月外出.csv:12` → `第 12 行`, `7月外出.xlsx:Sheet1!C12` → `Sheet1!C12`: the file's name is said once above.
  static func place(of location: String, fileName: String?, _ language: Language) -> String {
    guard let fileName, location.hasPrefix(fileName + ":") else { return location }
    let place = String(location.dropFirst(fileName.count + 1))
    guard !place.isEmpty, place.allSatisfy(\.isNumber) else { return place }
    return language.pick("第 \(place) 行", "line \(place)")
  }
}
