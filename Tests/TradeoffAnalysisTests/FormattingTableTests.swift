import BigInt
import Foundation
import Testing
import TradeoffAnalysis

/// The one table renderer (issue 18 item 2): every format, typed cells, and strings that would break a row.
struct FormattingTableTests {
    /// Cells that break an unescaped row in some format: a comma, a quote, a pipe, a backslash, line breaks,
    /// a tab, an escape sequence, DEL, a C1 control and a line separator.
    static let hostile = [
        "a,b", "say \"hi\"", "x|y", "back\\slash", "two\nlines", "cr\rlf", "tab\there", "\u{1B}[31mred",
        "del\u{7F}", "c1\u{85}", "ls\u{2028}",
    ]

    static let plain = Table(header: ["name", "value"], rows: [["b", "128"], ["P", "2^-65.0"]])

    @Test("plain strings render as before: Markdown, CSV and one JSON object a line, each ending in a newline")
    func plainFormats() {
        #expect(Self.plain.markdown == "| name | value |\n|---|---|\n| b | 128 |\n| P | 2^-65.0 |\n")
        #expect(Self.plain.rendered(as: .text) == Self.plain.markdown)
        #expect(Self.plain.csv == "name,value\nb,128\nP,2^-65.0\n")
        #expect(
            Self.plain.json
                == "[\n  {\"name\": \"b\", \"value\": \"128\"},\n  {\"name\": \"P\", \"value\": \"2^-65.0\"}\n]\n")
        #expect(Table(header: ["a"], rows: []).json == "[\n\n]\n")
    }

    @Test("Markdown escapes pipes and backslashes and writes control characters as escapes, in cells and headers")
    func markdownHostile() {
        let table = Table(header: ["k|ey"], rows: Self.hostile.map { [$0] })
        let lines = table.markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.count == Self.hostile.count + 3)  // header, rule, one line a row, the final newline
        #expect(lines[0] == "| k\\|ey |")
        #expect(
            Array(lines[2..<(2 + Self.hostile.count)]) == [
                "| a,b |", "| say \"hi\" |", "| x\\|y |", "| back\\\\slash |", "| two\\nlines |", "| cr\\rlf |",
                "| tab\\there |", "| \\u{1B}[31mred |", "| del\\u{7F} |", "| c1\\u{85} |", "| ls\\u{2028} |",
            ])
        // Every row has exactly the two unescaped pipes of its one cell.
        for line in lines[2..<(2 + Self.hostile.count)] {
            #expect(Self.unescapedPipes(line) == 2, "\(line)")
        }
    }

    @Test("CSV quotes cells with commas, quotes, line breaks or control characters, and a parser reads them back")
    func csvHostile() throws {
        let table = Table(header: ["text", "n"], rows: Self.hostile.map { [$0, "1"] })
        let csv = table.csv
        #expect(csv.hasPrefix("text,n\n\"a,b\",1\n\"say \"\"hi\"\"\",1\nx|y,1\nback\\slash,1\n\"two\nlines\",1\n"))
        let parsed = try Self.parseCSV(csv)
        #expect(parsed == [["text", "n"]] + Self.hostile.map { [$0, "1"] })
    }

    @Test("JSON escapes every string through JSONValue and parses back to the same cells")
    func jsonHostile() throws {
        let table = Table(header: ["text", "quote\"key"], rows: Self.hostile.map { [$0, $0] })
        let objects = try #require(
            try JSONSerialization.jsonObject(with: Data(table.json.utf8)) as? [[String: String]])
        #expect(objects.map { $0["text"] } == Self.hostile)
        #expect(objects.map { $0["quote\"key"] } == Self.hostile)
        #expect(table.json.contains("\"two\\nlines\"") && table.json.contains("\"\\u001b[31mred\""))
    }

    @Test("typed cells: integers with all digits, numbers in their format, booleans, and null as - or null")
    func typedCells() {
        let huge = BigInt(1) << 200
        let record: [(String, TableValue)] = [
            ("count", .integer(huge)), ("log2 P", .number(-65.04, format: "%.2f")), ("fits", .bool(true)),
            ("none", .null), ("inf", .number(.infinity)), ("nan", .number(.nan)),
        ]
        let table = Table(records: [record])
        #expect(table.header == ["count", "log2 P", "fits", "none", "inf", "nan"])
        #expect(table.rows == [["\(huge)", "-65.04", "true", "-", "infinity", "nan"]])
        #expect(
            table.json
                == "[\n  {\"count\": \(huge), \"log2 P\": -65.040000000000006, \"fits\": true, \"none\": null, "
                + "\"inf\": null, \"nan\": null}\n]\n")
        #expect(TableValue.number(-.infinity).text == "-infinity")
    }

    @Test("a record is name: value lines, a pretty JSON object, or a one-row table")
    func records() throws {
        let fields: [(String, TableValue)] = [("bits", .integer(96)), ("reason", .string("a|b\nc"))]
        #expect(Table.record(fields, as: .text) == "bits: 96\nreason: a|b\\nc\n")
        #expect(Table.record(fields, as: .json) == "{\n  \"bits\": 96,\n  \"reason\": \"a|b\\nc\"\n}\n")
        #expect(Table.record(fields, as: .markdown) == "| bits | reason |\n|---|---|\n| 96 | a\\|b\\nc |\n")
        #expect(Table.record(fields, as: .csv) == "bits,reason\n96,\"a|b\nc\"\n")
    }

    /// The pipes of `line` that are not escaped by a backslash (itself not escaped).
    static func unescapedPipes(_ line: String) -> Int {
        var count = 0
        var escaped = false
        for c in line {
            if escaped {
                escaped = false
            } else if c == "\\" {
                escaped = true
            } else if c == "|" {
                count += 1
            }
        }
        return count
    }

    /// A strict RFC 4180 reader: quoted fields may hold anything, with quotes doubled; rows end in LF.
    static func parseCSV(_ text: String) throws -> [[String]] {
        struct Malformed: Error {}
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var scalars = Array(text.unicodeScalars)[...]
        while let c = scalars.popFirst() {
            if quoted {
                if c == "\"" {
                    if scalars.first == "\"" {
                        field.unicodeScalars.append(c)
                        scalars.removeFirst()
                    } else {
                        quoted = false
                    }
                } else {
                    field.unicodeScalars.append(c)
                }
            } else if c == "\"" {
                guard field.isEmpty else { throw Malformed() }
                quoted = true
            } else if c == "," {
                row.append(field)
                field = ""
            } else if c == "\n" {
                row.append(field)
                rows.append(row)
                row = []
                field = ""
            } else {
                // Unquoted fields hold no control characters: the writer quotes those.
                guard ![.control, .lineSeparator, .paragraphSeparator].contains(c.properties.generalCategory) else {
                    throw Malformed()
                }
                field.unicodeScalars.append(c)
            }
        }
        guard !quoted, row.isEmpty, field.isEmpty else { throw Malformed() }
        return rows
    }
}
