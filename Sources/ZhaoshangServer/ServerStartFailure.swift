import Foundation
import NIOCore
import ZhaoshangKit

#if canImport(Glibc)
  import Glibc
#endif

/// Why the web server could not listen, as a sentence for whoever ran `serve`: NIO's own text names system calls
/// (`bind(descriptor:ptr:bytes:)`) and errno numbers, which tell an office's clerk or IT contact nothing.
enum ServerStartFailure {
  /// The failure of `serve` on `host`:`port`, in the user's terms; the system's own text goes to the log only.
  static func error(for error: any Error, host: String, port: Int) -> ZhaoshangError {
    let address = host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    if let io = error as? IOError {
      switch io.errnoCode {
      case EADDRINUSE:
        return .storage(
          Localized(
            "端口 \(port) 已被占用（可能已有一个 zhaoshang serve 或其他程序在运行），网页服务没有启动；请先停止占用该端口的程序，或用 --port 换一个端口",
            "port \(port) is already in use (perhaps by another zhaoshang serve), so the web server did not start; stop what holds it, or choose another with --port"
          ))
      case EACCES:
        return .storage(
          Localized(
            "没有权限监听 \(address)（1024 以下的端口需要管理员权限），网页服务没有启动；请改用 1024 以上的端口（如 --port 8080），由 nginx 对外提供 80/443",
            "no permission to listen on \(address) (ports below 1024 need administrator rights), so the web server did not start; use a port above 1024 (such as --port 8080) behind nginx"
          ))
      case EADDRNOTAVAIL:
        return .storage(
          Localized(
            "地址 \(host) 不属于这台机器，网页服务没有启动；请用 --host 127.0.0.1（仅本机）或 --host 0.0.0.0（所有网卡）",
            "the address \(host) is not one of this machine's, so the web server did not start; use --host 127.0.0.1 (this machine only) or --host 0.0.0.0 (every network)"
          ))
      default:
        break
      }
    }
    if error is SocketAddressError {
      return .storage(
        Localized(
          "无法识别监听地址 \(host)，网页服务没有启动；请用 --host 给出本机的 IP 地址，如 127.0.0.1 或 0.0.0.0",
          "the address \(host) cannot be resolved, so the web server did not start; give one of this machine's IP addresses with --host, such as 127.0.0.1 or 0.0.0.0"
        ))
    }
    return .storage(
      Localized(
        "网页服务在 \(address) 无法启动或意外停止；请查看上面的日志，确认端口空闲后重新运行 zhaoshang serve",
        "the web server on \(address) could not start or stopped unexpectedly; see the log above, check the port is free and run zhaoshang serve again"
      ))
  }
}
