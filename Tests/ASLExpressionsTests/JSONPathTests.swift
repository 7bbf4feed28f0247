import ASLExpressions
import RetraceCore
import Testing

@Suite("JSONPath")
struct JSONPathTests {
    static let store = """
        {"store": {"book": [
            {"category": "reference", "author": "Rees", "title": "Sayings", "price": 8.95},
            {"category": "fiction", "author": "Waugh", "title": "Sword", "price": 12.99, "isbn": "0-553"},
            {"category": "fiction", "author": "Melville", "title": "Moby Dick", "price": 8.99, "isbn": "0-395"},
            {"category": "fiction", "author": "Tolkien", "title": "The Lord", "price": 22.99, "isbn": "0-395-1"}
          ],
          "bicycle": {"color": "red", "price": 19.95}},
         "odd key": {"it's": 1, "a.b": 2, "quote\\"d": 3},
         "numbers": [0, 1, 2, 3, 4, 5],
         "empty": {}, "nothing": null}
        """

    func evaluate(_ path: String, _ input: String = store) throws -> JSONValue {
        try JSONPath(path).evaluate(in: environment(input))
    }

    @Test(
        "definite paths yield one value",
        arguments: [
            ("$", #"{"a": 1}"#, #"{"a": 1}"#),
            ("$.store.bicycle.color", store, #""red""#),
            ("$['store']['bicycle']['price']", store, "19.95"),
            ("$.store.book[0].author", store, #""Rees""#),
            ("$.store.book[-1].author", store, #""Tolkien""#),
            ("$.store.book[-4].title", store, #""Sayings""#),
            ("$['odd key'][\"it's\"]", store, "1"),
            ("$['odd key']['it\\'s']", store, "1"),
            ("$['odd key']['a.b']", store, "2"),
            ("$['odd key']['quote\"d']", store, "3"),
            (#"$['odd key']["quote\"d"]"#, store, "3"),
            (#"$['odd key']['a\.b']"#, store, "2"),
            (#"$["\q"]"#, #"{"q": 5}"#, "5"),
            (#"$['odd key']['\it\'s']"#, store, "1"),
            (#"$['back\\slash']"#, #"{"back\\slash": 4}"#, "4"),
            ("$.abc.['def ghi']", #"{"abc": {"def ghi": 7}}"#, "7"),
            ("$.nothing", store, "null"),
            ("$.empty", store, "{}"),
        ])
    func definite(path: String, input: String, expected: String) throws {
        #expect(try evaluate(path, input) == json(expected))
    }

    @Test(
        "indefinite paths yield every match as an array",
        arguments: [
            ("$.store.book[*].author", #"["Rees", "Waugh", "Melville", "Tolkien"]"#),
            ("$.store.book.*.price", "[8.95, 12.99, 8.99, 22.99]"),
            ("$..isbn", #"["0-553", "0-395", "0-395-1"]"#),
            ("$.store..price", "[8.95, 12.99, 8.99, 22.99, 19.95]"),
            ("$.numbers[1:3]", "[1, 2]"),
            ("$.numbers[:2]", "[0, 1]"),
            ("$.numbers[-2:]", "[4, 5]"),
            ("$.numbers[::2]", "[0, 2, 4]"),
            ("$.numbers[4:1:-1]", "[4, 3, 2]"),
            ("$.numbers[10:20]", "[]"),
            ("$.numbers[0,2,-1]", "[0, 2, 5]"),
            ("$.store.book[0]['author','title']", #"["Rees", "Sayings"]"#),
            ("$.store.book[?(@.price < 10)].title", #"["Sayings", "Moby Dick"]"#),
            ("$.store.book[?(@.isbn)].author", #"["Waugh", "Melville", "Tolkien"]"#),
            ("$.store.book[?(@.category == 'fiction' && @.price > 20)].author", #"["Tolkien"]"#),
            ("$.store.book[?(@.price > 20 || @.author == \"Rees\")].author", #"["Rees", "Tolkien"]"#),
            ("$.store.book[?(!(@.price < 10))].author", #"["Waugh", "Tolkien"]"#),
            ("$.store.book[?(@.price > $.store.bicycle.price)].author", #"["Tolkien"]"#),
            ("$.store.book[?(@.price > 100)]", "[]"),
            ("$.numbers[?(@ > 2)]", "[]"),
            ("$..[?(@.price < 9)].title", #"["Sayings", "Moby Dick"]"#),
            ("$.missing[*]", "[]"),
        ])
    func indefinite(path: String, expected: String) throws {
        #expect(try evaluate(path) == json(expected))
    }

    @Test(
        "a definite path that finds nothing fails, naming the first missing step",
        arguments: [
            ("$.no.such.path", "$['no']"),
            ("$.store.missing", "$['store']['missing']"),
            ("$.store.book[4]", "$['store']['book'][4]"),
            ("$.store.book[-5]", "$['store']['book'][-5]"),
            ("$.store.bicycle.color.shade", "$['store']['bicycle']['color']['shade']"),
            ("$.store.book.length", "$['store']['book']['length']"),
        ])
    func notFound(path: String, missing: String) throws {
        #expect {
            try evaluate(path)
        } throws: { error in
            guard case JSONPathError.notFound(let reported, let location, _) = error else { return false }
            return reported == path && location == missing
        }
    }

    @Test("functions such as length() parse but never match, as on AWS")
    func functionsNeverMatch() throws {
        let path = try JSONPath("$.numbers.length()")
        #expect(path.segments.last?.selector == .function("length"))
        #expect(!path.isDefinite)
        #expect(try path.evaluate(in: environment(Self.store)) == .array([]))
    }

    @Test("$$ reads the context object and $name a variable")
    func contextAndVariables() throws {
        let env = try environment(
            #"{"a": 1}"#, context: #"{"Execution": {"Id": "arn:x"}, "Map": {"Item": {"Index": 3}}}"#,
            variables: ["answer": #"{"value": 42, "list": [5, 6]}"#, "plain": #""text""#])
        #expect(try JSONPath("$$.Execution.Id").evaluate(in: env) == .string("arn:x"))
        #expect(try JSONPath("$$.Map.Item.Index").evaluate(in: env) == .integer(3))
        #expect(try JSONPath("$$").evaluate(in: env)["Execution"] != nil)
        #expect(try JSONPath("$answer.value").evaluate(in: env) == .integer(42))
        #expect(try JSONPath("$answer.list[-1]").evaluate(in: env) == .integer(6))
        #expect(try JSONPath("$plain").evaluate(in: env) == .string("text"))
        #expect(try JSONPath("$answer").root == .variable("answer"))
        #expect {
            try JSONPath("$unknown.value").evaluate(in: env)
        } throws: { error in
            (error as? JSONPathError) == .undefinedVariable(name: "unknown", path: "$unknown.value")
        }
    }

    @Test(
        "reference paths are the definite ones",
        arguments: [
            ("$", true), ("$.a.b", true), ("$['a'][0]", true), ("$.a[-1]", true), ("$$.Execution.Input", true),
            ("$var.x", true), ("$.a[*]", false), ("$..a", false), ("$.a[0:1]", false), ("$.a[0,1]", false),
            ("$.a[?(@.b)]", false), ("$.a.*", false), ("$.a.length()", false),
        ])
    func referencePaths(text: String, isReference: Bool) throws {
        #expect(try JSONPath(text).isDefinite == isReference)
        if isReference {
            _ = try JSONPath(referencePath: text)
        } else {
            #expect(throws: JSONPathError.notAReferencePath(path: text)) { try JSONPath(referencePath: text) }
        }
    }

    @Test(
        "syntax errors say where",
        arguments: [
            ("", 1), ("a.b", 1), ("$.", 3), ("$[", 3), ("$['a'", 6), ("$['a", 3), ("$.a[?(@.b <)]", 12),
            ("$.a[1:2:0]", 10), ("$.a b", 4), ("$.a[99999999999999999999]", 5),
        ])
    func syntaxErrors(text: String, position: Int) {
        #expect {
            try JSONPath(text)
        } throws: { error in
            guard case JSONPathError.syntax(let path, let reported, _) = error else { return false }
            return path == text && reported == position
        }
    }

    @Test("a descendant filter selects each matching object once, in document order")
    func descendantFilterSelectsOnce() throws {
        let input = #"{"a": [{"id": 2, "b": [{"id": 2}]}, {"id": 3}], "c": {"id": 2}, "d": [2, [{"id": 2}]]}"#
        #expect(
            try evaluate("$..[?(@.id == 2)]", input)
                == json(#"[{"id": 2, "b": [{"id": 2}]}, {"id": 2}, {"id": 2}, {"id": 2}]"#))
        #expect(try evaluate("$..[?(@.id == 3)].id", input) == json("[3]"))
    }

    @Test("a filter on an object tests the object itself, as Jayway does")
    func filterOnObject() throws {
        #expect(try evaluate("$.store.bicycle[?(@.color == 'red')].price") == json("[19.95]"))
        #expect(try evaluate("$.store.bicycle[?(@.color == 'blue')]") == json("[]"))
    }

    @Test("filter comparisons across types are false, strings order as Java does")
    func filterTypes() throws {
        let input = #"[{"v": "10"}, {"v": 10}, {"v": "b"}, {"v": "B"}, {"v": null}, {"v": true}]"#
        #expect(try evaluate("$[?(@.v == 10)]", input) == json(#"[{"v": 10}]"#))
        #expect(try evaluate("$[?(@.v == '10')]", input) == json(#"[{"v": "10"}]"#))
        #expect(try evaluate("$[?(@.v > 'a')]", input) == json(#"[{"v": "b"}]"#))
        #expect(try evaluate("$[?(@.v == null)]", input) == json(#"[{"v": null}]"#))
        #expect(try evaluate("$[?(@.v != true)]", input).arrayValue?.count == 5)
        #expect(try evaluate("$[?(@.w != 1)]", input) == json("[]"))
    }

    @Test("deeply nested filters are refused rather than recursing without bound")
    func filterDepthIsBounded() throws {
        let text = "$[?(" + String(repeating: "!", count: 200) + "@.a)]"
        #expect(throws: JSONPathError.self) { try JSONPath(text) }
        let chain = "$[?(" + Array(repeating: "@.a == 1", count: 5000).joined(separator: " && ") + ")]"
        #expect(throws: JSONPathError.self) { try JSONPath(chain) }
        let allowed = "$[?(" + Array(repeating: "@.a == 1", count: 100).joined(separator: " || ") + ")]"
        #expect(try JSONPath(allowed).evaluate(in: environment(#"[{"a": 1}, {"a": 2}]"#)) == json(#"[{"a": 1}]"#))
    }
}
