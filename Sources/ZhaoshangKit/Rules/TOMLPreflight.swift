import TOMLKit

/// Finds the syntax errors toml++ handles badly, before TOMLKit is given the text.
///
/// toml++ aborts the whole process (an assertion in its `parse_key`) on a table header whose first key starts
/// with a character no key may start with, such as `[[[tier]]]`, `[.a]` or `[招商]`; and it places an unclosed
/// multi-line string at the end of the file rather than where it opened. A light scan over the text finds both
/// with their lines; everything else is left to toml++.
///
/// toml++ also reads a dotted key (`a.b.c = 1`) by recursion, one level per part, so a key of 100,000 parts
/// overflows the stack and kills the process. The scan bounds what toml++ may be given: the file's size, each
/// line's length and the parts of each key (documented in the README).
enum TOMLPreflight {
  /// The largest file given to toml++: a rule file of a thousand units is a few tens of kilobytes.
  static let maxFileBytes = 10_000_000
  /// The longest line: room for a tier listing 100,000 units on one line.
  static let maxLineBytes = 2_000_000
  /// The most parts of one key or table header (`kinds.visit.counted` has three).
  static let maxKeyParts = 20

  /// A syntax error, at its 1-based line when known.
  struct Finding: Equatable {
    let line: Int?
    let zh: String
    let en: String
  }

  /// The syntax errors that stopped a parse.
  struct SyntaxErrors: Error {
    let findings: [Finding]
  }

  /// Parses TOML text: the scan's findings if it has any, else TOMLKit's table or its syntax error. `hint` is
  /// added to a syntax error's message; `unreadable` is the message for any other failure.
  static func parse(
    _ text: String, hint: (zh: String, en: String) = ("", ""), unreadable: (zh: String, en: String)
  ) -> Result<TOMLTable, SyntaxErrors> {
    let scanned = findings(in: text)
    guard scanned.isEmpty else { return .failure(SyntaxErrors(findings: scanned)) }
    do {
      return .success(try TOMLTable(string: text))
    } catch let error as TOMLParseError {
      return .failure(
        SyntaxErrors(findings: [
          Finding(
            line: error.source.begin.line, zh: "TOML 语法错误（\(error.description)）" + hint.zh,
            en: "TOML syntax error (\(error.description))" + hint.en)
        ]))
    } catch {
      return .failure(SyntaxErrors(findings: [Finding(line: nil, zh: unreadable.zh, en: unreadable.en)]))
    }
  }

  static func findings(in text: String) -> [Finding] {
    let sized = sizeFindings(in: text)
    guard sized.isEmpty else { return sized }
    var scanner = Scanner(Array(text.unicodeScalars))
    return scanner.run()
  }

  /// A file or lines too long to hand to toml++, read from the bytes (at most the first few long lines).
  static func sizeFindings(in text: String) -> [Finding] {
    let bytes = text.utf8.count
    guard bytes <= maxFileBytes else {
      return [
        Finding(
          line: nil,
          zh: "文件有 \(bytes) 字节，超过上限 \(maxFileBytes) 字节；请检查是否选错了文件",
          en: "the file has \(bytes) bytes, more than the \(maxFileBytes) allowed; check that it is the right file")
      ]
    }
    var findings: [Finding] = []
    var line = 1
    var length = 0
    for byte in text.utf8 {
      if byte == UInt8(ascii: "\n") {
        line += 1
        length = 0
        continue
      }
      length += 1
      if length == maxLineBytes + 1 {
        findings.append(
          Finding(
            line: line,
            zh: "这一行超过 \(maxLineBytes) 字节，过长；请把长列表分成多行书写，或检查文件是否损坏",
            en: "this line is longer than \(maxLineBytes) bytes; write a long list over several lines, "
              + "or check that the file is not damaged"))
        if findings.count == 10 { break }
      }
    }
    return findings
  }

  /// Characters a bare key is made of (TOML 1.0): ASCII letters, digits, `_` and `-`.
  static func isBareKeyScalar(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar {
    case "A"..."Z", "a"..."z", "0"..."9", "_", "-": true
    default: false
    }
  }

  /// Walks the text once, skipping strings and comments, tracking how deep inside a value's brackets it is, so
  /// that only lines that really start a table header are read as headers.
  private struct Scanner {
    let scalars: [Unicode.Scalar]
    var index = 0
    var line = 1
    /// The brackets and braces open around the scan, innermost last.
    var open: [Unicode.Scalar] = []
    var atLineStart = true
    /// Whether the scan is inside a key (before its `=`), and how many dots it has passed there.
    var inKey = true
    var keyDots = 0
    var findings: [Finding] = []

    init(_ scalars: [Unicode.Scalar]) { self.scalars = scalars }

    func peek(_ offset: Int = 0) -> Unicode.Scalar? {
      scalars.indices.contains(index + offset) ? scalars[index + offset] : nil
    }

