import Foundation
import Logging
import Testing
import ZhaoshangKit

@testable import ZhaoshangServer

#if canImport(Glibc)
  import Glibc
#endif

/// `serve` on a port something else holds says so in a sentence, with what to do, and no system call's name.
@Suite("Starting the server")
struct ServerStartTests {
  /// A loopback socket listening on a free port, held until `close`.
  struct HeldPort {
    let descriptor: Int32
    let port: Int

    init() throws {
      let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
      var address = sockaddr_in()
      address.sin_family = sa_family_t(AF_INET)
      address.sin_port = 0
      address.sin_addr.s_addr = inet_addr("127.0.0.1")
      var length = socklen_t(MemoryLayout<sockaddr_in>.size)
      let bound = withUnsafeMutablePointer(to: &address) { pointer in
        pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
          bind(descriptor, socketAddress, length) == 0 && listen(descriptor, 1) == 0
            && getsockname(descriptor, socketAddress, &length) == 0
        }
      }
      try #require(descriptor >= 0 && bound)
      self.descriptor = descriptor
      port = Int(UInt16(bigEndian: address.sin_port))
    }

    func close() { _ = Glibc.close(descriptor) }
  }

  @Test("A port already in use: a sentence naming the port and --port, not NIO's text")
  func portInUse() async throws {
    // Given a port something else is listening on
    let held = try HeldPort()
    defer { held.close() }
    let (ledger, rules) = try Demo.load()
    let access = LedgerAccess(ledger: ledger, rules: rules, threads: 1)
    let configuration = ServerConfiguration(host: "127.0.0.1", port: held.port, secureCookies: false)

    // When the server is started on it
    var caught: (any Error)?
    do {
      try await ZhaoshangWebServer.run(
        access: access, configuration: configuration, logger: Logger(label: "test")
      ) { _ in }
    } catch {
      caught = error
    }

    // Then it says, in the user's language, that the port is taken and how to choose another
    let error = try #require(caught as? ZhaoshangError)
    let chinese = error.text(.zh)
    #expect(chinese.contains("端口 \(held.port) 已被占用") && chinese.contains("--port"))
    #expect(error.text(.en).contains("port \(held.port) is already in use"))
    #expect(!chinese.contains("bind") && !chinese.contains("errno") && !chinese.contains("IOError"))
  }
}
