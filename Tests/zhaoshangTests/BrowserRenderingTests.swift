import Foundation
import Testing

/// The headless browser `scripts/render-report.sh` uses, when this machine has one.
private let browser: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
  .first { FileManager.default.isExecutableFile(atPath: $0) }

/// Runs a program to its end and returns its exit status.
private func runProgram(_ path: String, _ arguments: [String], in folder: URL) throws -> Int32 {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: path)
  process.arguments = arguments
  process.currentDirectoryURL = folder
  process.standardOutput = FileHandle.nullDevice
  process.standardError = FileHandle.nullDevice
  try process.run()
  process.waitUntilExit()
  return process.terminationStatus
}

@Suite("HTML reports in a real browser", .enabled(if: browser != nil, "needs Chromium: apt-get install chromium"))
struct BrowserRenderingTests {
  @Test func theCheckReportRendersToAPictureWithItsChartAndTable() throws {
    // Given the example's July as an HTML check report
    let folder = try Workspace.hongze()
    defer { folder.remove() }
    try folder.succeed(["check", "--month", "2022-07", "--output", "july.html"])
    // When the shipped script renders it with headless Chromium
    let script = CLI.packageRoot.appendingPathComponent("scripts/render-report.sh").path
    let status = try runProgram("/bin/bash", [script, "july.html", "july.png", "1000"], in: folder.url)
    // Then a picture of the page is written, 1000 pixels wide (the PNG header's width field)
    #expect(status == 0)
    let png = try folder.data("july.png")
    #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
    #expect(png.count > 50_000, "a blank page compresses to a few kilobytes; this one is \(png.count) bytes")
    let width = png.dropFirst(16).prefix(4).reduce(0) { $0 << 8 | Int($1) }
    #expect(width == 1000)
  }

  @Test func theBrowserSeesOneBarAndOneRowPerUnit() throws {
    // Given the example's July as an HTML check report: 27 units
    let folder = try Workspace.hongze()
    defer { folder.remove() }
    try folder.succeed(["check", "--month", "2022-07", "--output", "july.html"])
    // When Chromium loads it and prints the document it built
    let path = try #require(browser)
    let dom = folder.file("dom.html")
    FileManager.default.createFile(atPath: dom.path, contents: nil)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = [
      "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", folder.file("july.html").absoluteString,
    ]
    process.standardOutput = try FileHandle(forWritingTo: dom)
    process.standardError = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    // Then the page parsed whole: the chart is an SVG with every unit's name, and the table lists them all
    let text = try String(contentsOf: dom, encoding: .utf8)
    #expect(text.contains("<svg"))
    for unit in ["朱坝街道", "黄集街道", "住建局", "生态环境局", "统计局"] {
      #expect(text.components(separatedBy: ">\(unit)<").count - 1 >= 2, "\(unit) in the chart and the table")
    }
    #expect(!text.contains("<script"))
  }
}