    mutating func run() -> [Finding] {
      while let scalar = peek() {
        switch scalar {
        case "\n":
          line += 1
          atLineStart = true
          if open.isEmpty { startKey() }
          index += 1
        case " ", "\t", "\r":
          index += 1
        case "#":
          skipToLineEnd()
        case "\"", "'":
          atLineStart = false
          // An unclosed multi-line string swallows the rest of the file: nothing after it can be read.
          guard skipString(quote: scalar) else { return findings }
        case "[" where atLineStart && open.isEmpty:
          checkHeader()
          skipToLineEnd()
        default:
          atLineStart = false
          switch scalar {
          case "{":
            open.append(scalar)
            startKey()
          case "[":
            open.append(scalar)
            inKey = false
          case "]", "}":
            _ = open.popLast()
            inKey = false
          case "=":
            inKey = false
          case "," where open.last == "{":
            startKey()
          case "." where inKey:
            passKeyDot()
          default: break
          }
          index += 1
        }
      }
      return findings
    }

    mutating func startKey() {
      inKey = true
      keyDots = 0
    }

    /// Counts a dot between a key's parts, reporting the key once it has too many.
    mutating func passKeyDot() {
      keyDots += 1
      guard keyDots == TOMLPreflight.maxKeyParts else { return }
      findings.append(
        Finding(
          line: line,
          zh: "这一行的名称（键）由 . 连成了超过 \(TOMLPreflight.maxKeyParts) 段；规则文件的名称最多 \(TOMLPreflight.maxKeyParts) 段，"
            + "如 kinds.visit.counted；请检查是否写错",
          en: "the key on this line has more than \(TOMLPreflight.maxKeyParts) parts joined by dots; a key has at most "
            + "\(TOMLPreflight.maxKeyParts), such as kinds.visit.counted; check what was meant"))
    }

    mutating func skipToLineEnd() {
      while let scalar = peek(), scalar != "\n" { index += 1 }
    }

    /// Moves past a string; false when a multi-line string never closes (reported at the line it opened).
    mutating func skipString(quote: Unicode.Scalar) -> Bool {
      let escapes = quote == "\""
      if peek(1) == quote && peek(2) == quote {
        let opened = line
        index += 3
        while let scalar = peek() {
          if escapes && scalar == "\\" {
            if peek(1) == "\n" { line += 1 }
            index += 2
            continue
          }
          if scalar == "\n" { line += 1 }
          if scalar == quote && peek(1) == quote && peek(2) == quote {
            index += 3
            return true
          }
          index += 1
        }
        let name = quote == "\"" ? "\"\"\"" : "'''"
        findings.append(
          Finding(
            line: opened,
            zh: "TOML 语法错误（这一行开始的多行文字 \(name) 直到文件末尾都没有结束）；请在文字结尾补上 \(name)",
            en: "TOML syntax error (the multi-line string opened on this line with \(name) is never closed); "
              + "end it with \(name)"))
        return false
      }
      // A one-line string ends at its quote or, unclosed, at the line's end, where toml++ reports it.
      index += 1
      while let scalar = peek(), scalar != "\n" {
        index += escapes && scalar == "\\" ? 2 : 1
        if scalar == quote { return true }
      }
      return true
    }

    mutating func checkHeader() {
      checkHeaderParts()
      var offset = 1
      if peek(offset) == "[" { offset += 1 }
      while peek(offset) == " " || peek(offset) == "\t" { offset += 1 }
      guard let first = peek(offset) else { return }
      if TOMLPreflight.isBareKeyScalar(first) || first == "\"" || first == "'" { return }
      findings.append(
        Finding(
          line: line,
          zh: "TOML 语法错误（表头的方括号内应以名称开头，名称只能用英文字母、数字、_ 和 -，其他文字要加引号）；"
            + "请写成 [[tier]] 或 [kinds.visit] 这样",
          en: "TOML syntax error (a table header must start with a name made of ASCII letters, digits, _ and -, "
            + "or a quoted name); write it like [[tier]] or [kinds.visit]"))
    }

    /// Counts the parts of a table header's name, skipping quoted parts, up to its closing bracket.
    mutating func checkHeaderParts() {
      var offset = 1
      var quote: Unicode.Scalar?
      var dots = 0
      while let scalar = peek(offset), scalar != "\n" {
        if let open = quote {
          if scalar == "\\" && open == "\"" {
            offset += 2
            continue
          }
          if scalar == open { quote = nil }
        } else if scalar == "\"" || scalar == "'" {
          quote = scalar
        } else if scalar == "]" {
          break
        } else if scalar == "." {
          dots += 1
        }
        offset += 1
      }
      if dots >= TOMLPreflight.maxKeyParts {
        keyDots = TOMLPreflight.maxKeyParts - 1
        passKeyDot()
      }
    }
  }
}
