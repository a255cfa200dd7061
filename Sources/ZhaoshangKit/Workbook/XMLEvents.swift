import Foundation

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// Foundation's streaming XML parser, its events handed to closures with namespace prefixes dropped.
///
/// Prefixes are dropped by hand rather than by namespace processing because some writers (the .NET Open XML
/// SDK) prefix every element (`<x:row>`), and a tail of a sheet read on its own has no declarations to resolve.
final class XMLEvents: NSObject, XMLParserDelegate {
  var onStart: (String, [String: String]) throws -> Void = { _, _ in }
  var onEnd: (String) throws -> Void = { _ in }
  var onText: (String) -> Void = { _ in }
  /// The first error a handler threw; parsing stops there.
  private(set) var stopped: Error?
  private(set) var malformed = false

  /// Parses the whole input; throws what a handler threw, or `Malformed` for XML the parser could not read.
  func run(_ parser: XMLParser) throws {
    parser.delegate = self
    parser.shouldProcessNamespaces = false
    parser.shouldResolveExternalEntities = false
    let finished = parser.parse()
    if let stopped { throw stopped }
    if !finished || malformed { throw Malformed() }
  }

  struct Malformed: Error {}

  static func local(_ name: String) -> String {
    guard let colon = name.lastIndex(of: ":") else { return name }
    return String(name[name.index(after: colon)...])
  }

  /// An attribute by local name, whatever prefix the writer gave it (`r:id`).
  static func attribute(_ attributes: [String: String], _ name: String) -> String? {
    if let value = attributes[name] { return value }
    return attributes.first { local($0.key) == name }?.value
  }

  func parser(
    _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
    attributes: [String: String]
  ) {
    guard stopped == nil else { return }
    do { try onStart(Self.local(elementName), attributes) } catch {
      stopped = error
      parser.abortParsing()
    }
  }

  func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
    guard stopped == nil else { return }
    do { try onEnd(Self.local(elementName)) } catch {
      stopped = error
      parser.abortParsing()
    }
  }

  func parser(_ parser: XMLParser, foundCharacters string: String) {
    if stopped == nil { onText(string) }
  }

  func parser(_ parser: XMLParser, parseErrorOccurred parseError: Error) {
    if stopped == nil { malformed = true }
  }
}
