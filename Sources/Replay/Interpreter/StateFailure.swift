/// An error a state raises while the interpreter runs it (a path that selects nothing, an intrinsic that fails,
/// a JSONata expression that fails): the error name Step Functions records and the cause.
struct StateFailure: Error {
    var error: String
    var cause: String
}
