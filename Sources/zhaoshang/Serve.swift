import ArgumentParser
import Foundation
import Logging
import ZhaoshangKit
import ZhaoshangPostgres
import ZhaoshangServer

extension Zhaoshang {
  /// `zhaoshang serve`: the office's web application on the ledger.
  struct Serve: ParsableCommand {
    static var configuration: CommandConfiguration {
      CommandConfiguration(
        abstract: HelpText.pick(
          "启动网页端：各单位在浏览器中报送外出，督考服务中心审核（按 Ctrl-C 停止）",
          "Serve the web application: units report trips, the office reviews them (Ctrl-C stops it)."),
        discussion: HelpText.discussion(
          "登录账号用 zhaoshang user add 添加。通过 HTTPS（nginx）对外提供时加 --secure-cookies。"
            + "--demo 用自带的示例（洪泽区 2022 年 7 月）和临时台账运行，并显示演示账号。"
            + "--db postgres://用户@主机:端口/数据库 在共用的 PostgreSQL 台账上运行，几台服务器可同时使用同一个数据库。"
            + "--demo 与 --db 同用时，示例装入 --db 所指的新的空台账（如 PostgreSQL 数据库），停止后仍保留。",
          "Logins are made with zhaoshang user add. Behind HTTPS (nginx), pass --secure-cookies. "
            + "--demo serves the shipped example (Hongze district, July 2022) in a throw-away ledger and "
            + "prints demo logins. --db postgres://USER@HOST:PORT/DB serves a shared PostgreSQL ledger; several "
            + "servers may serve one database at once. With --demo, --db names a new, empty ledger (a PostgreSQL "
            + "database, say) that the example is loaded into and kept in.",
          examples: [
            "zhaoshang serve --demo", "zhaoshang serve --host 0.0.0.0 --port 8080 --secure-cookies",
            "zhaoshang serve --db postgres://zhaoshang@db.example:5432/zhaoshang",
          ]))
    }

    @Option(help: .text("监听的地址", "The address to listen on.")) var host = "127.0.0.1"
    @Option(help: .text("监听的端口（0 表示任一空闲端口）", "The port to listen on (0: any free port).")) var port = 8080
    @Flag(help: .text("会话 Cookie 标为 Secure（通过 HTTPS 提供时）", "Mark the session cookie Secure (when served over HTTPS)."))
    var secureCookies = false
    @Flag(help: .text("用自带示例和临时台账运行，附演示账号", "Serve the shipped example in a throw-away ledger, with demo logins."))
    var demo = false
    @OptionGroup var ledger: LedgerOptions

    /// Connections to a PostgreSQL ledger: enough for a district's clerks and units at once, few enough that
    /// several servers on one database stay well under PostgreSQL's default of 100.
    static let connections = 8

    func run() throws {
      let language = ledger.language
      var configuration = ServerConfiguration(host: host, port: port, secureCookies: secureCookies)
      let access: LedgerAccess
      // The store opened here, closed once the server has stopped: a PostgreSQL ledger's connections end with it.
      var opened: (any LedgerStore)?
      defer { if let opened { LedgerOptions.close(opened) } }
      if demo {
        configuration.today = { DemoServer.today }
        configuration.defaultMonth = ZhaoshangKit.Demo.month
        if ledger.db != nil {
          // Named on the command line only, never taken from $ZHAOSHANG_DB: the demo must not land in the ledger
          // an office's environment points at. The copy refuses any ledger that is not new and empty anyway.
          let address = try ledger.ledgerAddress
          let demo = try Self.loadDemo(into: address, environment: ledger.environment)
          let store = try ledger.openStore(connections: Self.connections)
          opened = store
          access = LedgerAccess(store: store, rules: demo.rules)
          Console.out(DemoServer.loginsText(demo.logins, keptIn: address.shown, language: language))
        } else {
          let demo = try DemoServer.prepare()
          access = LedgerAccess(ledger: demo.ledger, rules: demo.rules)
          Console.out(DemoServer.loginsText(demo.logins, language: language))
        }
      } else {
        let rules = try ledger.loadRules()
        let store = try ledger.openStore(connections: Self.connections)
        opened = store
        access = LedgerAccess(store: store, rules: rules)
      }
      var serverLogger = Logger(label: "zhaoshang")
      serverLogger.logLevel = .info
      let server = configuration
      let (host, port, logger) = (host, port, serverLogger)
      try AsyncWork.wait { () async throws(ZhaoshangError) in
        do {
          try await ZhaoshangWebServer.run(access: access, configuration: server, logger: logger) { url in
            Console.out(
              language.pick("zhaoshang 网页服务已启动：\(url)（按 Ctrl-C 停止）", "zhaoshang is serving at \(url) (Ctrl-C stops it)")
            )
          }
        } catch let error as ZhaoshangError {
          throw error
        } catch {
          throw ZhaoshangError.storage(
            Localized(
              "网页服务在 \(host):\(port) 无法启动；请查看上面的日志，确认端口空闲后重新运行",
              "the web server on \(host):\(port) could not start; see the log above, check the port is free and try again"
            ))
        }
      }
    }
    /// The demo built in a file of its own, then copied into the new, empty ledger `target` with `zhaoshang copy`'s
    /// code (verified on both sides), so it can be tried on PostgreSQL as well as on a SQLite file.
    static func loadDemo(into target: LedgerAddress, environment: [String: String]) throws(ZhaoshangError) -> (
      rules: RuleBook, logins: [DemoServer.Login]
    ) {
      let folder = FileManager.default.temporaryDirectory.appendingPathComponent("zhaoshang-demo-\(UUID().uuidString)")
      defer { try? FileManager.default.removeItem(at: folder) }
      do {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      } catch {
        throw ZhaoshangError.storage(
          Localized(
            "无法在临时文件夹 \(folder.path) 中准备演示台账；请确认磁盘有空间后重新运行",
            "the demo ledger could not be prepared in the temporary folder \(folder.path); check there is disk space and try again"
          ))
      }
      let path = folder.appendingPathComponent("demo.sqlite").path
      let demo = try DemoServer.prepare(into: path)
      demo.ledger.close()
      _ = try AsyncWork.wait { () async throws(ZhaoshangError) in
        // An empty database is given the ledger's schema first, as `zhaoshang init` would; the copy then refuses a
        // database that already holds a ledger's rows.
        if case .postgres(let address) = target {
          _ = try await PostgresLedger.initialize(address, environment: environment)
        }
        do throws(ZhaoshangError) {
          return try await LedgerCopy.run(from: .sqlite(path: path), to: target, environment: environment)
        } catch .refused {
          // The demo's own ledger always verifies, so a refusal is the target's: not new and empty. Said for
          // `serve --demo`, which a clerk ran, not in the words of `copy`, which they did not.
          throw ZhaoshangError.refused(
            Localized(
              "演示只装入新的空台账，\(target.shown) 已有记录（或文件已存在），未作改动；请另建一个空数据库（createdb）或换一个新的文件名，再运行 zhaoshang serve --demo --db",
              "the demo is loaded only into a new, empty ledger, and \(target.shown) already holds records (or the file exists), so it was left as it is; create an empty database (createdb) or name a new file, then run zhaoshang serve --demo --db again"
            ))
        }
      }
      return (demo.rules, demo.logins)
    }
  }
}
